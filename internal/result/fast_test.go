package result

import (
	"encoding/json"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/i18n"
)

// The fast path must decode exactly what encoding/json decodes, and must
// not hand out strings that pin the file's bytes in memory.
func TestFastDecodeMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	v, ms := 3, int64(4210)
	score, band := 62.5, 3
	in := Result{
		SchemaVersion: 1, ID: "abc123", Lang: "zh",
		Instrument:      Instrument{ID: "tangping-default", Version: "1.0.0", SHA256: strings.Repeat("0", 64)},
		Respondent:      Respondent{Name: "张三", Unit: "城管局", Role: "科员"},
		Answers:         []Answer{{Item: "Q01", Value: &v, MS: &ms}, {Item: "Q02"}},
		Behaviours:      []Behaviour{{ID: "B01", Name: "推拖绕", Score: &score, Band: &band, BandLabel: "较为明显", Flagged: true, Answered: 4, Items: 4}},
		Dimensions:      []Dimension{{ID: "D1", Name: "政治力强", Answered: 2, Items: 6}},
		Validity:        Validity{Flags: []string{FlagTooFast}, LongestRun: 2},
		Recommendations: []Recommendation{{For: "B01", Text: "列一张清单"}},
	}
	data, err := Encode(&in)
	if err != nil {
		t.Fatal(err)
	}
	var want Result
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	got, ok := fastDecode(nil, "r.json", data, i18n.ZH)
	if !ok {
		t.Fatal("fast path refused a valid result")
	}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("fast path decoded\n%+v\nencoding/json decoded\n%+v", *got, want)
	}
}

// Keeping only the ids of many decoded results must not keep their files:
// go-json's strings share its copy of the input unless detach copies them.
func TestFastDecodeDoesNotPinFiles(t *testing.T) {
	t.Parallel()
	big := make([]byte, 20000)
	for i := range big {
		big[i] = 'x'
	}
	r := Result{SchemaVersion: 1, ID: "id", Lang: "zh", Instrument: Instrument{ID: "b", Version: "1", SHA256: strings.Repeat("a", 64)},
		Answers: []Answer{}, Behaviours: []Behaviour{}, Dimensions: []Dimension{}, Validity: Validity{Flags: []string{}},
		Recommendations: []Recommendation{{For: "B01", Text: string(big)}}}
	data, err := Encode(&r)
	if err != nil {
		t.Fatal(err)
	}
	const n = 500 // 500 × 20 KB = 10 MB if every file stayed alive
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	ids := make([]string, 0, n)
	for range n {
		got, ok := fastDecode(nil, "r.json", data, i18n.ZH)
		if !ok {
			t.Fatal("fast path refused a valid result")
		}
		ids = append(ids, got.ID)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if grew := int64(after.HeapAlloc) - int64(before.HeapAlloc); grew > 2<<20 {
		t.Errorf("keeping %d ids kept %d bytes alive; the decoded files are pinned", len(ids), grew)
	}
	runtime.KeepAlive(ids)
}
