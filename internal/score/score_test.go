package score_test

import (
	"maps"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/score"
)

// testBank is small enough to score by hand:
//
//	BA: I1 flat, I2 active, I3 flat, I4 flat           (4 items)
//	BB: I5 flat, I6 flat, I7 active, I8 flat, I9 flat  (5 items)
//	DA: I1 I2 I5 I6 I7                                 (5 items)
//	DB: I3 I4 I8 I9                                    (4 items)
//	M1–M4: impression management, flat
//	pairs: I1–I2, I5–I7
//
// Presentation order: I1 M1 I5 I2 I6 M2 I3 I7 I4 M3 I8 I9 M4.
func testBank() *bank.Bank {
	flag := 50.0
	t := func(s string) bank.Text { return bank.Text{"zh": s, "en": s} }
	it := func(id, beh, dim, keyed string) bank.Item {
		return bank.Item{ID: id, Text: t(id), Behaviour: beh, Dimension: dim, Keyed: keyed}
	}
	im := func(id string) bank.Item { return bank.Item{ID: id, Text: t(id), Keyed: bank.KeyedFlat, IM: true} }
	return &bank.Bank{
		ID: "test", Version: "1", Languages: []string{"zh", "en"},
		Scoring: bank.Scoring{
			MinAnswered:    0.8,
			BehaviourBands: bank.Bands{Cuts: []float64{25, 50, 75}, FlagAt: &flag, Labels: []bank.Text{t("b1"), t("b2"), t("b3"), t("b4")}},
			DimensionBands: bank.Bands{Cuts: []float64{25, 50, 75}, Labels: []bank.Text{t("d1"), t("d2"), t("d3"), t("d4")}},
		},
		Validity: bank.Validity{
			Pairs: [][]string{{"I1", "I2"}, {"I5", "I7"}},
			Rules: []bank.Rule{{Check: "im_count", AtLeast: 4}, {Check: "inconsistent_pairs", Difference: 2, AtLeast: 2},
				{Check: "longest_run", AtLeast: 10}, {Check: "median_ms", Below: 1500}},
		},
		Dimensions: []bank.Dimension{
			{ID: "DA", Name: t("DA"), Recommendations: []bank.Text{t("do DA")}},
			{ID: "DB", Name: t("DB"), Recommendations: []bank.Text{t("do DB")}},
		},
		Behaviours: []bank.Behaviour{
			{ID: "BA", Name: t("BA"), Recommendations: []bank.Text{t("fix BA 1"), t("fix BA 2")}},
			{ID: "BB", Name: t("BB"), Recommendations: []bank.Text{t("fix BB")}},
		},
		Items: []bank.Item{
			it("I1", "BA", "DA", "flat"), im("M1"), it("I5", "BB", "DA", "flat"), it("I2", "BA", "DA", "active"),
			it("I6", "BB", "DA", "flat"), im("M2"), it("I3", "BA", "DB", "flat"), it("I7", "BB", "DA", "active"),
			it("I4", "BA", "DB", "flat"), im("M3"), it("I8", "BB", "DB", "flat"), it("I9", "BB", "DB", "flat"), im("M4"),
		},
	}
}

//go:fix inline
func ptr(f float64) *float64 { return new(f) }

func find[T any](xs []T, id func(T) string, want string) T {
	for _, x := range xs {
		if id(x) == want {
			return x
		}
	}
	var zero T
	return zero
}

func beh(r []result.Behaviour, id string) result.Behaviour {
	return find(r, func(b result.Behaviour) string { return b.ID }, id)
}

func dim(r []result.Dimension, id string) result.Dimension {
	return find(r, func(d result.Dimension) string { return d.ID }, id)
}

func sameScore(t *testing.T, what string, got, want *float64) {
	t.Helper()
	switch {
	case got == nil && want == nil:
	case got == nil || want == nil:
		t.Errorf("%s: score = %v, want %v", what, fmtPtr(got), fmtPtr(want))
	case math.Abs(*got-*want) > 1e-9:
		t.Errorf("%s: score = %v, want %v", what, *got, *want)
	}
}

