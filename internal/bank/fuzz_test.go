package bank_test

import (
	"errors"
	"testing"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/i18n"
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
		var de *diag.Error
		if !errors.As(err, &de) || len(de.Problems) == 0 {
			t.Fatalf("error %T %q is not a *diag.Error with problems", err, err)
		}
		if de.File != "fuzz.yaml" {
			t.Fatalf("error names %q", de.File)
		}
	})
}
