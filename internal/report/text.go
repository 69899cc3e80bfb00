package report

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/glyph"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/textwrap"
)

// TextOptions says how to lay out the text report.
type TextOptions struct {
	Lang  i18n.Lang
	Width int  // terminal cells available; 0 means 80
	Dark  bool // the terminal's background is dark
	// Glyphs draws the bars and marks; glyph.FromEnv picks the safe set
	// for terminals that draw ambiguous-width characters wide.
	Glyphs glyph.Set
}

// MaxTextRecs is how many recommendations the result body shows.
const MaxTextRecs = 5

// minWidth is the narrowest layout; narrower terminals get lines of it.
const minWidth = 30

// Text renders the result body: the six dimensions and the behaviours as
// bars with their rounded score and band, flagged behaviours marked, the
// validity notes, the first recommendations and the descriptive-bands
// notice. It is what the TUI's result screen shows.
func Text(r *result.Result, b *bank.Bank, o TextOptions) string {
	d := Build(r, b, o.Lang)
	return d.textBody(newStyles(o.Dark, o.Glyphs), textWidth(o.Width), MaxTextRecs)
}

func textWidth(w int) int {
	if w <= 0 {
		return 80
	}
	return max(w, minWidth)
}

func (d *Doc) textBody(st styles, width, maxRecs int) string {
	l := d.Lang
	var out []string
	add := func(s ...string) { out = append(out, s...) }

	add(paint(st.muted, textwrap.Hang(d.Notice, "", width)), "")
	add(heading(st, l.T("六个维度", "Six dimensions"), l.T("得分越高越好", "higher is better"), width))
	// one layout for both sections, so their bars line up and a score
	// of 100 is as long in one as in the other
	lay := barLayout(append(append([]Row(nil), d.Dimensions...), d.Behaviours...), width)
	add(d.bars(st, d.Dimensions, st.dimBand, false, lay)...)
	add("")
	add(heading(st, l.T("躺平表现", "Lying-flat behaviours"), l.T("由高到低；得分越高越明显", "most pronounced first; higher is more marked"), width))
	add(d.bars(st, d.Behaviours, st.behBand, true, lay)...)
	if len(d.Flagged()) > 0 {
		add(paint(st.muted, textwrap.Hang(l.T(fmt.Sprintf("%s 表示达到提示线（%g 分及以上）", st.g.Mark(), d.FlagAt), fmt.Sprintf("%s marks a behaviour at or above %g", st.g.Mark(), d.FlagAt)), "", width)))
	}
	if len(d.Notes) > 0 {
		add("", st.heading.Render(l.T("作答提示", "About these answers")))
		for _, n := range d.Notes {
			add(paint(st.note, textwrap.Hang(n, "· ", width)))
		}
	}
	if len(d.Recs) > 0 {
		add("", st.heading.Render(l.T("建议", "Suggested measures")))
		for i, rc := range d.Recs {
			if i == maxRecs {
				add(paint(st.muted, textwrap.Hang(l.T(fmt.Sprintf("另有 %d 条建议，见完整报告（tangping report）。", len(d.Recs)-i),
					fmt.Sprintf("%d more in the full report (tangping report).", len(d.Recs)-i)), "", width)))
				break
			}
			add(textwrap.Hang(l.T("【"+rc.ForName+"】", "["+rc.ForName+"] ")+rc.Text, fmt.Sprintf("%d. ", i+1), width))
		}
	}
	return strings.Join(out, "\n")
}

func heading(st styles, title, sub string, width int) string {
	s := st.heading.Render(title)
	if ansi.StringWidth(title)+2+ansi.StringWidth(sub) <= width {
		return s + "  " + st.muted.Render(sub)
	}
	return s + "\n" + paint(st.muted, textwrap.Hang(sub, "", width))
}

// layout is where the parts of a bar row go.
type layout struct {
	nameW, barW, indent int
	stacked             bool // the name on its own line, the bar under it
}

// barLayout fits the longest name and band label of rows into width:
// mark, name, bar, score, band label. When the names leave too little
// room for a bar, each name gets its own line with the bar under it.
func barLayout(rows []Row, width int) layout {
	nameW, labelW := 0, 0
	for _, x := range rows {
		nameW = max(nameW, ansi.StringWidth(x.Name))
		labelW = max(labelW, ansi.StringWidth(x.Label))
	}
	const markW, scoreW, maxBar, minBar = 2, 3, 30, 8
	lay := layout{nameW: nameW, indent: markW + nameW + 1}
	lay.barW = width - markW - nameW - 1 - 1 - scoreW - 1 - labelW
	if lay.barW < minBar {
		lay.stacked = true
		lay.indent = markW + 2
		lay.barW = width - lay.indent - 1 - scoreW - 1 - labelW
	}
	lay.barW = max(min(lay.barW, maxBar), 4)
	return lay
}

// bars lays out one scale per row as lay says.
func (d *Doc) bars(st styles, rows []Row, bands [5]lipgloss.Style, marks bool, lay layout) []string {
	l := d.Lang
	unscored := l.T("作答不足，未计分", "too few answers; not scored")
	const scoreW = 3
	nameW, barW, indent, stacked := lay.nameW, lay.barW, lay.indent, lay.stacked

	var out []string
	for _, x := range rows {
		mark := "  "
		if marks && x.Flagged {
			mark = st.band(bands, x.Band).Render(st.g.Mark()) + " "
		}
		name := textwrap.Pad(x.Name, nameW)
		var rest string
		if x.Score == nil {
			rest = st.muted.Render(unscored)
		} else {
			fill := int(float64(barW)*(*x.Score)/100 + 0.5)
			bs := st.band(bands, x.Band)
			rest = bs.Render(strings.Repeat(st.g.Full(), fill)) + st.track.Render(strings.Repeat(st.g.Empty(), barW-fill)) +
				" " + fmt.Sprintf("%*d", scoreW, x.Shown) + " " + bs.Render(x.Label)
		}
		if stacked {
			out = append(out, mark+x.Name, strings.Repeat(" ", indent)+rest)
			continue
		}
		out = append(out, mark+name+" "+rest)
	}
	return out
}

// paint styles each line on its own: lipgloss pads a multi-line block
// to its widest line, which would leave trailing spaces.
func paint(s lipgloss.Style, text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = s.Render(l)
	}
	return strings.Join(lines, "\n")
}
