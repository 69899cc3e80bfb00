package report

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

//go:fix inline
func f(x float64) *float64 { return new(x) }

//go:fix inline
func n(x int) *int { return new(x) }

// pair builds two one-dimension, one-behaviour results: D1 has 6 items (one
// answer step is 100 ÷ 4 ÷ 6 = 4.1667 points), B01 has 4 (6.25 points).
func pair(dimBefore, dimAfter, behBefore, behAfter float64) (*result.Result, *result.Result) {
	mk := func(id string, d, b float64, at time.Time) *result.Result {
		band := func(s float64) *int { return new(1 + int(s/25)) }
		return &result.Result{
			SchemaVersion: 1, ID: id, Lang: "zh", CompletedAt: at,
			Instrument: result.Instrument{ID: "tangping-default", Version: "1.0.0", SHA256: "none"},
			Dimensions: []result.Dimension{{ID: "D1", Name: "政治力强", Score: new(d), Band: band(d), Answered: 6, Items: 6}},
			Behaviours: []result.Behaviour{{ID: "B01", Name: "推拖绕", Score: new(b), Band: band(b), Flagged: b >= 50, Answered: 4, Items: 4}},
			Validity:   result.Validity{Flags: []string{}},
		}
	}
	t0 := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	return mk("before-id", dimBefore, behBefore, t0), mk("after-id", dimAfter, behAfter, t0.AddDate(0, 6, 0))
}

func TestCompareStepBoundary(t *testing.T) {
	t.Parallel()
	const dimStep, behStep = 100.0 / 24, 6.25
	for _, tc := range []struct {
		name                 string
		d0, d1, b0, b1       float64
		dimVerdict, behVerd  string
		resolved, new, still int
	}{
		// exactly one step is a clear change; a dimension rising is better,
		// a behaviour falling is better
		{"one step each way", 50, 50 + dimStep, 50, 50 - behStep, Better, Better, 1, 0, 0},
		{"one step worse", 50, 50 - dimStep, 43.75, 50, Worse, Worse, 0, 1, 0},
		// just under one step is no clear change, whichever way
		{"under a step", 50, 54.1, 50, 55, NoChange, NoChange, 0, 0, 1},
		{"under a step down", 50, 45.9, 56.25, 50.01, NoChange, NoChange, 0, 0, 1},
		// a flag can go while the change stays under one step: both are told
		{"flag gone, no clear change", 62.5, 62.5, 50, 45, NoChange, NoChange, 1, 0, 0},
		{"big", 25, 75, 81.25, 12.5, Better, Better, 1, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, after := pair(tc.d0, tc.d1, tc.b0, tc.b1)
			c, err := Compare(before, after, "a.json", "b.json", nil, i18n.ZH, false)
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Dimensions[0].Verdict; got != tc.dimVerdict {
				t.Errorf("D1 %g → %g: %s, want %s", tc.d0, tc.d1, got, tc.dimVerdict)
			}
			if got := c.Behaviours[0].Verdict; got != tc.behVerd {
				t.Errorf("B01 %g → %g: %s, want %s", tc.b0, tc.b1, got, tc.behVerd)
			}
			if len(c.Resolved) != tc.resolved || len(c.New) != tc.new || len(c.Remaining) != tc.still {
				t.Errorf("flags resolved/new/remaining = %v/%v/%v", c.Resolved, c.New, c.Remaining)
			}
			if c.Dimensions[0].Step != dimStep || c.Behaviours[0].Step != behStep {
				t.Errorf("steps %g and %g, want %g and %g", c.Dimensions[0].Step, c.Behaviours[0].Step, dimStep, behStep)
			}
		})
	}
}

func TestCompareUnscored(t *testing.T) {
	t.Parallel()
	before, after := pair(50, 60, 50, 40)
	after.Behaviours[0].Score, after.Behaviours[0].Band, after.Behaviours[0].Flagged = nil, nil, false
	c, err := Compare(before, after, "a.json", "b.json", nil, i18n.ZH, false)
	if err != nil {
		t.Fatal(err)
	}
	if c.Behaviours[0].Verdict != NotScored || c.Behaviours[0].Change != nil {
		t.Errorf("a missing score cannot be compared: %+v", c.Behaviours[0])
	}
	if !strings.Contains(CompareText(c, TextOptions{Lang: i18n.ZH, Width: 80}), "推拖绕   50 → —") {
		t.Errorf("text should show the missing score as —:\n%s", CompareText(c, TextOptions{Lang: i18n.ZH, Width: 80}))
	}
}

