package report

import (
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
)

// TestCausesFromBank: the outline's analysis of causes comes from the
// bank's classes — their titles, prompts, pointers and what they explain —
// and a class marked "flagged" appears only when something it explains is
// flagged or weak.
func TestCausesFromBank(t *testing.T) {
	t.Parallel()
	r, b := fixture(t, "flagged")
	d := Build(r, b, i18n.ZH)
	flagged, weak := d.Flagged(), d.Weak()
	if len(flagged) == 0 || len(weak) == 0 {
		t.Fatal("the flagged fixture needs a flagged behaviour and a weak dimension")
	}
	calm := ""
	for _, x := range d.Behaviours {
		if !x.Flagged {
			calm = x.ID
		}
	}
	cause := func(id, title, when string, explains ...string) bank.Cause {
		return bank.Cause{ID: id, Title: bank.Text{"zh": title}, Explains: explains, When: when,
			Prompts: []bank.Text{{"zh": title + "的提问"}}, Pointer: bank.Text{"zh": title + "的方向"}}
	}
	own := *b
	own.Causes = []bank.Cause{
		cause("a", "甲类", bank.CauseAlways, flagged[0].ID),
		cause("b", "乙类", bank.CauseFlagged, calm),       // nothing it explains is flagged: left out
		cause("c", "丙类", bank.CauseFlagged, weak[0].ID), // a weak dimension: shown
	}
	o := BuildOutline(r, &own, i18n.ZH)
	if len(o.Causes) != 2 {
		t.Fatalf("%d classes, want 2: %+v", len(o.Causes), o.Causes)
	}
	a, c := o.Causes[0], o.Causes[1]
	if a.Title != "（一）甲类" || c.Title != "（二）丙类" {
		t.Errorf("titles %q, %q; want （一）甲类 and （二）丙类", a.Title, c.Title)
	}
	if !strings.HasPrefix(a.Prompts[0], "甲类的提问【") || a.Pointer != "甲类的方向" {
		t.Errorf("class a: prompts %q, pointer %q", a.Prompts, a.Pointer)
	}
	if !strings.Contains(a.Related, flagged[0].Name) || !strings.Contains(c.Related, weak[0].Name) {
		t.Errorf("related lines %q and %q do not name %s and %s", a.Related, c.Related, flagged[0].Name, weak[0].Name)
	}
	text := OutlineMarkdown(r, &own, i18n.ZH)
	if strings.Contains(text, "乙类") || strings.Contains(text, "思想层面") {
		t.Error("the outline shows a class the bank does not list, or one whose behaviours are not flagged")
	}

	// Without the result's bank, the built-in classes: thinking and ability
	// always, fear of blame only with B03 flagged.
	other := *b
	other.SHA256 = strings.Repeat("0", 64)
	o = BuildOutline(r, &other, i18n.EN)
	if len(o.Causes) < 2 || o.Causes[0].Title != "1. Thinking: convictions, sense of purpose and Party character" {
		t.Errorf("without the bank: %+v", o.Causes)
	}
}
