package report

import (
	"fmt"
	"strings"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/textwrap"
)

// TextReport renders the whole personal report for a terminal: a header,
// the result body with every recommendation, and the "why this score"
// section.
func TextReport(r *result.Result, b *bank.Bank, o TextOptions) string {
	d := Build(r, b, o.Lang)
	st, width := newStyles(o.Dark, o.Glyphs), textWidth(o.Width)
	var out []string
	out = append(out, paint(st.title, textwrap.Hang(d.reportTitle(), "", width)))
	for _, m := range d.metaLines() {
		out = append(out, paint(st.muted, textwrap.Hang(m, "", width)))
	}
	for _, m := range d.Missing.Lines(d.Lang) {
		out = append(out, paint(st.note, textwrap.Hang(m, "", width)))
	}
	if sum := d.summary(); len(sum) > 0 {
		out = append(out, "", st.heading.Render(d.Lang.T("总体结论", "Summary")))
		for _, s := range sum {
			out = append(out, textwrap.Hang(s, "· ", width))
		}
	}
	out = append(out, "", d.textBody(st, width, len(d.Recs)), "", d.whyText(st, width))
	return strings.Join(out, "\n") + "\n"
}

func (d *Doc) whyText(st styles, width int) string {
	l := d.Lang
	out := []string{st.heading.Render(d.whyTitle())}
	if !d.BankMatch {
		return strings.Join(append(out, paint(st.note, textwrap.Hang(d.WhyNote, "", width))), "\n")
	}
	for _, s := range append(d.whyMethod(), d.whyBands()...) {
		out = append(out, paint(st.muted, textwrap.Hang(s, "", width)))
	}
	for _, ws := range d.Why {
		out = append(out, "", st.heading.Render(textwrap.Hang(d.scaleHeading(ws.Row), "", width)))
		for _, it := range ws.Questions {
			meta := fmt.Sprintf("%s %s · %s · %s · v = %s", it.ID, it.BehaviourName, d.answerLabel(it), keyedLabel(it.Active, l), vText(it))
			out = append(out, textwrap.Hang(meta, "  ", width), paint(st.muted, textwrap.Hang(it.Text, "      ", width)))
		}
		out = append(out, paint(st.muted, textwrap.Hang(d.scaleCalc(ws), "  ", width)))
	}
	return strings.Join(out, "\n")
}
