// Package render writes a group Report in the six formats of the group
// report: text for a terminal, Markdown, HTML, CSV, XLSX and JSON. It
// computes nothing: every figure comes from the Report, so every format
// shows the same statistics.
package render

import (
	"strings"

	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"
	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/glyph"
	"github.com/tangping-dev/tangping/internal/group"
	"github.com/tangping-dev/tangping/internal/palette"
	"github.com/tangping-dev/tangping/internal/textwrap"
)

// TextOptions says how to lay out the text report.
type TextOptions struct {
	Width int  // terminal cells; 0 means 80
	Dark  bool // the terminal's background is dark
	// Glyphs draws the bars; glyph.FromEnv picks the safe set for
	// terminals that draw ambiguous-width characters wide.
	Glyphs glyph.Set
}

// minTextWidth is the narrowest layout; narrower terminals wrap it.
const minTextWidth = 40

type textStyles struct {
	title, heading, muted, note, border, dimBar, behBar, track lipgloss.Style
	g                                                          glyph.Set
}

// newTextStyles takes its colours from the palette the TUI and the
// personal report use (internal/palette).
func newTextStyles(dark bool, g glyph.Set) textStyles {
	c := palette.For(dark)
	fg := func(hex string) lipgloss.Style { return lipgloss.NewStyle().Foreground(lipgloss.Color(hex)) }
	return textStyles{
		title:   fg(c.Title).Bold(true),
		heading: lipgloss.NewStyle().Bold(true),
		muted:   fg(c.Grey),
		note:    fg(c.Amber),
		border:  fg(c.Track),
		dimBar:  fg(c.Teal),
		behBar:  fg(c.Red),
		track:   fg(c.Track),
		g:       g,
	}
}

// Text renders the group report for a terminal: lipgloss tables and bar
// charts, at most o.Width cells wide. Colours are full; the caller's
// writer downsamples or strips them for the terminal at hand.
func Text(r *group.Report, o TextOptions) string {
	w := o.Width
	if w <= 0 {
		w = 80
	}
	w = max(w, minTextWidth)
	t := &textR{st: newTextStyles(o.Dark, o.Glyphs), w: w, r: r}
	t.para(t.st.title, heading(r))
	for _, m := range metaLines(r) {
		t.para(t.st.muted, m)
	}
	t.para(t.st.muted, r.Notice)
	if p := protectionNote(r); p != "" {
		st := t.st.muted
		if r.Protection.Mode == group.ModeExact {
			st = t.st.title
		}
		t.blank()
		t.para(st, p)
	}
	if len(r.Versions) == 0 {
		t.section(&r.Section)
	}
	for i := range r.Versions {
		v := &r.Versions[i]
		t.blank()
		t.para(t.st.title, versionHeading(v, r.Lang))
		t.section(v)
	}
	t.files()
	t.blank()
	for _, n := range methodNotes(r) {
		t.para(t.st.muted, n)
	}
	t.para(t.st.muted, privacyFooter(r))
	return strings.Join(t.out, "\n") + "\n"
}

type textR struct {
	st  textStyles
	w   int
	r   *group.Report
	out []string
}

// blank adds an empty line, never two in a row.
func (t *textR) blank() {
	if n := len(t.out); n > 0 && t.out[n-1] != "" {
		t.out = append(t.out, "")
	}
}

// para writes s wrapped to the width.
func (t *textR) para(st lipgloss.Style, s string) { t.hang(st, "", s) }

// hang writes s after prefix, wrapped, with continuation lines indented
// to line up under the text.
func (t *textR) hang(st lipgloss.Style, prefix, s string) {
	if s == "" {
		return
	}
	for line := range strings.SplitSeq(textwrap.Hang(s, prefix, t.w), "\n") {
		t.out = append(t.out, st.Render(line))
	}
}

func (t *textR) head(title, sub string) {
	t.blank()
	s := t.st.heading.Render(title)
	if sub != "" {
		s += " " + t.st.muted.Render(sub)
	}
	t.out = append(t.out, s)
}

func (t *textR) section(s *group.Section) {
	l := t.r.Lang
	if s.Suppressed {
		t.blank()
		t.para(t.st.note, suppressedNote(s.N, t.r.MinGroup, l))
		return
	}
	t.head(l.T("作答提示", "Validity flags"), l.T("提示“读时多留意”，不是判定", "read with care; not a verdict"))
	t.table(validityTable(s, l))

	t.head(l.T("维度", "Dimensions"), l.T("得分越高越好", "higher is better"))
	t.table(dimensionTable(s, l))
	var names, vals []string
	var xs []*float64
	for _, d := range s.Dimensions {
		names, xs, vals = append(names, d.Name), append(xs, d.Mean), append(vals, meanLabel(d))
	}
	t.bars(names, xs, 100, vals, t.st.dimBar, l.T("均值", "mean"))
	t.table(dimensionBands(s, l))

	t.head(l.T("躺平表现", "Lying-flat behaviours"), l.T("得分越高越“躺平”", "higher is more lying-flat"))
	t.table(behaviourTable(s, l))
	names, xs, vals = nil, nil, nil
	for _, b := range s.Behaviours {
		names, xs, vals = append(names, b.Name), append(xs, b.Prevalence), append(vals, pct(b.Prevalence))
	}
	t.bars(names, xs, 1, vals, t.st.behBar, l.T("检出率", "prevalence"))
	t.table(behaviourBands(s, l))

	if t.r.By != group.ByNone {
		t.head(l.T("分组", "Groups"), l.T("按", "by ")+byName(t.r.By, l))
		t.para(t.st.note, withheldNote(s, t.r.MinGroup, l))
		if len(s.Groups) > 0 {
			dims, behs, legend := groupTables(s, l)
			t.table(dims)
			t.table(behs)
			t.para(t.st.muted, legend)
		}
	}

	if t.r.Protection.Live {
		return // serve's live profile shows no items
	}
	t.head(l.T("题目", "Items"), l.T("原始回答的分布", "distribution of raw answers"))
	t.para(t.st.note, itemsNote(s, l))
	t.table(itemTable(s, l))
	if legend := itemLegend(s, l); legend != "" {
		t.para(t.st.muted, legend)
	}
}

