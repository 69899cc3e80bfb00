// Package textwrap breaks text into lines for a terminal or a plain-text
// report, with the line-breaking rules of Chinese (kinsoku): a line never
// starts with closing punctuation such as ，。）」 nor ends with opening
// punctuation such as （「“. Chinese may break between any two
// characters; Latin words break only at spaces, unless a word is longer
// than the line. Widths are display cells, measured with the same
// function lipgloss and the TUI use, so a wrapped line fits the screen
// exactly. Wrapping is linear in the length of the text.
package textwrap

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

const (
	// closing punctuation may not begin a line: it stays with what
	// precedes it.
	closing = "，。、；：？！）」』】》〉〕］｝〗〙”’…‥％·" + ",.;:!?)]}%"
	// opening punctuation may not end a line: it stays with what
	// follows it.
	opening = "（「『【《〈〔［｛〖〘“‘" + "([{"
	// joiner is U+2060 WORD JOINER: no break on either side of it. Keep
	// puts it into a phrase; it never reaches the output.
	joiner = '\u2060'
	// maxPlaceholder is the longest 【…】 span, in characters, kept on
	// one line (a placeholder such as 【请补充具体事例】).
	maxPlaceholder = 16
)

// Width is the display width of s in terminal cells; escape sequences
// take none and wide (CJK) characters take two.
func Width(s string) int { return ansi.StringWidth(s) }

// Pad right-pads s with spaces to width cells, for a column of names; a
// longer s is returned as it is.
func Pad(s string, width int) string {
	if w := Width(s); w < width {
		return s + strings.Repeat(" ", width-w)
	}
	return s
}

