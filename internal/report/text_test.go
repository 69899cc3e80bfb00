package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/i18n"
)

func TestTextGolden(t *testing.T) {
	for _, tc := range []struct {
		fixture string
		lang    i18n.Lang
		width   int
	}{
		{"flagged", i18n.ZH, 80},
		{"flagged", i18n.ZH, 60},
		{"flagged", i18n.ZH, 40},
		{"idealised", i18n.EN, 80},
		{"idealised", i18n.EN, 40},
	} {
		name := fmt.Sprintf("text-%s-%s-%d.golden", tc.fixture, tc.lang, tc.width)
		t.Run(name, func(t *testing.T) {
			r, b := fixture(t, tc.fixture)
			got := ansi.Strip(Text(r, b, TextOptions{Lang: tc.lang, Width: tc.width, Dark: true}))
			for i, line := range strings.Split(got, "\n") {
				if w := ansi.StringWidth(line); w > tc.width {
					t.Errorf("line %d is %d cells wide, more than %d: %q", i+1, w, tc.width, line)
				}
			}
			golden(t, name, got+"\n")
		})
	}
}

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

func TestTextReportGolden(t *testing.T) {
	for _, tc := range []struct {
		fixture string
		lang    i18n.Lang
		width   int
	}{
		{"flagged", i18n.ZH, 80},
		{"clean", i18n.ZH, 60},
		{"idealised", i18n.EN, 80},
	} {
		name := fmt.Sprintf("report-%s-%s-%d.golden", tc.fixture, tc.lang, tc.width)
		t.Run(name, func(t *testing.T) {
			r, b := fixture(t, tc.fixture)
			got := ansi.Strip(TextReport(r, b, TextOptions{Lang: tc.lang, Width: tc.width}))
			for i, line := range strings.Split(got, "\n") {
				if w := ansi.StringWidth(line); w > tc.width {
					t.Errorf("line %d is %d cells wide, more than %d: %q", i+1, w, tc.width, line)
				}
			}
			golden(t, name, got)
		})
	}
}
