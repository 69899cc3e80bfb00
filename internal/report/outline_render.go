package report

import (
	"fmt"
	"strings"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/htmlpage"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/textwrap"
)

// The outline's four parts, in order. English numbers them I–IV, so
// that they differ from the 1. 2. of the sections under them.
func (o *Outline) parts() [4]string {
	l := o.Lang
	return [4]string{
		l.T("一、存在的问题", "I. Problems found"),
		l.T("二、原因剖析", "II. Analysis of causes"),
		l.T("三、整改措施", "III. Corrective measures"),
		l.T("四、努力方向", "IV. The way forward"),
	}
}

func (o *Outline) measureHead() []string {
	l := o.Lang
	return []string{l.T("序号", "No."), l.T("针对问题", "For"), l.T("整改措施（建议，请修改）", "Measure (a suggestion: edit it)"), l.T("完成时限", "Deadline"), l.T("完成标准", "Done when")}
}

// measureRows are the table rows: the suggestions, then one blank row for
// a measure of the person's own.
func (o *Outline) measureRows() [][]string {
	var rows [][]string
	for i, m := range o.Measures {
		rows = append(rows, []string{fmt.Sprint(i + 1), m.ForName, m.Text, "", ""})
	}
	return append(rows, []string{fmt.Sprint(len(o.Measures) + 1), o.Lang.T("（自拟）", "(your own)"), "", "", ""})
}

func (o *Outline) openingLabel() string { return o.Lang.T("开头", "Opening") }

// hintLabel introduces a writing hint.
func (o *Outline) hintLabel() string { return o.Lang.T("写作提示：", "How to write it: ") }

// outlinePage is what the HTML template sees of the outline.
type outlinePage struct {
	*Outline
	OpeningLabel, HintLabel string
	Parts                   [4]string
	MeasureHead             []string
	MeasureRows             [][]string
}

// OutlineHTML renders the outline as one self-contained HTML page that
// looks like the document it drafts: official heading levels, the
// placeholders marked, the writing hints in grey boxes that are left out
// when it is printed, and a gridded measures table to write in by hand.
func OutlineHTML(r *result.Result, b *bank.Bank, lang i18n.Lang) (string, error) {
	d := Build(r, b, lang)
	o := BuildOutline(r, b, lang)
	op := &outlinePage{Outline: &o, OpeningLabel: o.openingLabel(), HintLabel: o.hintLabel(), Parts: o.parts(),
		MeasureHead: o.measureHead(), MeasureRows: o.measureRows()}
	p := htmlPage{Doc: &d, HTMLLang: lang.T("zh-CN", "en"), PageTitle: o.Title, Outline: op,
		Style: htmlpage.NewStyle(htmlpage.Print{})}
	return d.renderHTML("outline", p)
}

// OutlineMarkdown renders the outline as Markdown, the form to start
// writing from.
func OutlineMarkdown(r *result.Result, b *bank.Bank, lang i18n.Lang) string {
	o := BuildOutline(r, b, lang)
	return o.markdown()
}

func (o *Outline) markdown() string {
	var w mdWriter
	p := o.parts()
	w.line("# "+mdCell(o.Title), "")
	for i, s := range o.Byline {
		if i < len(o.Byline)-1 {
			s += "  " // a Markdown line break
		}
		w.line(mdCell(s))
	}
	w.line("")
	for _, s := range append(append([]string(nil), o.Missing...), o.Preface...) {
		w.line("> "+mdCell(s), ">")
	}
	trimLastQuote(&w)
	w.line("", "**"+o.openingLabel()+"**", "", mdCell(o.Opening), "")
	w.line("## "+p[0], "")
	if o.Fallback != "" {
		w.line("*"+mdCell(o.Fallback)+"*", "")
	}
	for _, h := range o.Problems {
		w.line("### "+mdCell(h.Title), "", "*"+mdCell(h.Sub)+"*", "")
		for _, pt := range h.Points {
			w.line(mdCell(pt.Text), "")
			if pt.Hint != "" {
				w.line("> "+mdCell(o.hintLabel()+pt.Hint), "")
			}
		}
	}
	w.line("## "+p[1], "", "*"+mdCell(o.CauseTip)+"*", "")
	for _, c := range o.Causes {
		w.line("### "+mdCell(c.Title), "")
		if c.Related != "" {
			w.line(mdCell(c.Related), "")
		}
		for _, s := range c.Prompts {
			w.line("- " + mdCell(s))
		}
		w.line("", mdCell(c.Pointer), "")
	}
	w.line("## "+p[2], "")
	w.table(o.measureHead(), "|---:|---|---|---|---|", o.measureRows())
	w.line("## "+p[3], "")
	for _, s := range o.Closing {
		w.line(mdCell(s), "")
	}
	return strings.TrimRight(w.String(), "\n") + "\n"
}

