package result_test

import (
	"testing"

	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/testkit"
)

// FuzzDecodeResult: report and group read result files that people copy,
// mail and edit. Decode returns a result whose answers and scores are in
// range, or a *diag.Error with at least one problem; it never panics.
// Seeds live in testdata/fuzz/FuzzDecodeResult.
func FuzzDecodeResult(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := result.Decode("fuzz.json", data, i18n.EN)
		if err != nil {
			if de := testkit.Diag(t, err); de.File != "fuzz.json" {
				t.Fatalf("error names %q", de.File)
			}
			return
		}
		if r.SchemaVersion != result.SchemaVersion || r.Validity.Flags == nil {
			t.Fatalf("accepted version %d, flags %v", r.SchemaVersion, r.Validity.Flags)
		}
		for _, a := range r.Answers {
			if a.Value != nil && (*a.Value < 0 || *a.Value > 4) {
				t.Fatalf("accepted answer %d", *a.Value)
			}
		}
		for _, b := range r.Behaviours {
			if b.Score != nil && (*b.Score < 0 || *b.Score > 100) {
				t.Fatalf("accepted score %g", *b.Score)
			}
		}
	})
}
