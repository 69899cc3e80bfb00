package report

import (
	"fmt"
	"strings"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// Markdown renders the whole personal report as Markdown.
func Markdown(r *result.Result, b *bank.Bank, lang i18n.Lang) string {
	d := Build(r, b, lang)
	return d.markdown()
}

// mdCell makes text safe inside a Markdown table cell or list item: a
// pipe would end the cell, a newline the row, and "<" could start HTML.
func mdCell(s string) string {
	s = strings.ReplaceAll(s, "\\", "\\\\")
	s = strings.ReplaceAll(s, "|", "\\|")
	s = strings.ReplaceAll(s, "<", "&lt;")
	s = strings.ReplaceAll(s, "*", "\\*")
	s = strings.ReplaceAll(s, "_", "\\_")
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}

type mdWriter struct{ strings.Builder }

func (w *mdWriter) line(s ...string) {
	for _, x := range s {
		w.WriteString(x)
		w.WriteByte('\n')
	}
}

func (w *mdWriter) table(head []string, align string, rows [][]string) {
	w.line("| "+strings.Join(head, " | ")+" |", align)
	for _, r := range rows {
		for i := range r {
			r[i] = mdCell(r[i])
		}
		w.line("| " + strings.Join(r, " | ") + " |")
	}
	w.line("")
}

func (d *Doc) scoreCell(x Row) string {
	if x.Score == nil {
		return "—"
	}
	return fmt.Sprint(x.Shown)
}

func (d *Doc) labelCell(x Row) string {
	if x.Score == nil {
		return d.Lang.T(fmt.Sprintf("作答不足（%d/%d），未计分", x.Answered, x.Items), fmt.Sprintf("too few answers (%d/%d); not scored", x.Answered, x.Items))
	}
	return x.Label
}

func (d *Doc) markdown() string {
	l := d.Lang
	var w mdWriter
	w.line("# "+mdCell(d.reportTitle()), "")
	for _, m := range d.metaLines() {
		w.line(mdCell(m) + "  ")
	}
	w.line("", "> "+mdCell(d.Notice), "")
	for _, m := range d.Missing.Lines(l) {
		w.line("> **"+mdCell(m)+"**", "")
	}
	if sum := d.summary(); len(sum) > 0 {
		w.line("## "+l.T("总体结论", "Summary"), "")
		for _, s := range sum {
			w.line("- " + mdCell(s))
		}
		w.line("")
	}
	if len(d.Notes) > 0 {
		w.line("## "+l.T("作答提示", "About these answers"), "")
		for _, n := range d.Notes {
			w.line("- " + mdCell(n))
		}
		w.line("")
	}

	w.line("## "+l.T("六个维度（得分越高越好）", "Six dimensions (higher is better)"), "")
	var rows [][]string
	for _, x := range d.Dimensions {
		rows = append(rows, []string{x.Name, d.scoreCell(x), d.labelCell(x)})
	}
	w.table([]string{l.T("维度", "Dimension"), l.T("得分", "Score"), l.T("区间", "Band")}, "|---|---:|---|", rows)

	w.line("## "+l.T("躺平表现（由高到低；得分越高越明显）", "Lying-flat behaviours (most pronounced first; higher is more marked)"), "")
	rows = nil
	for _, x := range d.Behaviours {
		mark := ""
		if x.Flagged {
			mark = l.T("● 达到提示线", "● flagged")
		}
		rows = append(rows, []string{x.Name, d.scoreCell(x), d.labelCell(x), mark})
	}
	w.table([]string{l.T("表现", "Behaviour"), l.T("得分", "Score"), l.T("区间", "Band"), l.T("提示", "Flag")}, "|---|---:|---|---|", rows)

	w.line("## "+l.T("建议", "Suggested measures"), "")
	if len(d.Recs) == 0 {
		w.line(l.T("本次结果没有需要特别改进的方面，没有列出建议。", "Nothing in this result calls for a targeted measure, so none is listed."), "")
	}
	for i, rc := range d.Recs {
		w.line(fmt.Sprintf("%d. **%s**"+l.T("：", ": ")+"%s", i+1, mdCell(rc.ForName), mdCell(rc.Text)))
	}
	if len(d.Recs) > 0 {
		w.line("")
	}
	d.whyMarkdown(&w)
	return w.String()
}

func (d *Doc) whyMarkdown(w *mdWriter) {
	l := d.Lang
	w.line("## "+d.whyTitle(), "")
	if !d.BankMatch {
		w.line("> "+mdCell(d.WhyNote), "")
		return
	}
	for _, s := range d.whyMethod() {
		w.line(mdCell(s), "")
	}
	for _, s := range d.whyBands() {
		w.line("- " + mdCell(s))
	}
	w.line("")
	for _, ws := range d.Why {
		w.line("### "+mdCell(d.scaleHeading(ws.Row)), "")
		var rows [][]string
		for _, it := range ws.Questions {
			rows = append(rows, []string{it.ID, it.Text, it.BehaviourName, d.answerLabel(it), keyedLabel(it.Active, l), vText(it)})
		}
		w.table([]string{l.T("题号", "Item"), l.T("题目", "Question"), l.T("所属表现", "Behaviour"), l.T("您的回答", "Your answer"), l.T("计分方向", "Keyed"), "v"},
			"|---|---|---|---|---|---:|", rows)
		w.line(mdCell(d.scaleCalc(ws)), "")
	}
}
