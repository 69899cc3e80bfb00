package render

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// noLineStart is punctuation that must not begin a line.
const noLineStart = "，。、；：！？）》」”’…%,.;:!?)]"

// wrapText breaks plain text into lines of at most width cells. Latin
// words break at spaces; Chinese text, which has no spaces, may break
// between any two characters, except before closing punctuation. A word
// longer than a line (a long path, say) is cut where the line is full.
func wrapText(s string, width int) []string {
	var lines []string
	var line strings.Builder
	lw := 0
	flush := func() {
		lines = append(lines, strings.TrimRight(line.String(), " "))
		line.Reset()
		lw = 0
	}
	for _, tok := range tokens(s) {
		tw := ansi.StringWidth(tok)
		if lw > 0 && lw+tw > width && strings.TrimSpace(tok) != "" {
			flush()
		}
		if lw == 0 {
			tok = strings.TrimLeft(tok, " ")
			tw = ansi.StringWidth(tok)
		}
		for tw > width { // hard-cut an overlong word
			head := ansi.Truncate(tok, width-lw, "")
			line.WriteString(head)
			flush()
			tok = strings.TrimPrefix(tok, head)
			tw = ansi.StringWidth(tok)
		}
		line.WriteString(tok)
		lw += tw
	}
	if lw > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}

// tokens splits s into units that stay on one line: a wide character
// with any closing punctuation after it, or a run of other characters
// with its leading spaces.
func tokens(s string) []string {
	var out []string
	var cur strings.Builder
	emit := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	prevSpace := false
	for _, r := range s {
		switch {
		case strings.ContainsRune(noLineStart, r):
			if cur.Len() == 0 && len(out) > 0 {
				out[len(out)-1] += string(r)
				continue
			}
			cur.WriteRune(r)
		case ansi.StringWidth(string(r)) == 2:
			emit()
			cur.WriteRune(r)
			emit()
		case unicode.IsSpace(r):
			if !prevSpace {
				emit()
			}
			cur.WriteRune(' ')
		default:
			cur.WriteRune(r)
		}
		prevSpace = unicode.IsSpace(r)
	}
	emit()
	return out
}