func fmtPtr(p *float64) any {
	if p == nil {
		return "null"
	}
	return *p
}

func TestBehaviourScoresFollowTheContract(t *testing.T) {
	t.Parallel()
	b := testBank()
	cases := []struct {
		name     string
		answers  map[string]int
		want     *float64
		band     int
		flagged  bool
		answered int
	}{
		// v: I1=3, I2=4-1=3, I3=2, I4=4 → mean 3 → 100*3/4 = 75.
		{"all answered, active item reversed", map[string]int{"I1": 3, "I2": 1, "I3": 2, "I4": 4}, new(float64(75)), 4, true, 4},
		// 3 of 4 answered = 75% < 80%: no score.
		{"80% rule: 3 of 4 is not enough", map[string]int{"I1": 3, "I2": 1, "I3": 2}, nil, 0, false, 3},
		// v: 0, 4-4=0, 0, 0 → 0.
		{"all zero", map[string]int{"I1": 0, "I2": 4, "I3": 0, "I4": 0}, new(float64(0)), 1, false, 4},
		// v: 1,1,1,1 → 25: exactly on the first cut → band 2.
		{"boundary 25", map[string]int{"I1": 1, "I2": 3, "I3": 1, "I4": 1}, new(float64(25)), 2, false, 4},
		// v: 2,2,2,2 → 50: band 3 and flagged (flag at ≥ 50).
		{"boundary 50 flags", map[string]int{"I1": 2, "I2": 2, "I3": 2, "I4": 2}, new(float64(50)), 3, true, 4},
		// v: 1,2,2,2 → mean 1.75 → 43.75.
		{"just below 50", map[string]int{"I1": 1, "I2": 2, "I3": 2, "I4": 2}, new(43.75), 2, false, 4},
		// v: 3,3,3,3 → 75: band 4.
		{"boundary 75", map[string]int{"I1": 3, "I2": 1, "I3": 3, "I4": 3}, new(float64(75)), 4, true, 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := beh(score.Behaviours(b, c.answers, i18n.ZH), "BA")
			sameScore(t, "BA", got.Score, c.want)
			if c.want == nil {
				if got.Band != nil || got.Flagged {
					t.Errorf("unscored behaviour has band %v flagged %v", got.Band, got.Flagged)
				}
			} else if got.Band == nil || *got.Band != c.band {
				t.Errorf("band = %v, want %d", got.Band, c.band)
			}
			if got.Flagged != c.flagged {
				t.Errorf("flagged = %v, want %v", got.Flagged, c.flagged)
			}
			if got.Answered != c.answered || got.Items != 4 {
				t.Errorf("answered/items = %d/%d, want %d/4", got.Answered, got.Items, c.answered)
			}
		})
	}
}

func TestEightyPercentRuleOnFiveItems(t *testing.T) {
	t.Parallel()
	b := testBank()
	// BB has 5 items. 4 of 5 = exactly 80%: scored. v: I5=2, I6=2, I7=4-2=2, I8=4 → mean 2.5 → 62.5.
	four := map[string]int{"I5": 2, "I6": 2, "I7": 2, "I8": 4}
	sameScore(t, "4 of 5", beh(score.Behaviours(b, four, i18n.ZH), "BB").Score, new(62.5))
	// 3 of 5 = 60%: null.
	three := map[string]int{"I5": 2, "I6": 2, "I7": 2}
	sameScore(t, "3 of 5", beh(score.Behaviours(b, three, i18n.ZH), "BB").Score, nil)
	// None answered: null, not zero.
	sameScore(t, "none", beh(score.Behaviours(b, map[string]int{}, i18n.ZH), "BB").Score, nil)
}

