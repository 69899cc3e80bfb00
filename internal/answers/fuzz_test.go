package answers_test

import (
	"testing"

	"github.com/tangping-dev/tangping/internal/answers"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/testkit"
)

// FuzzParseAnswers: whatever is typed or exported into an answers file,
// Parse returns answers within 0–4 for known items, or a *diag.Error
// with at least one problem; it never panics. Seeds live in
// testdata/fuzz/FuzzParseAnswers.
func FuzzParseAnswers(f *testing.F) {
	b := defaultBank(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := answers.Parse("fuzz.json", data, b, i18n.EN)
		if err != nil {
			if de := testkit.Diag(t, err); de.File != "fuzz.json" {
				t.Fatalf("error names %q", de.File)
			}
			return
		}
		for id, r := range a.Answers {
			if _, ok := b.Item(id); !ok || r < 0 || r > 4 {
				t.Fatalf("accepted %s = %d", id, r)
			}
		}
	})
}
