package result

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/i18n"
)

// agree fails t when the fast path accepts data but decodes it otherwise
// than the careful encoding/json path, or accepts what that path refuses.
func agree(t *testing.T, d *Decoder, data []byte) bool {
	t.Helper()
	data, err := diag.Text("r.json", data, i18n.EN) // as decode does first
	if err != nil {
		return false
	}
	got, ok := fastDecode(d, "r.json", data, i18n.EN)
	if !ok {
		return false
	}
	want, err := decodeCareful("r.json", data, i18n.EN)
	if err != nil {
		t.Fatalf("the fast path accepted what encoding/json refuses (%v):\n%s", err, data)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("the fast path decoded\n%+v\nencoding/json decoded\n%+v\nfrom\n%s", *got, *want, data)
	}
	return true
}

func seedDocs(t testing.TB) [][]byte {
	v0, v4, ms := 0, 4, int64(4210)
	score, zero, band := 62.5, 0.0, 3
	median := 1234.5
	full := Result{
		SchemaVersion: 1, ID: "abc123", Lang: "zh",
		Instrument: Instrument{ID: "tangping-default", Version: "1.1.0", SHA256: strings.Repeat("0a", 32)},
		Respondent: Respondent{Name: "张三 <b>&", Unit: "城管局\t\"一科\"", Role: "科员\\"},
		Answers:    []Answer{{Item: "Q01", Value: &v4, MS: &ms}, {Item: "Q02"}, {Item: "Q03", Value: &v0}},
		Behaviours: []Behaviour{{ID: "B01", Name: "推拖绕", Score: &score, Band: &band, BandLabel: "较为明显", Flagged: true, Answered: 4, Items: 4},
			{ID: "B02", Name: "x", Answered: 1, Items: 4}},
		Dimensions:      []Dimension{{ID: "D1", Name: "政治力强", Score: &zero, Band: &band, Answered: 2, Items: 6}},
		Validity:        Validity{Flags: []string{FlagTooFast, FlagInconsistency}, LongestRun: 2, IMCount: 1, InconsistentPairs: 3, MedianMS: &median},
		Recommendations: []Recommendation{{For: "B01", Text: "列一张清单 😀 \u2028"}},
	}
	empty := Result{SchemaVersion: 1, ID: "e", Lang: "en", Instrument: Instrument{ID: "b", Version: "1", SHA256: strings.Repeat("f", 64)},
		Answers: []Answer{}, Behaviours: []Behaviour{}, Dimensions: []Dimension{}, Validity: Validity{Flags: []string{}}, Recommendations: []Recommendation{}}
	var out [][]byte
	for _, r := range []*Result{&full, &empty} {
		data, err := Encode(r)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, data)
	}
	files, _ := filepath.Glob("testdata/*")
	for _, f := range files {
		if data, err := os.ReadFile(f); err == nil {
			out = append(out, data)
		}
	}
	return out
}

// TestFastDecodeAgreesOnVariants: the spellings JSON allows (escapes,
// white space, key order, nulls, numbers) decode alike on both paths, and
// what the fast path does not take it leaves to the careful one.
func TestFastDecodeAgreesOnVariants(t *testing.T) {
	t.Parallel()
	d := NewDecoder()
	base := string(seedDocs(t)[0])
	variants := []struct {
		name, old, new string
		fast           bool // the fast path should take it
	}{
		{"as written", "", "", true},
		{"compact", "\n  ", "", true},
		{"escaped slash and unicode", `"Q01"`, `"Q\u0030\/1"`, true},
		{"surrogate pair", `"列一张清单`, `"\ud83d\ude00列一张清单`, true},
		{"lone surrogate", `"列一张清单`, `"\ud83d列一张清单`, false},
		{"exponent score", `"score": 62.5`, `"score": 6.25e1`, true},
		{"negative zero", `"score": 0,`, `"score": -0.0,`, true},
		{"float where int", `"im_count": 1`, `"im_count": 1.0`, false},
		{"exponent int", `"im_count": 1`, `"im_count": 1e0`, false},
		{"leading zero", `"im_count": 1`, `"im_count": 01`, false},
		{"huge int", `"im_count": 1`, `"im_count": 99999999999999999999`, false},
		{"null flags", `"flags": [
      "too_fast",
      "inconsistency"
    ]`, `"flags": null`, false},
		{"null name", `"name": "张三`, `"name": null, "x": "`, false},
		{"unknown key", `"lang": "zh"`, `"lang": "zh", "extra": 1`, false},
		{"repeated key", `"lang": "zh"`, `"lang": "en", "lang": "zh"`, false},
		{"upper-case key", `"lang"`, `"LANG"`, false},
		{"unverified", `"lang": "zh"`, `"lang": "zh", "unverified": true`, false},
		{"missing field", `"lang": "zh",`, ``, false},
		{"trailing data", "}\n", "} {}", false},
		{"control character", `"abc123"`, "\"abc\x01123\"", false},
		{"null value", `"value": 4`, `"value": null`, true},
		{"no ms", `"value": 4,
      "ms": 4210`, `"value": 4`, true},
		{"time with offset", `"completed_at": "0001-01-01T00:00:00Z"`, `"completed_at": "2026-05-01T09:30:00+08:00"`, true},
		{"bad time", `"completed_at": "0001-01-01T00:00:00Z"`, `"completed_at": "2026-05-01 09:30"`, false},
	}
	for _, v := range variants {
		data := base
		if v.old != "" {
			if !strings.Contains(data, v.old) {
				t.Fatalf("%s: %q is not in the document", v.name, v.old)
			}
			data = strings.ReplaceAll(data, v.old, v.new)
		}
		if got := agree(t, d, []byte(data)); got != v.fast {
			t.Errorf("%s: fast path took it = %v, want %v", v.name, got, v.fast)
		}
	}
}

// TestDecoderSharesNothingBetweenDocuments: a decoder reused across
// documents, after a refused one too, decodes each as a fresh one does.
func TestDecoderSharesNothingBetweenDocuments(t *testing.T) {
	t.Parallel()
	docs := seedDocs(t)
	d := NewDecoder()
	for range 3 {
		for _, data := range docs {
			agree(t, d, data)
			agree(t, d, data[:len(data)/2]) // refused half-way
			got, err := d.Decode("r.json", data, i18n.EN)
			want, err2 := Decode("r.json", data, i18n.EN)
			if (err == nil) != (err2 == nil) || !reflect.DeepEqual(got, want) {
				t.Fatalf("a reused decoder decoded %+v (%v), a fresh one %+v (%v)", got, err, want, err2)
			}
		}
	}
}

// FuzzFastDecodeAgrees: whatever the fast path accepts, encoding/json
// decodes to the same result.
func FuzzFastDecodeAgrees(f *testing.F) {
	for _, data := range seedDocs(f) {
		f.Add(data)
	}
	d := NewDecoder()
	f.Fuzz(func(t *testing.T, data []byte) {
		agree(t, d, data)
	})
}
