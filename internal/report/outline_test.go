package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/i18n"
)

func TestOutlineGolden(t *testing.T) {
	for _, tc := range []struct {
		fixture string
		lang    i18n.Lang
	}{
		{"flagged", i18n.ZH},
		{"clean", i18n.ZH},
		{"idealised", i18n.EN},
		{"flagged", i18n.EN},
	} {
		name := "outline-" + tc.fixture + "-" + string(tc.lang) + ".golden.md"
		t.Run(name, func(t *testing.T) {
			r, b := fixture(t, tc.fixture)
			golden(t, name, OutlineMarkdown(r, b, tc.lang))
		})
	}
}

func TestOutlineTextGolden(t *testing.T) {
	r, b := fixture(t, "flagged")
	got := ansi.Strip(OutlineText(r, b, TextOptions{Lang: i18n.ZH, Width: 60}))
	for i, line := range strings.Split(got, "\n") {
		if w := ansi.StringWidth(line); w > 60 {
			t.Errorf("line %d is %d cells wide: %q", i+1, w, line)
		}
	}
	golden(t, fmt.Sprintf("outline-flagged-zh-%d.golden", 60), got)
}
