package report

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// Chinese text has no spaces, and lipgloss wraps only at spaces, so a
// long Chinese sentence would become one unbreakable word. wrap breaks
// between any two wide characters, between words of Latin text, and
// never puts closing punctuation at the start of a line or opening
// punctuation at the end of one.

const (
	noLineStart = "，。、；：！？）》」』”’…%,.;:!?)]}·"
	noLineEnd   = "（《「『“‘([{"
)

type token struct {
	text  string
	space bool // a space separated it from the previous token
}

func tokenize(s string) []token {
	var toks []token
	var cur strings.Builder
	space := false
	flush := func() {
		if cur.Len() > 0 {
			toks = append(toks, token{cur.String(), space})
			cur.Reset()
			space = false
		}
	}
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r == '【' {
			// a placeholder such as 【请补充具体事例】 stays on one line
			if j := indexRune(rs[i:], '】'); j > 0 && j < 16 {
				flush()
				toks = append(toks, token{string(rs[i : i+j+1]), space})
				space = false
				i += j
				continue
			}
		}
		switch {
		case unicode.IsSpace(r):
			flush()
			space = true
		case ansi.StringWidth(string(r)) == 2 || strings.ContainsRune(noLineStart+noLineEnd, r):
			if strings.ContainsRune(noLineStart, r) {
				// glue to whatever came before
				if cur.Len() == 0 && len(toks) > 0 && !space {
					toks[len(toks)-1].text += string(r)
					continue
				}
				cur.WriteRune(r)
				continue
			}
			flush()
			cur.WriteRune(r)
			if !strings.ContainsRune(noLineEnd, r) {
				flush()
			}
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	// An opening bracket glues to what follows.
	out := toks[:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		for i+1 < len(toks) && t.text != "" && strings.ContainsRune(noLineEnd, lastRune(t.text)) && !toks[i+1].space {
			t.text += toks[i+1].text
			i++
		}
		out = append(out, t)
	}
	return out
}

func indexRune(rs []rune, r rune) int {
	for i, x := range rs {
		if x == r {
			return i
		}
	}
	return -1
}

func lastRune(s string) rune {
	r := []rune(s)
	return r[len(r)-1]
}

// wrap breaks plain text into lines of at most width cells. Explicit
// newlines are kept.
func wrap(s string, width int) []string {
	if width < 1 {
		width = 1
	}
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		lines = append(lines, wrapPara(para, width)...)
	}
	return lines
}

func wrapPara(s string, width int) []string {
	var lines []string
	var line strings.Builder
	w := 0
	for _, t := range tokenize(s) {
		tw := ansi.StringWidth(t.text)
		sep := 0
		if t.space && w > 0 {
			sep = 1
		}
		if w > 0 && w+sep+tw > width {
			lines = append(lines, line.String())
			line.Reset()
			w, sep = 0, 0
		}
		if sep == 1 {
			line.WriteByte(' ')
			w++
		}
		for tw > width-w && w == 0 && tw > width {
			// a word longer than the line: cut it
			head := ansi.Truncate(t.text, width, "")
			lines = append(lines, head)
			t.text = strings.TrimPrefix(t.text, head)
			tw = ansi.StringWidth(t.text)
		}
		line.WriteString(t.text)
		w += tw
	}
	return append(lines, line.String())
}

// hang wraps s so that the first line starts with first and the others
// are indented to line up under the text.
func hang(s, first string, width int) string {
	ind := strings.Repeat(" ", ansi.StringWidth(first))
	lines := wrap(s, width-ansi.StringWidth(first))
	for i := range lines {
		if i == 0 {
			lines[i] = first + lines[i]
		} else {
			lines[i] = ind + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}
