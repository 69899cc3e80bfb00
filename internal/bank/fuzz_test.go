package bank_test

import (
	"testing"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/testkit"
)

// FuzzParseBank: whatever a trainer's editor produces, Parse returns a
// bank or a *diag.Error with at least one problem, never a panic. Seeds
// live in testdata/fuzz/FuzzParseBank (the default bank, the small valid
// bank, broken banks).
func FuzzParseBank(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := bank.Parse("fuzz.yaml", data, i18n.EN)
		if err == nil {
			if b == nil {
				t.Fatal("nil bank and nil error")
			}
			return
		}
		if de := testkit.Diag(t, err); de.File != "fuzz.yaml" {
			t.Fatalf("error names %q", de.File)
		}
	})
}