func TestCompareRefusals(t *testing.T) {
	t.Parallel()
	before, after := pair(50, 60, 50, 40)
	after.Instrument.Version = "1.1.0"
	_, err := Compare(before, after, "a.json", "b.json", nil, i18n.ZH, false)
	var pe *PairError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "不同版本") || !strings.Contains(err.Error(), "手头没有 1.0.0、1.1.0 版的题库") {
		t.Errorf("different versions, no bank at hand: %v", err)
	}
	before, after = pair(50, 60, 50, 40)
	after.Instrument.ID = "other-bank"
	if _, err := Compare(before, after, "a.json", "b.json", nil, i18n.EN, true); err == nil || !strings.Contains(err.Error(), "different questionnaires") {
		t.Errorf("different banks must be refused even with force: %v", err)
	}
	before, after = pair(50, 60, 50, 40)
	_, err = Compare(after, before, "late.json", "early.json", nil, i18n.ZH, false)
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "early.json（之后）完成于 2025-03-01 09:00，早于 late.json") || !strings.Contains(err.Error(), "--force") {
		t.Errorf("reversed order: %v", err)
	}
	if _, err := Compare(after, before, "late.json", "early.json", nil, i18n.ZH, true); err != nil {
		t.Errorf("--force should allow the reversed order: %v", err)
	}
	// Within one minute the seconds tell which came first.
	before, after = pair(50, 60, 50, 40)
	before.CompletedAt = before.CompletedAt.Add(40 * time.Second)
	after.CompletedAt = before.CompletedAt.Add(-30 * time.Second)
	_, err = Compare(before, after, "a.json", "b.json", nil, i18n.ZH, false)
	if err == nil || !strings.Contains(err.Error(), "完成于 2025-03-01 09:00:10，早于 a.json（之前，2025-03-01 09:00:40）") {
		t.Errorf("same minute: %v", err)
	}
	// One result twice (the same file, or a copy of it) is refused even
	// with --force: there is nothing to compare.
	before, _ = pair(50, 60, 50, 40)
	for _, force := range []bool{false, true} {
		_, err = Compare(before, before, "r.json", "copy.json", nil, i18n.ZH, force)
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), "r.json 和 copy.json 是同一份结果（id before-i）") {
			t.Errorf("the same result, force %v: %v", force, err)
		}
	}
}

// The two fixture results of one person, hand-checked: B03 went from
// 50 to 6.25 (its four answers fell), B04 rose from 25 to 50, B06 fell
// from 81.25 to 31.25, and B01 stayed at 75. Two changes of exactly one
// step count: B09's only non-zero v (Q32, 1) fell to 0, 6.25 → 0 = one
// step of 4 items; D5's v went 6 → 7 over 7 items (Q10, Q22, Q44 +1 each,
// Q26 −2), 78.57 → 75 = one step of 100 ÷ 28.
func TestCompareFixtures(t *testing.T) {
	t.Parallel()
	before, b := fixture(t, "before")
	after, _ := fixture(t, "after")
	after.CompletedAt = before.CompletedAt.AddDate(0, 6, 0)
	c, err := Compare(before, after, "before.json", "after.json", b, i18n.ZH, false)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"B01": NoChange, "B03": Better, "B04": Worse, "B06": Better, "B09": Better, "D4": Better, "D5": Worse, "D1": NoChange}
	for _, x := range append(c.Behaviours, c.Dimensions...) {
		if w, ok := want[x.ID]; ok && x.Verdict != w {
			t.Errorf("%s %s: %s, want %s", x.ID, x.Name, x.Verdict, w)
		}
	}
	if strings.Join(c.Resolved, ",") != "担心问责,遥控指挥" || strings.Join(c.New, ",") != "未老先衰" || strings.Join(c.Remaining, ",") != "推拖绕,空喊口号,因循守旧" {
		t.Errorf("resolved %v new %v remaining %v", c.Resolved, c.New, c.Remaining)
	}
	text := ansi.Strip(CompareText(c, TextOptions{Lang: i18n.ZH, Width: 60}))
	golden(t, "compare-zh-60.golden", text)
	golden(t, "compare-zh.golden.md", CompareMarkdown(c))
	data, err := CompareJSON(c)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(data, &back); err != nil || back["new"].([]any)[0] != "未老先衰" {
		t.Errorf("json: %v %v", err, back["new"])
	}
	c, err = Compare(before, after, "before.json", "after.json", b, i18n.EN, false)
	if err != nil {
		t.Fatal(err)
	}
	en := ansi.Strip(CompareText(c, TextOptions{Width: 40}))
	checkWidth(t, en, 40)
	golden(t, "compare-en-40.golden", en)
}
