package result_test

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/answers"
	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/score"
	"github.com/tangping-dev/tangping/internal/testkit"
)

// realResults scores the default bank the way `score` and `take` do.
func realResults(t *testing.T) map[string]result.Result {
	t.Helper()
	b, err := bank.Default(i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	cst := time.FixedZone("CST", 8*3600)
	in := func(lang i18n.Lang, ans map[string]int, ms map[string]int64) score.Input {
		return score.Input{
			ID: result.NewID(), Lang: lang, Respondent: result.Respondent{Anonymous: true},
			StartedAt: time.Date(2026, 5, 1, 9, 0, 0, 0, cst), CompletedAt: time.Date(2026, 5, 1, 9, 20, 0, 0, cst),
			Answers: ans, MS: ms,
		}
	}
	out := map[string]result.Result{}

	data, err := os.ReadFile("../../questions/examples/answers.json")
	if err != nil {
		t.Fatal(err)
	}
	f, err := answers.Parse("answers.json", data, b, i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	example := in(i18n.ZH, f.Answers, nil)
	example.Respondent = f.Respondent
	out["example"] = score.Score(b, example)

	// Only the first ten items: most scores are null (the 80% rule).
	sparse := map[string]int{}
	for i, it := range b.Items[:10] {
		sparse[it.ID] = i % 5
	}
	out["sparse"] = score.Score(b, in(i18n.EN, sparse, nil))
	out["nothing answered"] = score.Score(b, in(i18n.ZH, map[string]int{}, nil))

	// Every item "从不" in 0.8 s: all six IM items (all flat-keyed) at the
	// flattering end, every flat/active pair 4 apart, one run of 46, and
	// a median under 1.5 s.
	never, fast := map[string]int{}, map[string]int64{}
	for _, it := range b.Items {
		never[it.ID] = 0
		fast[it.ID] = 800
	}
	out["all flags"] = score.Score(b, in(i18n.ZH, never, fast))
	return out
}

// TestRealResultsMatchSchema: results the scoring engine really produces
// satisfy the schema shipped with `tangping schema result`, and the
// reader takes them back.
func TestRealResultsMatchSchema(t *testing.T) {
	t.Parallel()
	s := testkit.Schema(t, result.Schema())
	results := realResults(t)
	all := results["all flags"].Validity.Flags
	for _, f := range []string{"impression_management", "inconsistency", "straight_lining", "too_fast"} {
		if !slices.Contains(all, f) {
			t.Errorf("the all-flags answer set does not raise %s: %v", f, all)
		}
	}
	if results["sparse"].Dimensions[0].Score != nil {
		t.Error("the sparse answer set has a dimension score; the null case goes untested")
	}
	for name, r := range results {
		data, err := result.Encode(&r)
		if err != nil {
			t.Fatal(err)
		}
		if err := testkit.Validate(t, s, data); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if _, err := result.Decode(name, data, i18n.EN); err != nil {
			t.Errorf("%s: reader rejects a real result: %v", name, err)
		}
	}
}

// TestSchemaRejects: the schema is not a rubber stamp.
func TestSchemaRejects(t *testing.T) {
	t.Parallel()
	s := testkit.Schema(t, result.Schema())
	for name, edit := range map[string]func(m map[string]any){
		"no id":          func(m map[string]any) { delete(m, "id") },
		"version 2":      func(m map[string]any) { m["schema_version"] = 2 },
		"unknown flag":   func(m map[string]any) { m["validity"].(map[string]any)["flags"] = []any{"lazy"} },
		"score 120":      func(m map[string]any) { m["behaviours"].([]any)[0].(map[string]any)["score"] = 120 },
		"answer 5":       func(m map[string]any) { m["answers"].([]any)[0].(map[string]any)["value"] = 5 },
		"bad time":       func(m map[string]any) { m["started_at"] = "yesterday" },
		"lang fr":        func(m map[string]any) { m["lang"] = "fr" },
		"short sha256":   func(m map[string]any) { m["instrument"].(map[string]any)["sha256"] = "abc" },
		"anonymous text": func(m map[string]any) { m["respondent"].(map[string]any)["anonymous"] = "yes" },
	} {
		data, _ := result.Encode(sample())
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		edit(m)
		bad, _ := json.Marshal(m)
		if err := testkit.Validate(t, s, bad); err == nil {
			t.Errorf("%s: schema accepts it", name)
		}
	}
	data, _ := result.Encode(sample())
	if err := testkit.Validate(t, s, data); err != nil {
		t.Errorf("sample: %v", err)
	}
}
