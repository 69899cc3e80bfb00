package bank_test

import (
	"testing"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/questions"
)

// BenchmarkLoadDefaultBank returns the default bank, as every command
// that needs a bank does once at start-up: the bank compiled into the
// binary (released_gen.go), no YAML.
func BenchmarkLoadDefaultBank(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := bank.Default(i18n.ZH); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseDefaultBank parses and validates the default bank's YAML,
// as a custom bank (--bank) is loaded.
func BenchmarkParseDefaultBank(b *testing.B) {
	name, data := questions.Default()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := bank.Parse(name, data, i18n.ZH); err != nil {
			b.Fatal(err)
		}
	}
}
