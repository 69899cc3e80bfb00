// Package texttable lays out plain-text tables of figures for the
// terminal: columns padded to their widest cell, counting a CJK character
// as two cells.
package texttable

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Columns renders rows with the first column left-aligned and the others
// right-aligned, two spaces apart, with no trailing spaces.
func Columns(rows [][]string) string {
	widths := map[int]int{}
	for _, row := range rows {
		for i, c := range row {
			widths[i] = max(widths[i], ansi.StringWidth(c))
		}
	}
	var w strings.Builder
	for _, row := range rows {
		var line strings.Builder
		for i, c := range row {
			gap := strings.Repeat(" ", widths[i]-ansi.StringWidth(c))
			if i == 0 {
				line.WriteString(c + gap)
			} else {
				line.WriteString("  " + gap + c)
			}
		}
		w.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
	return w.String()
}
