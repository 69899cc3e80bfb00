package report

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/textwrap"
)

func verdictText(v string, l i18n.Lang) string {
	switch v {
	case Better:
		return l.T("↑ 改善", "↑ better")
	case Worse:
		return l.T("↓ 变差", "↓ worse")
	case NoChange:
		return l.T("无明显变化", "no clear change")
	}
	return l.T("无法比较（作答不足）", "not comparable (too few answers)")
}

func scoreText(s *float64, shown int) string {
	if s == nil {
		return "—"
	}
	return fmt.Sprint(shown)
}

func deltaText(sc ScaleChange) string {
	if sc.Change == nil {
		return ""
	}
	d := int(math.Round(*sc.Change))
	switch {
	case d > 0:
		return fmt.Sprintf("+%d", d)
	case d < 0:
		return fmt.Sprintf("−%d", -d)
	}
	return "±0"
}

func (c *Comparison) ruleNote() string {
	return c.lang.T("变化小于一个作答档（100 ÷ 4 ÷ 该项题数，即一道题的回答变动一档所引起的分数变化）时，记为“无明显变化”。"+c.notice+"。",
		"A change smaller than one answer step (100 ÷ 4 ÷ the scale's number of items: what moving one answer on one item by one point does to the score) counts as no clear change. "+c.notice+".")
}

func (c *Comparison) headLines() []string {
	l := c.lang
	const f = "2006-01-02 15:04"
	lines := []string{
		l.T("题库：", "Bank: ") + c.Instrument.ID + " " + c.Instrument.Version,
		l.T("之前：", "Before: ") + c.Before.File + l.T("（"+c.Before.CompletedAt.Format(f)+"）", " ("+c.Before.CompletedAt.Format(f)+")"),
		l.T("之后：", "After: ") + c.After.File + l.T("（"+c.After.CompletedAt.Format(f)+"）", " ("+c.After.CompletedAt.Format(f)+")"),
	}
	if c.VersionNote != "" {
		lines = append(lines, c.VersionNote)
	}
	if c.PersonNote != "" {
		lines = append(lines, c.PersonNote)
	}
	if c.Unverified {
		lines = append(lines, unverifiedNote(l))
	}
	return lines
}

func (c *Comparison) flagLines() [][2]string {
	l := c.lang
	list := func(xs []string) string {
		if len(xs) == 0 {
			return l.T("无", "none")
		}
		return strings.Join(xs, l.T("、", ", "))
	}
	return [][2]string{
		{l.T("已消除", "Resolved"), list(c.Resolved)},
		{l.T("新出现", "New"), list(c.New)},
		{l.T("仍存在", "Remaining"), list(c.Remaining)},
	}
}

func (c *Comparison) validityLines() [][2]string {
	l := c.lang
	if len(c.Before.Notes)+len(c.After.Notes) == 0 {
		return nil
	}
	notes := func(xs []string) string {
		if len(xs) == 0 {
			return l.T("无", "none")
		}
		return strings.Join(xs, " ")
	}
	return [][2]string{{l.T("之前", "Before"), notes(c.Before.Notes)}, {l.T("之后", "After"), notes(c.After.Notes)}}
}

// CompareText renders the comparison for a terminal, in the language the
// comparison was built in (o.Lang is not used).
func CompareText(c *Comparison, o TextOptions) string {
	l, st, width := c.lang, newStyles(o.Dark, o.Glyphs), textWidth(o.Width)
	var out []string
	add := func(s ...string) { out = append(out, s...) }
	add(paint(st.title, l.T("前后对比", "Before and after")))
	for _, h := range c.headLines() {
		add(paint(st.muted, textwrap.Hang(h, "", width)))
	}
	add("", heading(st, l.T("六个维度", "Six dimensions"), l.T("得分越高越好", "higher is better"), width))
	add(c.changeRows(st, c.Dimensions, width)...)
	add("", heading(st, l.T("躺平表现", "Lying-flat behaviours"), l.T("得分越低越好", "lower is better"), width))
	add(c.changeRows(st, c.Behaviours, width)...)
	add("", st.heading.Render(l.T("达到提示线的表现", "Flagged behaviours")))
	for _, f := range c.flagLines() {
		add(textwrap.Hang(f[1], f[0]+l.T("：", ": "), width))
	}
	if v := c.validityLines(); v != nil {
		add("", st.heading.Render(l.T("作答提示", "About these answers")))
		for _, f := range v {
			add(paint(st.note, textwrap.Hang(f[1], f[0]+l.T("：", ": "), width)))
		}
	}
	add("", paint(st.muted, textwrap.Hang(c.ruleNote(), "", width)))
	return strings.Join(out, "\n") + "\n"
}

func (c *Comparison) changeRows(st styles, rows []ScaleChange, width int) []string {
	nameW := 0
	for _, x := range rows {
		nameW = max(nameW, ansi.StringWidth(x.Name))
	}
	const numW = 16 // "100 → 100  −100 "
	stacked := 2+nameW+2+numW+ansi.StringWidth(verdictText(NotScored, c.lang)) > width
	var out []string
	for _, x := range rows {
		nums := fmt.Sprintf("%3s → %-3s %5s", scoreText(x.Before, x.BeforeShown), scoreText(x.After, x.AfterShown), deltaText(x))
		v := verdictText(x.Verdict, c.lang)
		switch x.Verdict {
		case Better:
			v = st.dimBand[4].Render(v)
		case Worse:
			v = st.dimBand[1].Render(v)
		default:
			v = st.muted.Render(v)
		}
		if stacked {
			out = append(out, "  "+x.Name, "    "+nums+"  "+v)
			continue
		}
		out = append(out, "  "+textwrap.Pad(x.Name, nameW)+"  "+nums+"  "+v)
	}
	return out
}

// CompareMarkdown renders the comparison as Markdown.
func CompareMarkdown(c *Comparison) string {
	l := c.lang
	var w mdWriter
	w.line("# "+l.T("前后对比", "Before and after"), "")
	for _, h := range c.headLines() {
		w.line(mdCell(h) + "  ")
	}
	w.line("")
	head := []string{"", l.T("之前", "Before"), l.T("之后", "After"), l.T("变化", "Change"), l.T("判断", "Verdict")}
	for _, part := range []struct {
		title string
		rows  []ScaleChange
	}{
		{l.T("六个维度（得分越高越好）", "Six dimensions (higher is better)"), c.Dimensions},
		{l.T("躺平表现（得分越低越好）", "Lying-flat behaviours (lower is better)"), c.Behaviours},
	} {
		w.line("## "+part.title, "")
		var rows [][]string
		for _, x := range part.rows {
			rows = append(rows, []string{x.Name, scoreText(x.Before, x.BeforeShown), scoreText(x.After, x.AfterShown), deltaText(x), verdictText(x.Verdict, l)})
		}
		w.table(head, "|---|---:|---:|---:|---|", rows)
	}
	w.line("## "+l.T("达到提示线的表现", "Flagged behaviours"), "")
	for _, f := range c.flagLines() {
		w.line("- **" + f[0] + "**" + l.T("：", ": ") + mdCell(f[1]))
	}
	w.line("")
	if v := c.validityLines(); v != nil {
		w.line("## "+l.T("作答提示", "About these answers"), "")
		for _, f := range v {
			w.line("- **" + f[0] + "**" + l.T("：", ": ") + mdCell(f[1]))
		}
		w.line("")
	}
	w.line("> " + mdCell(c.ruleNote()))
	return w.String()
}

// CompareJSON renders the comparison as indented JSON.
func CompareJSON(c *Comparison) ([]byte, error) {
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}
