package verify_test

import (
	"testing"

	"github.com/tangping-dev/tangping/internal/group/synth"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/testkit"
	"github.com/tangping-dev/tangping/internal/verify"
)

// BenchmarkAgainst is what verification adds to reading one result: group
// pays it once per file.
func BenchmarkAgainst(b *testing.B) {
	bk := testkit.DefaultBank(b)
	r := synth.New(bk, 1).Next()
	b.ReportAllocs()
	for b.Loop() {
		if msg := verify.Against(bk, &r, i18n.ZH); msg != "" {
			b.Fatal(msg)
		}
	}
}

// BenchmarkDecodeVerified is reading one result file's bytes, verified.
func BenchmarkDecodeVerified(b *testing.B) {
	bk := testkit.DefaultBank(b)
	r := synth.New(bk, 1).Next()
	data, _ := result.Encode(&r)
	v := verifier(i18n.ZH)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := v.Decode("r.json", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecode is the same without verification, for comparison.
func BenchmarkDecode(b *testing.B) {
	bk := testkit.DefaultBank(b)
	r := synth.New(bk, 1).Next()
	data, _ := result.Encode(&r)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := result.Decode("r.json", data, i18n.ZH); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheck is verifying one decoded result with the verifier's
// engine, made once per bank: what group pays per file on top of reading.
func BenchmarkCheck(b *testing.B) {
	bk := testkit.DefaultBank(b)
	r := synth.New(bk, 1).Next()
	v := verifier(i18n.ZH)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Check("r.json", &r); err != nil {
			b.Fatal(err)
		}
	}
}