// Keep returns s marked so that Wrap never breaks inside it: for a short
// phrase that must stay whole, such as a key and what it does
// ("← 返回上一题").
func Keep(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 {
			b.WriteRune(joiner)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Wrap breaks s into lines of at most width cells (at least 1). Newlines
// in s are kept; spaces where a line breaks are dropped, and a line has
// no spaces at either end.
func Wrap(s string, width int) []string {
	width = max(width, 1)
	var out []string
	for para := range strings.SplitSeq(s, "\n") {
		n := len(out)
		out = wrapPara(para, tokens(para), width, out)
		if strings.ContainsRune(para, joiner) {
			for i := n; i < len(out); i++ {
				out[i] = strings.ReplaceAll(out[i], string(joiner), "")
			}
		}
	}
	return out
}

// Hang wraps s so that its first line starts with first and the others
// are indented to line up under the text. first may hold escape codes.
func Hang(s, first string, width int) string {
	fw := Width(first)
	lines := Wrap(s, width-fw)
	ind := strings.Repeat(" ", fw)
	var b strings.Builder
	for i, l := range lines {
		if i == 0 {
			b.WriteString(first)
		} else {
			b.WriteByte('\n')
			if l != "" {
				b.WriteString(ind)
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

// Mark returns the paragraph s with mark inserted at every place Wrap
// may break a line that is not a space: between Chinese characters, but
// never before closing or after opening punctuation. A typesetter that
// breaks only at spaces, such as groff for the man page (mark `\:`),
// then breaks Chinese text as Wrap does.
func Mark(s, mark string) string {
	toks := tokens(s)
	var b strings.Builder
	last := 0
	for i, t := range toks {
		b.WriteString(s[last:t.gapAt])
		if i > 0 && t.gapW == 0 {
			b.WriteString(mark)
		}
		b.WriteString(s[t.gapAt:t.end])
		last = t.end
	}
	b.WriteString(s[last:])
	return strings.ReplaceAll(b.String(), string(joiner), "")
}

var closingSet, openingSet = runeSet(closing), runeSet(opening)

func runeSet(s string) map[rune]bool {
	m := map[rune]bool{}
	for _, r := range s {
		m[r] = true
	}
	return m
}

// in reports whether the grapheme g is one character of set.
func in(set map[rune]bool, g string) bool {
	r, n := utf8.DecodeRuneInString(g)
	return n == len(g) && set[r]
}

// isSpace reports whether the grapheme g is a space a line may break at
// (not a no-break space).
func isSpace(g string) bool {
	if g == " " {
		return true
	}
	r, n := utf8.DecodeRuneInString(g)
	return n == len(g) && unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f' && r != '\u2007'
}

// grapheme returns the first grapheme cluster of s and its width. Plain
// ASCII, the common case, skips the segmentation.
func grapheme(s string) (string, int) {
	if c := s[0]; c >= 0x20 && c < 0x7f && (len(s) == 1 || s[1] < 0x80) {
		return s[:1], 1
	}
	return ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
}

// token is a piece of a paragraph that stays on one line: s[at:end],
// after the spaces s[gapAt:at] where the line may break.
type token struct {
	gapAt, at, end int
	gapW, w        int
}

// tokens splits one paragraph into the pieces that stay on one line. A
// break is allowed at spaces and between two characters, except before
// closing punctuation, after opening punctuation, between two narrow
// characters (inside a Latin word, a number or a path) and around a
// word joiner.
func tokens(s string) []token {
	var (
		toks       []token
		cur        token
		have       bool // cur holds a token
		spAt, spW  int  // spaces seen since cur, where they start
		prevOpen   bool // cur ends with opening punctuation
		prevNarrow bool // cur ends with a narrow character
		glue       bool // a word joiner came last
	)
	for i := 0; i < len(s); {
		g, w := grapheme(s[i:])
		j := i + len(g)
		if g == string(joiner) {
			glue = have
			i = j
			continue
		}
		joined := glue
		glue = false
		if isSpace(g) && !joined && !(have && prevOpen) {
			if spW == 0 {
				spAt = i
			}
			spW += w
			i = j
			continue
		}
		if g == "【" {
			// a short placeholder 【…】 stays whole
			if k := strings.Index(s[j:], "】"); k >= 0 && utf8.RuneCountInString(s[j:j+k]) < maxPlaceholder && !strings.Contains(s[j:j+k], "【") {
				j += k + len("】")
				w = Width(s[i:j])
				g = s[i:j]
			}
		}
		stay := have && (joined || in(closingSet, g) || spW == 0 && (prevOpen || prevNarrow && w == 1))
		switch {
		case stay:
			cur.end = j
			cur.w += spW + w
		default:
			if have {
				toks = append(toks, cur)
			}
			cur = token{gapAt: i, at: i, end: j, w: w}
			if spW > 0 {
				cur.gapAt, cur.gapW = spAt, spW
			}
			have = true
		}
		spW = 0
		prevOpen = in(openingSet, g) || prevOpen && isSpace(g)
		prevNarrow = w == 1 && len(g) < 5 && !isSpace(g)
		i = j
	}
	if have {
		toks = append(toks, cur)
	}
	return toks
}

// wrapPara lays the tokens of paragraph s out greedily and appends the
// lines to out.
func wrapPara(s string, toks []token, width int, out []string) []string {
	at, end, w := 0, 0, 0
	empty := true
	emit := func(line string) { out = append(out, strings.Trim(line, " ")) }
	for _, t := range toks {
		if !empty && w+t.gapW+t.w > width {
			emit(s[at:end])
			w, empty = 0, true
		}
		if empty {
			at = t.at
		} else {
			w += t.gapW
		}
		from, tw := t.at, t.w
		for tw > width-w {
			// a word longer than the line (the line is empty here): cut
			// it where the line is full
			n, hw := cut(s[from:t.end], width)
			if n == 0 { // one character wider than the line
				g, gw := grapheme(s[from:t.end])
				n, hw = len(g), gw
			}
			if from+n == t.end {
				break
			}
			emit(s[from : from+n])
			from += n
			tw -= hw
			at = from
		}
		end = t.end
		w += tw
		empty = false
	}
	if empty {
		return append(out, "")
	}
	emit(s[at:end])
	return out
}

// cut returns how many bytes of s fit in room cells, and their width.
func cut(s string, room int) (int, int) {
	n, w := 0, 0
	for n < len(s) {
		g, gw := grapheme(s[n:])
		if w+gw > room {
			break
		}
		n += len(g)
		w += gw
	}
	return n, w
}