func TestDimensionScoresAreReversed(t *testing.T) {
	t.Parallel()
	b := testBank()
	cases := []struct {
		name    string
		answers map[string]int
		want    *float64
		band    int
	}{
		// DA = I1 I2 I5 I6 I7. v: 4, 4-0=4, 4, 4, 4-0=4 → mean 4 → 100-100 = 0.
		{"worst", map[string]int{"I1": 4, "I2": 0, "I5": 4, "I6": 4, "I7": 0}, new(float64(0)), 1},
		// v all 3 → 100 - 75 = 25 → exactly the first cut → band 2.
		{"boundary 25", map[string]int{"I1": 3, "I2": 1, "I5": 3, "I6": 3, "I7": 1}, new(float64(25)), 2},
		// v all 2 → 50 → band 3.
		{"boundary 50", map[string]int{"I1": 2, "I2": 2, "I5": 2, "I6": 2, "I7": 2}, new(float64(50)), 3},
		// v all 1 → 75 → band 4.
		{"boundary 75", map[string]int{"I1": 1, "I2": 3, "I5": 1, "I6": 1, "I7": 3}, new(float64(75)), 4},
		// 4 of 5 answered (80%): v 0,0,1,1 → mean 0.5 → 100 - 12.5 = 87.5.
		{"four of five", map[string]int{"I1": 0, "I2": 4, "I5": 1, "I6": 1}, new(87.5), 4},
		// 3 of 5: null.
		{"three of five", map[string]int{"I1": 0, "I2": 4, "I5": 1}, nil, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := dim(score.Dimensions(b, c.answers, i18n.ZH), "DA")
			sameScore(t, "DA", got.Score, c.want)
			if c.want != nil && (got.Band == nil || *got.Band != c.band) {
				t.Errorf("band = %v, want %d", got.Band, c.band)
			}
			if c.want == nil && got.Band != nil {
				t.Errorf("band = %v for a null score", *got.Band)
			}
		})
	}
}

func TestBandAtExactCuts(t *testing.T) {
	t.Parallel()
	cuts := []float64{25, 50, 75}
	for _, c := range []struct {
		score float64
		band  int
	}{{0, 1}, {24.999, 1}, {25, 2}, {49.999, 2}, {50, 3}, {74.999, 3}, {75, 4}, {100, 4}} {
		if got := score.Band(c.score, cuts); got != c.band {
			t.Errorf("Band(%v) = %d, want %d", c.score, got, c.band)
		}
	}
}

// all answers every item of the test bank with r, then applies overrides.
func all(r int, over map[string]int) map[string]int {
	m := map[string]int{}
	for _, id := range []string{"I1", "I2", "I3", "I4", "I5", "I6", "I7", "I8", "I9", "M1", "M2", "M3", "M4"} {
		m[id] = r
	}
	return merge(m, over)
}

