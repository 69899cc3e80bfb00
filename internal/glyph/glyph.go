// Package glyph owns the symbols tangping draws with in a terminal: bar
// cells, the flag mark, box rules and the scroll indicator.
//
// The Unicode ones (█ ░ ● ▼ ─ and the eighth blocks) are "East Asian
// Ambiguous" characters: a terminal set to draw them wide, as many CJK
// terminals and legacy Chinese code pages do, gives each two cells while
// the layout counted one, and bars wrap and tables break. The safe set
// uses ASCII only. FromEnv picks it (docs/reports.md).
package glyph

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tangping-dev/tangping/internal/i18n"
)

// Set is a choice of glyphs; the zero value is the Unicode set.
type Set struct {
	Safe bool // ASCII only, for terminals that draw ambiguous characters wide
}

// Full and Empty are a bar's filled and empty cells.
func (s Set) Full() string { return s.pick("█", "#") }

// Empty is a bar's empty cell.
func (s Set) Empty() string { return s.pick("░", ".") }

// FullRune and EmptyRune are Full and Empty as runes, for bubbles'
// progress bar.
func (s Set) FullRune() rune { return []rune(s.Full())[0] }

// EmptyRune is Empty as a rune.
func (s Set) EmptyRune() rune { return []rune(s.Empty())[0] }

// Eighths are the partial cells ▏ to ▉ (1/8 to 7/8) for bars finer than a
// cell; nil in the safe set, where a bar is rounded to whole cells.
func (s Set) Eighths() []string {
	if s.Safe {
		return nil
	}
	return []string{"▏", "▎", "▍", "▌", "▋", "▊", "▉"}
}

// Mark marks a flagged behaviour.
func (s Set) Mark() string { return s.pick("●", "*") }

// Rule is a horizontal rule's cell.
func (s Set) Rule() string { return s.pick("─", "-") }

func (s Set) pick(unicode, safe string) string {
	if s.Safe {
		return safe
	}
	return unicode
}

// Scroll says where a scrolled view stands, for a view of height lines
// showing total lines from offset: "▼ 下面还有 28 行（↑↓ 翻看）" while there
// is more below, "▲ 已到末尾（共 48 行）" at the end, and "" when all fits.
// It counts lines, never a percentage: "下面还有（0%）" at the top read as
// "nothing more below". The result screen and the trainer's dashboard
// both use it.
func (s Set) Scroll(l i18n.Lang, total, offset, height int) string {
	if total <= height {
		return ""
	}
	keys := s.pick("↑↓", l.T("方向键", "arrow keys"))
	below := total - offset - height
	if below <= 0 {
		return s.pick("▲", "^") + l.T(fmt.Sprintf(" 已到末尾（共 %d 行，%s 翻看）", total, keys), fmt.Sprintf(" end (%d lines; %s to scroll)", total, keys))
	}
	return s.pick("▼", "v") + l.T(fmt.Sprintf(" 下面还有 %d 行（%s 翻看）", below, keys), fmt.Sprintf(" %d more %s below (%s to scroll)", below, lines(below), keys))
}

func lines(n int) string {
	if n == 1 {
		return "line"
	}
	return "lines"
}

// FromEnv chooses the set from the environment (getenv is os.Getenv or a
// session's own): TANGPING_GLYPHS=safe or =unicode decides; otherwise
// the safe set when RUNEWIDTH_EASTASIAN=1 (the setting other terminal
// programs read for this) or when the locale's character set is a legacy
// CJK one (GBK, GB18030, Big5, EUC, Shift JIS), whose terminals always
// draw ambiguous characters wide.
func FromEnv(getenv func(string) string) Set {
	switch strings.ToLower(getenv("TANGPING_GLYPHS")) {
	case "safe", "ascii":
		return Set{Safe: true}
	case "unicode":
		return Set{}
	}
	switch getenv("RUNEWIDTH_EASTASIAN") {
	case "1":
		return Set{Safe: true}
	case "0":
		return Set{}
	}
	return Set{Safe: legacyCJK(locale(getenv))}
}

// locale is the one that decides the character set: LC_ALL, then
// LC_CTYPE, then LANG.
func locale(getenv func(string) string) string {
	for _, k := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if v := getenv(k); v != "" {
			return v
		}
	}
	return ""
}

func legacyCJK(loc string) bool {
	loc = strings.ToLower(loc)
	cs := loc
	if i := strings.IndexByte(cs, '.'); i >= 0 {
		cs = cs[i+1:]
	} else {
		return false
	}
	if i := strings.IndexByte(cs, '@'); i >= 0 {
		cs = cs[:i]
	}
	cs = strings.ReplaceAll(cs, "-", "")
	return slices.Contains([]string{"gbk", "gb18030", "gb2312", "big5", "big5hkscs", "euccn", "euctw", "eucjp", "euckr", "sjis", "shiftjis", "cp936", "cp950"}, cs)
}
