package report

import (
	"fmt"
	"math"
	"time"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// Verdicts of one scale's change.
const (
	Better     = "better"
	Worse      = "worse"
	NoChange   = "no_clear_change"
	NotScored  = "not_comparable" // one of the two scores is missing
	stepMargin = 1e-9             // keeps exactly one step from failing on float rounding
)

// Comparison is the change between two results of one person.
type Comparison struct {
	Instrument result.Instrument `json:"instrument"`
	Before     Snapshot          `json:"before"`
	After      Snapshot          `json:"after"`
	Dimensions []ScaleChange     `json:"dimensions"`
	Behaviours []ScaleChange     `json:"behaviours"`
	Resolved   []string          `json:"resolved"`  // flagged before, not after
	New        []string          `json:"new"`       // flagged after, not before
	Remaining  []string          `json:"remaining"` // flagged in both
	lang       i18n.Lang
	notice     string
}

// Snapshot names one of the two results.
type Snapshot struct {
	File        string    `json:"file"`
	ID          string    `json:"id"`
	CompletedAt time.Time `json:"completed_at"`
	Flags       []string  `json:"validity_flags"`
	Notes       []string  `json:"validity_notes"`
}

// ScaleChange is one dimension or behaviour, before and after.
type ScaleChange struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Before  *float64 `json:"before"`
	After   *float64 `json:"after"`
	Change  *float64 `json:"change"` // after − before
	Step    float64  `json:"step"`   // one answer step: 100 ÷ 4 ÷ items
	Verdict string   `json:"verdict"`
	// Shown scores and band labels, for display.
	BeforeShown, AfterShown int    `json:"-"`
	BeforeLabel, AfterLabel string `json:"-"`
}

// PairError is a refusal to compare two results; the CLI maps it to exit 2.
type PairError struct{ Msg string }

func (e *PairError) Error() string { return e.Msg }

// CheckPair refuses two results that cannot be compared: different
// instruments (id or version), or an AFTER completed before BEFORE unless
// force is set. Messages are in lang and name both files.
func CheckPair(before, after *result.Result, beforeName, afterName string, lang i18n.Lang, force bool) error {
	bi, ai := before.Instrument, after.Instrument
	if before.ID == after.ID {
		return &PairError{lang.T(
			fmt.Sprintf("%s 和 %s 是同一份结果（id %s），比较不出任何变化。请给出同一个人先后两次作答的结果。", beforeName, afterName, shortID(after.ID)),
			fmt.Sprintf("%s and %s are the same result (id %s); comparing them shows no change. Give two results of one person taken at different times.", beforeName, afterName, shortID(after.ID)))}
	}
	if bi.ID != ai.ID || bi.Version != ai.Version {
		return &PairError{lang.T(
			fmt.Sprintf("两份结果来自不同的问卷，不能比较：%s 是 %s %s，%s 是 %s %s。请比较同一份问卷的两次结果。", beforeName, bi.ID, bi.Version, afterName, ai.ID, ai.Version),
			fmt.Sprintf("the two results come from different questionnaires and cannot be compared: %s is %s %s, %s is %s %s. Compare two results of the same questionnaire.", beforeName, bi.ID, bi.Version, afterName, ai.ID, ai.Version))}
	}
	if after.CompletedAt.Before(before.CompletedAt) && !force {
		f := "2006-01-02 15:04"
		if after.CompletedAt.Format(f) == before.CompletedAt.Format(f) {
			f += ":05" // "completed at 09:42, before 09:42" explains nothing
		}
		return &PairError{lang.T(
			fmt.Sprintf("顺序似乎反了：%s（之后）完成于 %s，早于 %s（之前，%s）。请交换两个文件的位置；如确实要这样比较，加 --force。", afterName, after.CompletedAt.Format(f), beforeName, before.CompletedAt.Format(f)),
			fmt.Sprintf("the order looks reversed: %s (AFTER) was completed on %s, before %s (BEFORE, %s). Swap the two files, or add --force to compare them this way.", afterName, after.CompletedAt.Format(f), beforeName, before.CompletedAt.Format(f)))}
	}
	return nil
}

// shortID is the start of a result id, enough to tell results apart.
func shortID(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

// Compare compares two results of one person. It refuses results of
// different instruments (id or version), and an AFTER completed before
// BEFORE unless force is set. beforeName and afterName are used in
// messages. b supplies names in lang when it is the results' bank.
func Compare(before, after *result.Result, beforeName, afterName string, b *bank.Bank, lang i18n.Lang, force bool) (*Comparison, error) {
	if err := CheckPair(before, after, beforeName, afterName, lang, force); err != nil {
		return nil, err
	}
	ai := after.Instrument
	db, da := Build(before, b, lang), Build(after, b, lang)
	c := &Comparison{
		Instrument: ai, lang: lang, notice: da.Notice,
		Before: snapshot(beforeName, before, &db), After: snapshot(afterName, after, &da),
		Resolved: []string{}, New: []string{}, Remaining: []string{},
	}
	for _, x := range da.Dimensions {
		y, _ := findRow(db.Dimensions, x.ID)
		c.Dimensions = append(c.Dimensions, change(y, x, true))
	}
	for _, id := range behaviourIDs(after) {
		x, _ := findRow(da.Behaviours, id)
		y, _ := findRow(db.Behaviours, id)
		c.Behaviours = append(c.Behaviours, change(y, x, false))
		switch {
		case y.Flagged && !x.Flagged:
			c.Resolved = append(c.Resolved, x.Name)
		case !y.Flagged && x.Flagged:
			c.New = append(c.New, x.Name)
		case y.Flagged && x.Flagged:
			c.Remaining = append(c.Remaining, x.Name)
		}
	}
	return c, nil
}

func snapshot(name string, r *result.Result, d *Doc) Snapshot {
	return Snapshot{File: name, ID: r.ID, CompletedAt: r.CompletedAt, Flags: append([]string{}, r.Validity.Flags...), Notes: append([]string{}, d.Notes...)}
}

// behaviourIDs are the behaviours in the bank's order, which reads better
// in a comparison than either result's ranking.
func behaviourIDs(r *result.Result) []string {
	ids := make([]string, len(r.Behaviours))
	for i, x := range r.Behaviours {
		ids[i] = x.ID
	}
	return ids
}

func findRow(rows []Row, id string) (Row, bool) {
	for _, x := range rows {
		if x.ID == id {
			return x, true
		}
	}
	return Row{ID: id}, false
}

// change judges one scale. A step is what one answer moving by one point
// on one item does to the score: 100 ÷ 4 ÷ (the scale's number of items).
// A change smaller than one step is no clear change; for a dimension a
// rise is better, for a behaviour a fall is.
func change(before, after Row, higherIsBetter bool) ScaleChange {
	sc := ScaleChange{ID: after.ID, Name: after.Name, Before: before.Score, After: after.Score,
		BeforeShown: before.Shown, AfterShown: after.Shown, BeforeLabel: before.Label, AfterLabel: after.Label}
	items := max(after.Items, before.Items, 1)
	sc.Step = 100 / 4 / float64(items)
	if before.Score == nil || after.Score == nil {
		sc.Verdict = NotScored
		return sc
	}
	d := *after.Score - *before.Score
	sc.Change = &d
	switch {
	case math.Abs(d) < sc.Step-stepMargin:
		sc.Verdict = NoChange
	case (d > 0) == higherIsBetter:
		sc.Verdict = Better
	default:
		sc.Verdict = Worse
	}
	return sc
}