// merge returns a copy of base with over applied; a negative value in
// over leaves that item unanswered.
func merge(base, over map[string]int) map[string]int {
	m := map[string]int{}
	maps.Copy(m, base)
	for k, v := range over {
		if v < 0 {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	return m
}

func TestValidityFlags(t *testing.T) {
	t.Parallel()
	b := testBank()
	// A varied base pattern: no run longer than 2, pairs consistent, IM not flattering.
	// Order: I1 M1 I5 I2 I6 M2 I3 I7 I4 M3 I8 I9 M4.
	base := map[string]int{"I1": 1, "M1": 2, "I5": 1, "I2": 3, "I6": 2, "M2": 1, "I3": 3, "I7": 2, "I4": 1, "M3": 2, "I8": 3, "I9": 1, "M4": 2}
	with := func(over map[string]int) map[string]int { return merge(base, over) }
	cases := []struct {
		name      string
		answers   map[string]int
		ms        map[string]int64
		flags     []string
		im, pairs int
		run       int
		median    *float64
	}{
		// Pairs: I1 v1 vs I2 v4-3=1 → 0; I5 v1 vs I7 v4-2=2 → 1. Runs: longest 1.
		{"clean", base, nil, []string{}, 0, 0, 1, nil},
		// Three IM items at 0 (v=0, the flattering extreme): below the threshold of 4.
		{"three flattering IM answers", with(map[string]int{"M1": 0, "M2": 0, "M3": 0}), nil, []string{}, 3, 0, 1, nil},
		// Four: flag.
		{"four flattering IM answers", with(map[string]int{"M1": 0, "M2": 0, "M3": 0, "M4": 0}), nil, []string{result.FlagImpressionManagement}, 4, 0, 1, nil},
		// I1 r4 v4 vs I2 r4 v0 → 4 (inconsistent); I5 r0 v0 vs I7 r1 v3 → 3 (inconsistent).
		// I7 r1 now stands before I4 r1: a run of 2.
		{"two inconsistent pairs", with(map[string]int{"I1": 4, "I2": 4, "I5": 0, "I7": 1}), nil, []string{result.FlagInconsistency}, 0, 2, 2, nil},
		// Only the first pair inconsistent: difference exactly 2 counts (I1 v3, I2 r3 v1).
		{"one inconsistent pair at difference 2", with(map[string]int{"I1": 3, "I2": 3}), nil, []string{}, 0, 1, 1, nil},
		// An unanswered item of a pair does not count.
		{"unanswered pair item", with(map[string]int{"I1": 4, "I2": -1, "I5": 0, "I7": 1}), nil, []string{}, 0, 1, 2, nil},
		// All 13 answered 2: a run of 13 ≥ 10. M items r2 → v2, no IM count.
		{"straight line", all(2, nil), nil, []string{result.FlagStraightLining}, 0, 0, 13, nil},
		// The unanswered 7th item (I3) breaks the run into 6 and 6.
		{"gap breaks the run", all(2, map[string]int{"I3": -1}), nil, []string{}, 0, 0, 6, nil},
		// 10 in a row exactly: items 4..13 at 2 with the first three varied (1,3,1 at I1 M1 I5).
		{"run of exactly ten", all(2, map[string]int{"I1": 1, "M1": 3, "I5": 1}), nil, []string{result.FlagStraightLining}, 0, 0, 10, nil},
		// Times for 4 answered items: 800, 1000, 2000, 3000 → median (1000+2000)/2 = 1500: not < 1500.
		{"median exactly at threshold", base, map[string]int64{"I1": 800, "M1": 1000, "I5": 2000, "I2": 3000}, []string{}, 0, 0, 1, new(float64(1500))},
		// 800, 1000, 1900 → median 1000 < 1500: too fast.
		{"too fast", base, map[string]int64{"I1": 800, "M1": 1000, "I5": 1900}, []string{result.FlagTooFast}, 0, 0, 1, new(float64(1000))},
		// A time recorded for an unanswered item does not count: only I1's 5000 remains.
		{"times of unanswered items ignored", with(map[string]int{"M1": -1}), map[string]int64{"I1": 5000, "M1": 100}, []string{}, 0, 0, 1, new(float64(5000))},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := score.Validity(b, c.answers, c.ms)
			if !reflect.DeepEqual(v.Flags, c.flags) {
				t.Errorf("flags = %v, want %v", v.Flags, c.flags)
			}
			if v.IMCount != c.im || v.InconsistentPairs != c.pairs || v.LongestRun != c.run {
				t.Errorf("im/pairs/run = %d/%d/%d, want %d/%d/%d", v.IMCount, v.InconsistentPairs, v.LongestRun, c.im, c.pairs, c.run)
			}
			sameScore(t, "median_ms", v.MedianMS, c.median)
		})
	}
}

