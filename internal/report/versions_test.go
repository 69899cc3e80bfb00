package report

import (
	"errors"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/score"
)

// TestCompareAcrossVersions: results of two versions of one bank compare
// when both banks are at hand and score alike, with a note that their
// validity flags follow different rules; they are refused when a bank is
// missing or the scoring differs, saying which.
func TestCompareAcrossVersions(t *testing.T) {
	t.Parallel()
	load := func(path string) *bank.Bank {
		b, err := bank.Load(path, i18n.EN)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	// The next version: the same questions and scoring, other validity
	// rules (as 1.1.0 is; bank's own tests check the real file).
	old := load("../../questions/tangping-default.yaml")
	next := *old
	next.Version, next.SHA256 = "1.1.0", strings.Repeat("a", 64)
	next.Validity.Rules = []bank.Rule{{Check: bank.CheckInconsistentPairs, Difference: 3, AtLeast: 2}}
	cur := &next
	r0, _ := fixture(t, "before")
	r1, _ := fixture(t, "after")
	rescore := func(r *result.Result, b *bank.Bank) *result.Result {
		x := score.Score(b, score.Input{ID: r.ID, Lang: i18n.EN, Answers: r.AnswerMap(), StartedAt: r.StartedAt, CompletedAt: r.CompletedAt})
		return &x
	}
	before, after := rescore(r0, old), rescore(r1, cur)

	c, err := Compare(before, after, "b.json", "a.json", cur, i18n.EN, false, old)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.VersionNote, "(1.0.0 → 1.1.0)") || !strings.Contains(c.VersionNote, "the validity rules differ") {
		t.Errorf("version note %q", c.VersionNote)
	}
	// The scores are those of one version: the same as comparing the two
	// answer sets both scored with 1.1.0.
	same, err := Compare(rescore(r0, cur), after, "b.json", "a.json", cur, i18n.EN, false)
	if err != nil {
		t.Fatal(err)
	}
	for i := range c.Dimensions {
		if c.Dimensions[i].Verdict != same.Dimensions[i].Verdict || *c.Dimensions[i].Change != *same.Dimensions[i].Change {
			t.Errorf("%s: %+v across versions, %+v within 1.1.0", c.Dimensions[i].ID, c.Dimensions[i], same.Dimensions[i])
		}
	}
	if same.VersionNote != "" {
		t.Error("a pair of one version carries a version note")
	}
	for name, text := range map[string]string{"text": CompareText(c, TextOptions{Lang: i18n.EN, Width: 200}), "md": CompareMarkdown(c)} {
		if flat := strings.Join(strings.Fields(ansi.Strip(text)), " "); !strings.Contains(flat, "each result's validity notes follow its own version's rules") {
			t.Errorf("%s rendering lacks the version note:\n%s", name, text)
		}
	}

	// Without the old bank: refused, naming the version that is missing.
	_, err = Compare(before, after, "b.json", "a.json", cur, i18n.EN, false)
	var pe *PairError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "the bank of version 1.0.0 is not at hand") {
		t.Errorf("old bank missing: %v", err)
	}
	// A version whose items are keyed differently: refused.
	other := *cur
	other.SHA256 = strings.Repeat("1", 64)
	other.Version = "2.0.0"
	other.Items = append([]bank.Item(nil), cur.Items...)
	other.Items[0].Keyed = bank.KeyedActive
	later := rescore(r1, &other)
	_, err = Compare(before, later, "b.json", "a.json", &other, i18n.EN, false, old)
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "versions 1.0.0 and 2.0.0 of tangping-default differ in their items or scoring") {
		t.Errorf("different scoring: %v", err)
	}
}
