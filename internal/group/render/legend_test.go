package render

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/group"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/score"
)

// TestItemsLegend: without --by the items table showed B01–B10 with no
// legend anywhere in the report; the text and Markdown reports now name
// every code under the table, and say that item figures are on the raw
// 0–4 scale the screens show as 1–5.
func TestItemsLegend(t *testing.T) {
	t.Parallel()
	for _, l := range []i18n.Lang{i18n.ZH, i18n.EN} {
		r := fixtureReport(t, 120, group.Options{Lang: l})
		if len(r.Items) == 0 {
			t.Fatalf("%s: the fixture shows no items table", l)
		}
		for name, out := range map[string]string{
			"text": ansi.Strip(Text(r, TextOptions{Width: 80})),
			"md":   Markdown(r),
		} {
			flat := strings.Join(strings.Fields(out), "")
			for _, b := range r.Behaviours {
				if !strings.Contains(flat, b.ID+strings.Join(strings.Fields(b.Name), "")) {
					t.Errorf("%s %s: no legend entry for %s %s", l, name, b.ID, b.Name)
				}
			}
			if !strings.Contains(flat, l.T("屏幕上显示为1–5", "shownas1–5onscreen")) {
				t.Errorf("%s %s: the 0–4 item scale is not related to the 1–5 screens", l, name)
			}
		}
	}
}

// noiseReport is an exact report on n results whose answers are
// independent uniform noise: with few people, about half the scales get
// a negative α.
func noiseReport(t *testing.T, l i18n.Lang, n int) *group.Report {
	t.Helper()
	b, err := bank.Default(l)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	a := group.New(b, group.Options{Lang: l, Exact: true})
	for i := range n {
		answers := map[string]int{}
		for _, it := range b.Items {
			answers[it.ID] = rng.IntN(5)
		}
		r := score.Score(b, score.Input{ID: fmt.Sprintf("noise-%03d", i), Lang: l, Answers: answers})
		a.Add(fmt.Sprintf("r%03d.json", i), &r)
	}
	return a.Report()
}

// TestNegativeAlphaExplained: an exact report showed α = −3.25 with no
// word on what a negative α means. Each negative α is now marked, carries
// alpha_note (JSON, CSV, XLSX), and one note explains it in the text,
// Markdown and HTML reports; a positive α carries none.
func TestNegativeAlphaExplained(t *testing.T) {
	t.Parallel()
	for _, l := range []i18n.Lang{i18n.ZH, i18n.EN} {
		r := noiseReport(t, l, 12)
		negative := 0
		for _, d := range r.Dimensions {
			if d.Alpha != nil && *d.Alpha <= -0.005 {
				negative++
				if d.AlphaNote == "" {
					t.Errorf("%s: %s α %.2f has no alpha_note", l, d.ID, *d.Alpha)
				}
			} else if d.Alpha != nil && d.AlphaNote != "" {
				t.Errorf("%s: %s α %.2f is not negative but has the note %q", l, d.ID, *d.Alpha, d.AlphaNote)
			}
		}
		for _, b := range r.Behaviours {
			if b.Alpha != nil && *b.Alpha <= -0.005 {
				negative++
				if b.AlphaNote == "" {
					t.Errorf("%s: %s α %.2f has no alpha_note", l, b.ID, *b.Alpha)
				}
			} else if b.Alpha != nil && b.AlphaNote != "" {
				t.Errorf("%s: %s α %.2f is not negative but has the note %q", l, b.ID, *b.Alpha, b.AlphaNote)
			}
		}
		if negative == 0 {
			t.Fatalf("%s: the fixture has no negative α to explain", l)
		}
		var html bytes.Buffer
		if err := HTML(&html, r); err != nil {
			t.Fatal(err)
		}
		want := l.T("α 为负", "A negative α")
		for name, out := range map[string]string{
			"text": ansi.Strip(Text(r, TextOptions{Width: 80})),
			"md":   Markdown(r),
			"html": html.String(),
		} {
			flat := strings.Join(strings.Fields(out), "")
			if !strings.Contains(flat, strings.Join(strings.Fields(want), "")) {
				t.Errorf("%s %s: no explanation of a negative α", l, name)
			}
			if !strings.Contains(out, " *") {
				t.Errorf("%s %s: negative α not marked with *", l, name)
			}
		}
	}
}