func TestBankOverridesCutsAndThresholds(t *testing.T) {
	t.Parallel()
	b := testBank()
	flag := 60.0
	b.Scoring.BehaviourBands.Cuts = []float64{20, 40, 60}
	b.Scoring.BehaviourBands.FlagAt = &flag
	b.Scoring.MinAnswered = 0.5
	b.Validity.Rules = []bank.Rule{{Check: "im_count", AtLeast: 2}, {Check: "inconsistent_pairs", Difference: 3, AtLeast: 1},
		{Check: "longest_run", AtLeast: 3}, {Check: "median_ms", Below: 5000}}

	// BA v: I1=2, I2 r2 → 2 → 2 of 4 answered = 50% ≥ 0.5: mean 2 → 50 → cuts 20/40/60 → band 3, not flagged at 60.
	got := beh(score.Behaviours(b, map[string]int{"I1": 2, "I2": 2}, i18n.ZH), "BA")
	sameScore(t, "BA", got.Score, new(float64(50)))
	if got.Band == nil || *got.Band != 3 || got.Flagged {
		t.Errorf("band %v flagged %v, want 3 and not flagged", got.Band, got.Flagged)
	}
	// v 3,3 → 75 → band 4, flagged at ≥ 60.
	got = beh(score.Behaviours(b, map[string]int{"I1": 3, "I2": 1}, i18n.ZH), "BA")
	if got.Band == nil || *got.Band != 4 || !got.Flagged {
		t.Errorf("band %v flagged %v, want 4 and flagged", got.Band, got.Flagged)
	}
	// Exactly at the overridden flag_at: BB v 2,2,4-2=2,3,3 → 12/5 = 2.4 → 60 → flagged.
	bb := beh(score.Behaviours(b, map[string]int{"I5": 2, "I6": 2, "I7": 2, "I8": 3, "I9": 3}, i18n.ZH), "BB")
	sameScore(t, "BB", bb.Score, new(float64(60)))
	if !bb.Flagged || bb.Band == nil || *bb.Band != 4 {
		t.Errorf("BB at 60: band %v flagged %v, want 4 and flagged", bb.Band, bb.Flagged)
	}
	// IM: two at 0 → flag at 2. Pair I1 v4 vs I2 r3 v1 → diff 3 ≥ 3 → 1 pair ≥ 1 → flag.
	// Run: I1 M1 I5 = 4,0,... ; I6 M2 I3 = 1,1,1 → run 3 → flag. Times 4000 < 5000 → too fast.
	answers := map[string]int{"I1": 4, "M1": 0, "I5": 2, "I2": 3, "I6": 1, "M2": 1, "I3": 1, "M3": 0}
	v := score.Validity(b, answers, map[string]int64{"I1": 4000})
	want := []string{result.FlagImpressionManagement, result.FlagInconsistency, result.FlagStraightLining, result.FlagTooFast}
	if !reflect.DeepEqual(v.Flags, want) {
		t.Errorf("flags = %v, want %v (im %d pairs %d run %d)", v.Flags, want, v.IMCount, v.InconsistentPairs, v.LongestRun)
	}
	// Pair difference 2 is below the overridden 3: not inconsistent.
	v = score.Validity(b, map[string]int{"I1": 3, "I2": 3}, nil)
	if v.InconsistentPairs != 0 {
		t.Errorf("pair difference 2 counted with threshold 3")
	}
}

