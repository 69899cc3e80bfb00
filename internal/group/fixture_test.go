package group

import (
	"fmt"
	"math"
	"testing"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// Test fixtures are built by hand, field by field, so that every expected
// value in these tests can be worked out on paper from what is written
// here, without the scoring engine.

type opt func(*result.Result)

func res(id string, opts ...opt) *result.Result {
	r := &result.Result{
		SchemaVersion: 1, ID: id, Lang: "zh",
		Instrument: result.Instrument{ID: "tiny", Version: "1.0.0"},
		Respondent: result.Respondent{Name: "姓名" + id},
		Validity:   result.Validity{Flags: []string{}},
	}
	for _, o := range opts {
		o(r)
	}
	return r
}

// bandOf is the contract's default banding (cuts 25, 50, 75), written out.
func bandOf(x float64) int {
	switch {
	case x < 25:
		return 1
	case x < 50:
		return 2
	case x < 75:
		return 3
	}
	return 4
}

func dim(id string, score float64) opt {
	return func(r *result.Result) {
		b := bandOf(score)
		r.Dimensions = append(r.Dimensions, result.Dimension{ID: id, Name: "名" + id, Score: &score, Band: &b, BandLabel: fmt.Sprint("区间", b)})
	}
}

func dimNull(id string) opt {
	return func(r *result.Result) {
		r.Dimensions = append(r.Dimensions, result.Dimension{ID: id, Name: "名" + id})
	}
}

func beh(id string, score float64) opt {
	return func(r *result.Result) {
		b := bandOf(score)
		r.Behaviours = append(r.Behaviours, result.Behaviour{ID: id, Name: "名" + id, Score: &score, Band: &b, Flagged: score >= 50})
	}
}

func behNull(id string) opt {
	return func(r *result.Result) {
		r.Behaviours = append(r.Behaviours, result.Behaviour{ID: id, Name: "名" + id})
	}
}

// ans appends raw answers to items X1, X2, X3… in order; -1 leaves one
// unanswered.
func ans(raw ...int) opt {
	return func(r *result.Result) {
		for i, v := range raw {
			a := result.Answer{Item: fmt.Sprintf("X%d", i+1)}
			if v >= 0 {
				v := v
				a.Value = &v
			}
			r.Answers = append(r.Answers, a)
		}
	}
}

func unit(u string) opt { return func(r *result.Result) { r.Respondent.Unit = u } }

func flags(f ...string) opt { return func(r *result.Result) { r.Validity.Flags = f } }

func version(v string) opt { return func(r *result.Result) { r.Instrument.Version = v } }

// tinyBank has one dimension D1 and one behaviour B01, both made of items
// X1 and X2 (keyed flat) and X3 (keyed active: v = 4 − r).
func tinyBank() *bank.Bank {
	t := func(zh, en string) bank.Text { return bank.Text{"zh": zh, "en": en} }
	labels := []bank.Text{t("一档", "one"), t("二档", "two"), t("三档", "three"), t("四档", "four")}
	return &bank.Bank{
		ID: "tiny", Version: "1.0.0", Title: t("小题库", "Tiny bank"),
		Scoring: bank.Scoring{
			Notice:         t("描述性区间，非常模", "Descriptive bands, not norms"),
			BehaviourBands: bank.Bands{Cuts: []float64{25, 50, 75}, Labels: labels},
			DimensionBands: bank.Bands{Cuts: []float64{25, 50, 75}, Labels: labels},
		},
		Dimensions: []bank.Dimension{{ID: "D1", Name: t("维度一", "Dimension one")}},
		Behaviours: []bank.Behaviour{{ID: "B01", Name: t("表现一", "Behaviour one")}},
		Items: []bank.Item{
			{ID: "X1", Text: t("题一", "item one"), Behaviour: "B01", Dimension: "D1", Keyed: bank.KeyedFlat},
			{ID: "X2", Text: t("题二", "item two"), Behaviour: "B01", Dimension: "D1", Keyed: bank.KeyedFlat},
			{ID: "X3", Text: t("题三", "item three"), Behaviour: "B01", Dimension: "D1", Keyed: bank.KeyedActive},
		},
	}
}

func aggregate(b *bank.Bank, o Options, rs ...*result.Result) *Report {
	a := New(b, o)
	for i, r := range rs {
		a.Add(fmt.Sprintf("r%02d.json", i+1), r)
	}
	return a.Report()
}

// zh and byUnit ask for the exact figures: these tests check the counting
// itself by hand. protect_test.go checks the protected release.
func zh() Options { return Options{Lang: i18n.ZH, Exact: true} }

func near(t *testing.T, what string, got *float64, want float64) {
	t.Helper()
	if got == nil {
		t.Errorf("%s = null, want %.6f", what, want)
		return
	}
	if math.Abs(*got-want) > 1e-9 {
		t.Errorf("%s = %.9f, want %.9f", what, *got, want)
	}
}

func isNull(t *testing.T, what string, got *float64) {
	t.Helper()
	if got != nil {
		t.Errorf("%s = %v, want null", what, *got)
	}
}

func bands(bs []BandCount) []int {
	out := make([]int, len(bs))
	for i, b := range bs {
		out[i] = b.Count
	}
	return out
}
