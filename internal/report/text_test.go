package report

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"

	"github.com/tangping-dev/tangping/internal/glyph"
	"github.com/tangping-dev/tangping/internal/i18n"
)

// A result keeps names in its own language; the report's language takes
// them from the bank when it is the result's bank, else keeps the stored
// ones rather than guessing.
func TestTextLanguageFollowsBank(t *testing.T) {
	t.Parallel()
	r, b := fixture(t, "flagged") // a Chinese result
	en := ansi.Strip(Text(r, b, TextOptions{Lang: i18n.EN, Width: 80}))
	for _, want := range []string{"Management by remote control", "Pronounced", "Descriptive bands, not norms", "[Management by remote control] Set aside at least four fixed days"} {
		if !strings.Contains(en, want) {
			t.Errorf("English text of a Chinese result lacks %q:\n%s", want, en)
		}
	}
	noBank := ansi.Strip(Text(r, nil, TextOptions{Lang: i18n.EN, Width: 80}))
	for _, want := range []string{"遥控指挥", "比较突出", "Descriptive bands, not norms"} {
		if !strings.Contains(noBank, want) {
			t.Errorf("without the bank, the text should keep the stored name %q:\n%s", want, noBank)
		}
	}
}

func TestTextUnscoredBehaviour(t *testing.T) {
	t.Parallel()
	r, b := fixture(t, "flagged")
	r.Behaviours[9].Score, r.Behaviours[9].Band = nil, nil // B10 清而不为
	got := ansi.Strip(Text(r, b, TextOptions{Lang: i18n.ZH, Width: 60}))
	if !strings.Contains(got, "清而不为 作答不足，未计分") {
		t.Errorf("an unscored behaviour should say so in place of its bar:\n%s", got)
	}
}

// Every bar of the result body, dimensions and behaviours alike, starts
// in the same column and is as long, in both languages and at every
// width: in English the two sections' bars used to differ by seven cells.
func TestTextBarsLineUp(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"flagged", "idealised"} {
		r, b := fixture(t, name)
		for _, lang := range []i18n.Lang{i18n.ZH, i18n.EN} {
			for _, w := range []int{40, 60, 80, 120} {
				text := ansi.Strip(Text(r, b, TextOptions{Lang: lang, Width: w}))
				type bar struct{ col, cells int }
				var bars []bar
				for line := range strings.SplitSeq(text, "\n") {
					i := strings.IndexAny(line, "█░")
					if i < 0 {
						continue
					}
					n := strings.Count(line, "█") + strings.Count(line, "░")
					bars = append(bars, bar{ansi.StringWidth(line[:i]), n})
				}
				if len(bars) != 16 {
					t.Fatalf("%s %s %d: %d bars, want 16:\n%s", name, lang, w, len(bars), text)
				}
				for _, x := range bars[1:] {
					if x != bars[0] {
						t.Errorf("%s %s %d: bars at column/length %v and %v:\n%s", name, lang, w, bars[0], x, text)
						break
					}
				}
			}
		}
	}
}

// In a terminal that draws East Asian Ambiguous characters wide, the
// Unicode bars (█ ░ ●) take twice the cells the layout counted and wrap;
// the safe set's bar lines fit the width whatever the terminal does.
func TestTextSafeGlyphs(t *testing.T) {
	t.Parallel()
	r, b := fixture(t, "flagged")
	wide := runewidth.NewCondition()
	wide.EastAsianWidth = true
	overflow := func(g glyph.Set) (bars, over int) {
		out := ansi.Strip(Text(r, b, TextOptions{Lang: i18n.ZH, Width: 60, Glyphs: g}))
		for line := range strings.SplitSeq(out, "\n") {
			if !strings.Contains(line, g.Full()+g.Full()) && !strings.Contains(line, g.Empty()+g.Empty()) {
				continue
			}
			bars++
			if wide.StringWidth(line) > 60 {
				over++
			}
		}
		return bars, over
	}
	if bars, over := overflow(glyph.Set{Safe: true}); bars < 10 || over > 0 {
		t.Errorf("safe glyphs: %d of %d bar lines overflow 60 cells in a wide-ambiguous terminal", over, bars)
	}
	if _, over := overflow(glyph.Set{}); over == 0 {
		t.Error("the Unicode bars should overflow in a wide-ambiguous terminal (else this test shows nothing)")
	}
	safe := Text(r, b, TextOptions{Lang: i18n.ZH, Width: 60, Glyphs: glyph.Set{Safe: true}})
	for _, g := range []string{"█", "░", "●"} {
		if strings.Contains(safe, g) {
			t.Errorf("the safe set still draws %q", g)
		}
	}
}
