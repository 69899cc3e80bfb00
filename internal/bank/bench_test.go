package bank_test

import (
	"testing"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
)

// BenchmarkLoadDefaultBank parses and validates the embedded default bank,
// as every command that needs a bank does once at start-up.
func BenchmarkLoadDefaultBank(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := bank.Default(i18n.ZH); err != nil {
			b.Fatal(err)
		}
	}
}
