package glyph

import (
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"github.com/tangping-dev/tangping/internal/i18n"
)

// Every glyph of the safe set takes one cell whether the terminal draws
// East Asian Ambiguous characters narrow or wide; the Unicode set's do
// not, which is why the safe set exists.
func TestSafeSetIsUnambiguous(t *testing.T) {
	t.Parallel()
	wide := runewidth.NewCondition()
	wide.EastAsianWidth = true
	narrow := runewidth.NewCondition()
	narrow.EastAsianWidth = false
	glyphs := func(s Set) []string {
		out := []string{s.Full(), s.Empty(), s.Mark(), s.Rule(), s.Scroll(i18n.ZH, 40, 0, 10), s.Scroll(i18n.EN, 40, 30, 10)}
		return append(out, s.Eighths()...)
	}
	for _, g := range glyphs(Set{Safe: true}) {
		if wide.StringWidth(g) != narrow.StringWidth(g) {
			t.Errorf("safe glyph %q changes width with the terminal's ambiguous-width setting", g)
		}
	}
	ambiguous := 0
	for _, g := range glyphs(Set{}) {
		if wide.StringWidth(g) != narrow.StringWidth(g) {
			ambiguous++
		}
	}
	if ambiguous == 0 {
		t.Error("the Unicode set should be the one with ambiguous glyphs (or the test checks nothing)")
	}
}

func TestFromEnv(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		env  map[string]string
		safe bool
	}{
		{map[string]string{}, false},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, false},
		{map[string]string{"LANG": "zh_CN.GBK"}, true},
		{map[string]string{"LANG": "zh_TW.Big5"}, true},
		{map[string]string{"LC_ALL": "zh_CN.GB18030", "LANG": "en_US.UTF-8"}, true},
		{map[string]string{"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.GBK"}, false},
		{map[string]string{"RUNEWIDTH_EASTASIAN": "1", "LANG": "zh_CN.UTF-8"}, true},
		{map[string]string{"RUNEWIDTH_EASTASIAN": "0", "LANG": "zh_CN.GBK"}, false},
		{map[string]string{"TANGPING_GLYPHS": "safe"}, true},
		{map[string]string{"TANGPING_GLYPHS": "unicode", "RUNEWIDTH_EASTASIAN": "1"}, false},
		{map[string]string{"TANGPING_GLYPHS": "SAFE", "RUNEWIDTH_EASTASIAN": "0"}, true},
	} {
		if got := FromEnv(func(k string) string { return tc.env[k] }); got.Safe != tc.safe {
			t.Errorf("%v: safe = %v, want %v", tc.env, got.Safe, tc.safe)
		}
	}
}

// The indicator counts lines: at the top of a long view it says how
// many are below, never "0%".
func TestScroll(t *testing.T) {
	t.Parallel()
	var s Set
	if got := s.Scroll(i18n.ZH, 48, 0, 20); got != "▼ 下面还有 28 行（↑↓ 翻看）" {
		t.Errorf("top: %q", got)
	}
	if got := s.Scroll(i18n.ZH, 48, 28, 20); !strings.HasPrefix(got, "▲ 已到末尾") {
		t.Errorf("bottom: %q", got)
	}
	if got := s.Scroll(i18n.EN, 21, 0, 20); got != "▼ 1 more line below (↑↓ to scroll)" {
		t.Errorf("one line: %q", got)
	}
	if got := s.Scroll(i18n.ZH, 20, 0, 20); got != "" {
		t.Errorf("all fits: %q", got)
	}
	if strings.Contains(s.Scroll(i18n.ZH, 48, 0, 20), "%") {
		t.Error("a percentage is back")
	}
}
