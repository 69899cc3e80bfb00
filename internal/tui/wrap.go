package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// lipgloss wraps Chinese, but it happily starts a line with "，" or ends
// one with "（". wrap breaks plain text greedily by cells, backs up to a
// space inside Latin words, and backs up one more character whenever a
// line would start with closing or end with opening punctuation.

const (
	closing = "，。、；：！？）》」』”’…,.;:!?)]}%"
	opening = "（《「『“‘([{"
)

func runeWidth(r rune) int { return ansi.StringWidth(string(r)) }

// isLatin reports whether r belongs to a word that must not be split:
// any narrow character but a space, so paths and "past year," hold
// together.
func isLatin(r rune) bool {
	return r != ' ' && runeWidth(r) == 1
}

// wrap breaks s into lines of at most width cells; newlines in s are kept.
func wrap(s string, width int) []string {
	width = max(width, 2)
	var out []string
	for _, para := range strings.Split(s, "\n") {
		out = append(out, wrapPara([]rune(para), width)...)
	}
	return out
}

func wrapPara(rs []rune, width int) []string {
	var lines []string
	for {
		n, w := 0, 0
		for n < len(rs) && w+runeWidth(rs[n]) <= width {
			w += runeWidth(rs[n])
			n++
		}
		if n >= len(rs) {
			return append(lines, string(rs))
		}
		cut := n
		if isLatin(rs[cut]) && isLatin(rs[cut-1]) {
			// inside a word: break before it, unless it fills the line
			i := cut - 1
			for i > 0 && isLatin(rs[i-1]) {
				i--
			}
			if i > 0 {
				cut = i
			}
		}
		for cut > 1 && (strings.ContainsRune(closing, rs[cut]) || strings.ContainsRune(opening, rs[cut-1])) {
			cut--
		}
		lines = append(lines, strings.TrimRight(string(rs[:cut]), " "))
		rs = rs[cut:]
		for len(rs) > 0 && rs[0] == ' ' {
			rs = rs[1:]
		}
	}
}

// wrapJoin wraps s and joins the lines, indenting all but the first by
// indent cells.
func wrapJoin(s string, width, indent int) string {
	lines := wrap(s, width-indent)
	pad := strings.Repeat(" ", indent)
	for i := 1; i < len(lines); i++ {
		lines[i] = pad + lines[i]
	}
	return strings.Join(lines, "\n")
}
