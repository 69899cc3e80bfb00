package report

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/i18n"
)

// A result keeps names in its own language; the report's language takes
// them from the bank when it is the result's bank, else keeps the stored
// ones rather than guessing.
func TestTextLanguageFollowsBank(t *testing.T) {
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
