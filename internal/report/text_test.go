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