func (t *textR) files() {
	l := t.r.Lang
	if len(t.r.Skipped) > 0 {
		t.head(l.T("跳过的文件", "Skipped files"), l.T("未计入统计", "not counted"))
		for _, f := range t.r.Skipped {
			t.hang(t.st.note, "· ", f.File+l.T("：", ": ")+f.Reason)
		}
	}
	if len(t.r.Duplicates) > 0 {
		t.head(l.T("重复的结果", "Duplicate results"), l.T("同一结果只计一次", "each result counted once"))
		for _, d := range t.r.Duplicates {
			t.hang(t.st.note, "· ", l.T(d.File+" 与 "+d.First+" 是同一份结果（id "+d.ID+"），只计一次。",
				d.File+" is the same result as "+d.First+" (id "+d.ID+"); counted once."))
		}
	}
}

// table lays out x with a header rule and no outer box. A table too
// wide for the terminal first loses padding, then is split into several
// tables of fewer columns, each repeating the leading key column; cells
// are wrapped only when a single column is wider than the terminal.
func (t *textR) table(x tbl) {
	if len(x.Rows) == 0 {
		return
	}
	if x.Caption != "" {
		t.out = append(t.out, t.st.muted.Render(x.Caption))
	}
	widths := make([]int, len(x.Headers))
	for c, h := range x.Headers {
		widths[c] = ansi.StringWidth(h)
		for _, r := range x.Rows {
			widths[c] = max(widths[c], ansi.StringWidth(r[c]))
		}
	}
	sum := func(cols []int, pad int) int {
		n := 0
		for _, c := range cols {
			n += widths[c] + pad
		}
		return n
	}
	all := make([]int, len(widths))
	for i := range all {
		all[i] = i
	}
	pad := 2
	if sum(all, 2) > t.w {
		pad = 1
	}
	// Greedy split: column 0 heads every part.
	parts := [][]int{{0}}
	for c := 1; c < len(widths); c++ {
		cur := parts[len(parts)-1]
		if len(cur) > 1 && sum(append(cur[:len(cur):len(cur)], c), pad) > t.w {
			parts = append(parts, []int{0})
		}
		parts[len(parts)-1] = append(parts[len(parts)-1], c)
	}
	for _, cols := range parts {
		t.render(x, cols, pad)
	}
}

func (t *textR) render(x tbl, cols []int, pad int) {
	pick := func(r []string) []string {
		out := make([]string, len(cols))
		for i, c := range cols {
			out[i] = r[c]
		}
		return out
	}
	rows := make([][]string, len(x.Rows))
	for i, r := range x.Rows {
		rows[i] = pick(r)
	}
	base := lipgloss.NewStyle().PaddingRight(pad)
	tb := table.New().
		Border(lipgloss.NormalBorder()).BorderStyle(t.st.border).
		BorderTop(false).BorderBottom(false).BorderLeft(false).BorderRight(false).
		BorderColumn(false).BorderHeader(true).
		Headers(pick(x.Headers)...).Rows(rows...).
		Width(t.w).FitContent().Wrap(true).
		StyleFunc(func(row, col int) lipgloss.Style {
			s := base
			if x.Num[cols[col]] {
				s = s.Align(lipgloss.Right)
			}
			if row == table.HeaderRow {
				s = s.Inherit(t.st.muted)
			}
			return s
		})
	for line := range strings.SplitSeq(tb.String(), "\n") {
		t.out = append(t.out, strings.TrimRight(line, " "))
	}
	t.blank()
}

// bars draws one horizontal bar per row, value/top of the track, with
// eighth-block precision.
func (t *textR) bars(names []string, vals []*float64, top float64, labels []string, st lipgloss.Style, what string) {
	nameW := 0
	for _, n := range names {
		nameW = max(nameW, ansi.StringWidth(n))
	}
	nameW = min(nameW, t.w/3)
	valW := 0
	for _, v := range labels {
		valW = max(valW, ansi.StringWidth(v))
	}
	track := t.w - nameW - valW - 4
	if track < 8 {
		return
	}
	t.out = append(t.out, t.st.muted.Render(what))
	for i, n := range names {
		name := ansi.Truncate(n, nameW, "…")
		name += strings.Repeat(" ", nameW-ansi.StringWidth(name))
		full, part := 0, ""
		if v := vals[i]; v != nil {
			eighths := int(*v / top * float64(track*8))
			eighths = min(max(eighths, 0), track*8)
			full = eighths / 8
			if e := t.st.g.Eighths(); e == nil { // whole cells only
				full = (eighths + 4) / 8
			} else if rem := eighths % 8; rem > 0 {
				part = e[rem-1]
			}
		}
		used := full + ansi.StringWidth(part)
		bar := st.Render(strings.Repeat(t.st.g.Full(), full)+part) + t.st.track.Render(strings.Repeat(t.st.g.Empty(), track-used))
		t.out = append(t.out, name+"  "+bar+"  "+labels[i])
	}
	t.blank()
}