func TestScoreAssemblesTheDocument(t *testing.T) {
	t.Parallel()
	b := testBank()
	answers := all(2, map[string]int{"I1": 4, "I3": 4, "I4": 3, "I9": -1})
	r := score.Score(b, score.Input{ID: "abc", Lang: i18n.EN, Answers: answers, MS: map[string]int64{"I1": 2000}})
	if r.SchemaVersion != 1 || r.ID != "abc" || r.Lang != "en" || r.Instrument.ID != "test" {
		t.Errorf("header = %+v", r)
	}
	if len(r.Answers) != 13 || r.Answers[0].Item != "I1" || *r.Answers[0].Value != 4 || *r.Answers[0].MS != 2000 {
		t.Errorf("answers[0] = %+v", r.Answers[0])
	}
	// I9 is the 12th item in presentation order and unanswered.
	if r.Answers[11].Item != "I9" || r.Answers[11].Value != nil {
		t.Errorf("answers[11] = %+v, want I9 unanswered", r.Answers[11])
	}
	// BA v: I1 4, I2 4-2=2, I3 4, I4 3 → 13/4 = 3.25 → 81.25, flagged.
	// BB v: I5 2, I6 2, I7 2, I8 2 (I9 missing, 4/5) → 50, flagged.
	sameScore(t, "BA", beh(r.Behaviours, "BA").Score, new(81.25))
	sameScore(t, "BB", beh(r.Behaviours, "BB").Score, new(float64(50)))
	// Recommendations: flagged behaviours, most pronounced first (BA then BB),
	// then weak dimensions. DA v: I1 4, I2 2, I5 2, I6 2, I7 2 → 2.4 → 40 → band 2 (weak).
	// DB v: I3 4, I4 3, I8 2 (3 of 4 < 80%) → null, not weak.
	want := []result.Recommendation{{For: "BA", Text: "fix BA 1"}, {For: "BA", Text: "fix BA 2"}, {For: "BB", Text: "fix BB"}, {For: "DA", Text: "do DA"}}
	if !reflect.DeepEqual(r.Recommendations, want) {
		t.Errorf("recommendations = %+v, want %+v", r.Recommendations, want)
	}
}

func TestSomethingToWorkOnWhenNothingIsFlagged(t *testing.T) {
	t.Parallel()
	b := testBank()
	// BA v: 1,1,1,1 → 25; BB v: 0 everywhere → 0. Nothing flagged; DA v: I1 1, I2 1, I5 0, I6 0, I7 0 → 0.4 → 90; DB → 100 - (1+1+0+0)/4*25 = 87.5.
	answers := map[string]int{"I1": 1, "I2": 3, "I3": 1, "I4": 1, "I5": 0, "I6": 0, "I7": 4, "I8": 0, "I9": 0}
	r := score.Score(b, score.Input{Lang: i18n.ZH, Answers: answers})
	want := []result.Recommendation{{For: "BA", Text: "fix BA 1"}, {For: "BA", Text: "fix BA 2"}}
	if !reflect.DeepEqual(r.Recommendations, want) {
		t.Errorf("recommendations = %+v, want %+v", r.Recommendations, want)
	}
	// All zero: nothing pronounced at all, so no measures are invented.
	r = score.Score(b, score.Input{Lang: i18n.ZH, Answers: map[string]int{"I1": 0, "I2": 4, "I3": 0, "I4": 0, "I5": 0, "I6": 0, "I7": 4, "I8": 0, "I9": 0}})
	if len(r.Recommendations) != 0 {
		t.Errorf("recommendations = %+v, want none", r.Recommendations)
	}
}

// TestRulesRaiseTheirFlags: each check raises the flag the result
// document names for it; a bank without rules raises none, whatever the
// answers; flags come in one order whatever the rules' order.
func TestRulesRaiseTheirFlags(t *testing.T) {
	t.Parallel()
	want := map[string]string{
		bank.CheckIMCount: result.FlagImpressionManagement, bank.CheckInconsistentPairs: result.FlagInconsistency,
		bank.CheckLongestRun: result.FlagStraightLining, bank.CheckMedianMS: result.FlagTooFast,
	}
	for _, c := range bank.Checks {
		if got := (bank.Rule{Check: c}).Flag(); got != want[c] {
			t.Errorf("check %s raises %q, want %q", c, got, want[c])
		}
	}
	b := testBank()
	all := map[string]int{}
	for _, it := range b.Items {
		all[it.ID] = 0 // every item 从不: IM, pairs and the long run all fire
	}
	fast := map[string]int64{"I1": 100}
	if v := score.Validity(b, all, fast); len(v.Flags) != 4 {
		t.Fatalf("flags %v, want all four", v.Flags)
	}
	b.Validity.Rules = nil
	if v := score.Validity(b, all, fast); len(v.Flags) != 0 || v.IMCount != 4 || v.LongestRun != len(b.Items) {
		t.Errorf("no rules: flags %v (want none), im %d, run %d — the figures are still computed", v.Flags, v.IMCount, v.LongestRun)
	}
	b.Validity.Rules = []bank.Rule{{Check: "median_ms", Below: 1500}, {Check: "inconsistent_pairs", Difference: 4, AtLeast: 2}}
	if v := score.Validity(b, all, fast); !reflect.DeepEqual(v.Flags, []string{"inconsistency", "too_fast"}) || v.InconsistentPairs != 2 {
		t.Errorf("flags %v, pairs %d; want [inconsistency too_fast] and 2 pairs at difference 4", v.Flags, v.InconsistentPairs)
	}
}

