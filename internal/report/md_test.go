package report

import (
	"testing"

	"github.com/tangping-dev/tangping/internal/i18n"
)

func TestMarkdownGolden(t *testing.T) {
	for _, tc := range []struct {
		fixture string
		lang    i18n.Lang
	}{
		{"flagged", i18n.ZH},
		{"clean", i18n.ZH},
		{"idealised", i18n.EN},
	} {
		name := "md-" + tc.fixture + "-" + string(tc.lang) + ".golden.md"
		t.Run(name, func(t *testing.T) {
			r, b := fixture(t, tc.fixture)
			golden(t, name, Markdown(r, b, tc.lang))
		})
	}
}