// trimLastQuote drops the ">" spacer after the last quoted paragraph.
func trimLastQuote(w *mdWriter) {
	s := strings.TrimSuffix(w.String(), ">\n")
	w.Reset()
	w.WriteString(s)
}

// OutlineText renders the outline for a terminal.
func OutlineText(r *result.Result, b *bank.Bank, o TextOptions) string {
	ol := BuildOutline(r, b, o.Lang)
	st, width := newStyles(o.Dark, o.Glyphs), textWidth(o.Width)
	p := ol.parts()
	var out []string
	add := func(s ...string) { out = append(out, s...) }
	add(paint(st.title, textwrap.Hang(ol.Title, "", width)))
	for _, s := range ol.Byline {
		add(textwrap.Hang(s, "", width))
	}
	add("")
	for _, s := range ol.Missing {
		add(paint(st.note, textwrap.Hang(s, "", width)))
	}
	for _, s := range ol.Preface {
		add(paint(st.muted, textwrap.Hang(s, "", width)))
	}
	add("", st.heading.Render(ol.openingLabel()), textwrap.Hang(ol.Opening, "", width))
	add("", paint(st.title, p[0]))
	if ol.Fallback != "" {
		add(paint(st.muted, textwrap.Hang(ol.Fallback, "", width)))
	}
	for _, h := range ol.Problems {
		add("", paint(st.heading, textwrap.Hang(h.Title, "", width)), paint(st.muted, textwrap.Hang(h.Sub, "", width)))
		for _, pt := range h.Points {
			add(textwrap.Hang(pt.Text, "  ", width))
			if pt.Hint != "" {
				add(paint(st.muted, textwrap.Hang(ol.hintLabel()+pt.Hint, "  ", width)))
			}
		}
	}
	add("", paint(st.title, p[1]), paint(st.muted, textwrap.Hang(ol.CauseTip, "", width)))
	for _, c := range ol.Causes {
		add("", paint(st.heading, textwrap.Hang(c.Title, "", width)))
		if c.Related != "" {
			add(paint(st.muted, textwrap.Hang(c.Related, "", width)))
		}
		for _, s := range c.Prompts {
			add(textwrap.Hang(s, "· ", width))
		}
		add(paint(st.muted, textwrap.Hang(c.Pointer, "  ", width)))
	}
	add("", paint(st.title, p[2]))
	head := ol.measureHead()
	for _, row := range ol.measureRows() {
		add(textwrap.Hang(row[1]+l2(ol.Lang)+row[2], row[0]+". ", width))
		add(paint(st.muted, textwrap.Hang(head[3]+l2(ol.Lang)+"________  "+head[4]+l2(ol.Lang)+"________", "   ", width)))
	}
	add("", paint(st.title, p[3]))
	for _, s := range ol.Closing {
		add(textwrap.Hang(s, "", width))
	}
	return strings.Join(out, "\n") + "\n"
}

// l2 is the label separator: a full-width colon in Chinese.
func l2(l i18n.Lang) string { return l.T("：", ": ") }