// TestBank100ScoresAsBefore: results of bank 1.0.0 must still verify, so
// its thresholds, now turned into rules by the loader, must raise exactly
// the flags the 1.0.0 contract describes. The contract is written out
// here on its own and checked on many random answer sets.
func TestBank100ScoresAsBefore(t *testing.T) {
	t.Parallel()
	b, err := bank.Load("../../questions/tangping-default.yaml", i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	raised := map[string]int{}
	const runs = 3000
	for n := range runs {
		answers, ms := map[string]int{}, map[string]int64{}
		// Skewed answers, some blanks and sometimes times, so that every
		// flag is both raised and not raised.
		top := 1 + rng.IntN(5)
		for _, it := range b.Items {
			if rng.IntN(25) == 0 {
				continue
			}
			answers[it.ID] = rng.IntN(top)
			if n%2 == 0 {
				ms[it.ID] = int64(500 + rng.IntN(3000))
			}
		}
		var want []string
		im, pairs, run, best, prev := 0, 0, 0, 0, -1
		for _, it := range b.Items {
			r, ok := answers[it.ID]
			if ok && it.IM && r == 0 { // every IM item of 1.0.0 is keyed flat
				im++
			}
			switch {
			case !ok:
				run, prev = 0, -1
			case r == prev:
				run++
			default:
				run, prev = 1, r
			}
			best = max(best, run)
		}
		for _, p := range [][2]string{{"Q01", "Q35"}, {"Q02", "Q25"}, {"Q14", "Q36"}, {"Q06", "Q39"}, {"Q26", "Q38"}} {
			a, aok := answers[p[0]]
			c, cok := answers[p[1]] // the second item of each pair is active: v = 4 − r
			if aok && cok && math.Abs(float64(a-(4-c))) >= 2 {
				pairs++
			}
		}
		var times []float64
		for _, it := range b.Items {
			if _, ok := answers[it.ID]; ok {
				if x, ok := ms[it.ID]; ok {
					times = append(times, float64(x))
				}
			}
		}
		if im >= 4 {
			want = append(want, "impression_management")
		}
		if pairs >= 2 {
			want = append(want, "inconsistency")
		}
		if best >= 10 {
			want = append(want, "straight_lining")
		}
		if len(times) > 0 {
			slices.Sort(times)
			m := times[len(times)/2]
			if len(times)%2 == 0 {
				m = (times[len(times)/2-1] + m) / 2
			}
			if m < 1500 {
				want = append(want, "too_fast")
			}
		}
		v := score.Validity(b, answers, ms)
		if !slices.Equal(v.Flags, append([]string{}, want...)) || v.IMCount != im || v.InconsistentPairs != pairs || v.LongestRun != best {
			t.Fatalf("answers %v: got %+v, the 1.0.0 contract says flags %v, im %d, pairs %d, run %d", answers, v, want, im, pairs, best)
		}
		for _, f := range want {
			raised[f]++
		}
	}
	for _, f := range []string{"impression_management", "inconsistency", "straight_lining", "too_fast"} {
		if raised[f] == 0 || raised[f] == runs {
			t.Errorf("%s raised in %d of %d answer sets: the check never saw both outcomes", f, raised[f], runs)
		}
	}
}
