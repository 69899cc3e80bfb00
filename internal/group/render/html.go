package render

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/tangping-dev/tangping/internal/group"
	"github.com/tangping-dev/tangping/internal/htmlpage"
	"github.com/tangping-dev/tangping/internal/i18n"
)

//go:embed group.html.tmpl
var htmlTemplate string

// HTML writes the group report as one self-contained page in the shared
// stylesheet (internal/htmlpage): no scripts, fonts, images or links to
// fetch. Its first screen is made for a projector: the session, n, the
// behaviours by prevalence and the dimensions' means. All text goes
// through html/template, so a unit name can never inject markup.
func HTML(w io.Writer, r *group.Report) error {
	l := r.Lang
	funcs := template.FuncMap{"t": func(zh, en string) string { return l.T(zh, en) }}
	t, err := template.New("group").Funcs(funcs).Parse(htmlTemplate)
	if err != nil {
		return err
	}
	if t, err = htmlpage.Parse(t); err != nil {
		return err
	}
	p := htmlPage{R: r, HTMLLang: l.T("zh-CN", "en"), Title: heading(r), Meta: metaLines(r),
		Notes: methodNotes(r), Footer: privacyFooter(r), Protection: protectionNote(r), Exact: r.Protection.Mode == group.ModeExact}
	if r.Session != "" {
		p.Kicker, p.Title = p.Title, r.Session
	}
	if r.Date != "" {
		// one line for the date and the bank, to keep the first screen
		if r.Instrument != nil && len(p.Meta) > 0 {
			p.Meta[0] = r.Date + " · " + p.Meta[0]
		} else {
			p.Meta = append([]string{l.T("日期：", "Date: ") + r.Date}, p.Meta...)
		}
	}
	p.Style = htmlpage.NewStyle(htmlpage.Print{Left: p.Title, Right: r.Date})
	if len(r.Versions) == 0 {
		p.Sections = []htmlSection{newHTMLSection(r, &r.Section, "")}
	}
	for i := range r.Versions {
		v := &r.Versions[i]
		p.Sections = append(p.Sections, newHTMLSection(r, v, versionHeading(v, l)))
	}
	return t.Execute(w, p)
}

type htmlPage struct {
	R        *group.Report
	HTMLLang string
	Style    htmlpage.Style
	Kicker   string // the report's kind, above a session's name
	Title    string
	Meta     []string
	Sections []htmlSection
	Notes    []string
	Footer   string
	// Protection says how the figures are protected; Exact marks the
	// unprotected report, whose note is a warning.
	Protection string
	Exact      bool
}

type htmlSection struct {
	Heading    string
	Suppressed string
	// The first screen: behaviours by prevalence, dimensions by mean.
	BehChart, DimChart   htmlpage.Bars
	BehLegend, DimLegend string
	Validity             htmlTable
	Dims, DimBands       htmlTable
	Behs, BehBands       htmlTable
	// Narrow: the statistics tables have few columns (protected
	// figures), so on paper each sits beside its band counts too.
	Narrow               bool
	HasGroups            bool
	Withheld             string
	GroupDims, GroupBehs htmlTable
	Items                htmlTable
	ItemsNote            string
	NoItems              bool // serve's live profile shows no items
}

// htmlTable is a table as the page shows it: cells may carry a colour
// (Tone, with Shade its strength in percent) and a line under the text.
type htmlTable struct {
	Class   string
	Caption string
	Head    []htmlCell
	Rows    [][]htmlCell
}

type htmlCell struct {
	Text, Sub string
	Num       bool
	Tone      string
	Shade     int
	Label     string // the column's name, shown before the cell on a phone
}

// fromTbl turns a shared table into an HTML one.
func fromTbl(t tbl, class string) htmlTable {
	h := htmlTable{Class: class, Caption: t.Caption}
	for i, c := range t.Headers {
		h.Head = append(h.Head, htmlCell{Text: c, Num: t.Num[i]})
	}
	for _, r := range t.Rows {
		row := make([]htmlCell, len(r))
		for i, c := range r {
			row[i] = htmlCell{Text: c, Num: t.Num[i]}
		}
		h.Rows = append(h.Rows, row)
	}
	return h
}

func newHTMLSection(r *group.Report, s *group.Section, heading string) htmlSection {
	l := r.Lang
	h := htmlSection{Heading: heading}
	if s.Suppressed {
		h.Suppressed = suppressedNote(s.N, r.MinGroup, l)
		return h
	}
	h.BehChart, h.DimChart = prevalenceBars(s, l), meanBars(s, l)
	h.BehLegend = l.T("按检出率由高到低；颜色：10% 以下绿，10%–25% 蓝，25%–50% 橙，50% 及以上红。",
		"Highest prevalence first; colour: green below 10%, blue 10–25%, orange 25–50%, red 50% and above.")
	h.DimLegend = l.T("颜色：25 以下红，25–50 橙，50–75 蓝，75 及以上绿（描述性区间，非常模）。",
		"Colour: red below 25, orange 25–50, blue 50–75, green 75 and above (descriptive bands, not norms).")
	h.Validity = fromTbl(validityTable(s, l), "compact")
	h.Dims, h.Behs = fromTbl(dimensionTable(s, l), "compact"), fromTbl(behaviourTable(s, l), "compact")
	h.DimBands = shadedBands(dimensionBands(s, l), s, false, l)
	h.BehBands = shadedBands(behaviourBands(s, l), s, true, l)
	h.Narrow = protected(s)
	h.Items, h.ItemsNote, h.NoItems = htmlItems(s, l), itemsNote(s, l), r.Protection.Live
	if r.By != group.ByNone {
		h.HasGroups = true
		h.Withheld = withheldNote(s, r.MinGroup, l)
		if len(s.Groups) > 0 {
			h.GroupDims, h.GroupBehs = htmlGroups(s, l)
		}
	}
	return h
}

// meanTone colours a dimension's mean by the default band cuts 25, 50,
// 75: red for the weakest band, green for the best.
func meanTone(m *float64) string {
	if m == nil {
		return htmlpage.Tone(-1)
	}
	return htmlpage.Tone(min(int(*m/25), 3))
}

// prevalenceTone colours a behaviour's prevalence: red from half of the
// group, orange from a quarter, blue from a tenth, green below.
func prevalenceTone(p *float64) string {
	switch {
	case p == nil:
		return htmlpage.Tone(-1)
	case *p >= 0.5:
		return htmlpage.Tone(0)
	case *p >= 0.25:
		return htmlpage.Tone(1)
	case *p >= 0.10:
		return htmlpage.Tone(2)
	}
	return htmlpage.Tone(3)
}

// prevalenceBars are the behaviours, most prevalent first.
func prevalenceBars(s *group.Section, l i18n.Lang) htmlpage.Bars {
	bs := append([]group.Behaviour(nil), s.Behaviours...)
	sort.SliceStable(bs, func(i, j int) bool {
		a, b := bs[i].Prevalence, bs[j].Prevalence
		return a != nil && (b == nil || *a > *b)
	})
	c := htmlpage.Bars{Label: l.T("各表现检出率", "Prevalence of each behaviour"), Ticks: ticks("%g%%", 10, 25, 50)}
	// The 10% line goes unlabelled: on a narrow track its label runs into
	// 25%'s, and the legend under the chart names it.
	c.Ticks[0].Label = ""
	for _, b := range bs {
		value := pct(b.Prevalence)
		if b.PrevalenceError != nil {
			value = chartApprox(approxPct(b.Prevalence, b.PrevalenceError, l))
		}
		c.Rows = append(c.Rows, newBar(b.Name, b.Prevalence, 1, prevalenceTone(b.Prevalence), value))
	}
	return c
}

// chartApprox is a protected figure as a bar's label: in English
// without "about", which the (±) beside it and the note above say, so
// that ten bars fit a projector's first screen; Chinese keeps its one
// character 约.
func chartApprox(s string) string { return strings.TrimPrefix(s, "about ") }

// meanBars are the dimensions' means, in bank order.
func meanBars(s *group.Section, l i18n.Lang) htmlpage.Bars {
	c := htmlpage.Bars{Label: l.T("各维度均值（0–100，越高越好）", "Dimension means (0–100, higher is better)"), Ticks: ticks("%g", 25, 50, 75)}
	for _, d := range s.Dimensions {
		value := f1(d.Mean)
		if d.MeanError != nil {
			value = chartApprox(approx(d.Mean, d.MeanError, l))
		}
		c.Rows = append(c.Rows, newBar(d.Name, d.Mean, 100, meanTone(d.Mean), value))
	}
	return c
}

// newBar is one bar showing v on a track from 0 to top.
func newBar(name string, v *float64, top float64, tone, value string) htmlpage.Bar {
	b := htmlpage.Bar{Name: name, Tone: tone, Value: value}
	if v != nil {
		b.Pct = math.Min(math.Max(*v/top*100, 0), 100)
	}
	return b
}

// ticks are guide lines at the given percentages, labelled with format.
func ticks(format string, at ...float64) []htmlpage.Tick {
	out := make([]htmlpage.Tick, len(at))
	for i, v := range at {
		out[i] = htmlpage.Tick{Pct: v, Label: fmt.Sprintf(format, v)}
	}
	return out
}

// shadedBands colours each band's count by its band (red to green) and
// shades it by the share of the row it holds.
func shadedBands(t tbl, s *group.Section, behaviour bool, l i18n.Lang) htmlTable {
	h := fromTbl(t, "shaded compact")
	if h.Caption == "" {
		h.Caption = l.T("各区间人数", "Results per band")
	}
	for i, row := range h.Rows {
		var bands []group.BandCount
		if behaviour {
			bands = s.Behaviours[i].Bands
		} else {
			bands = s.Dimensions[i].Bands
		}
		total := 0
		for _, b := range bands {
			total += max(b.Count, 0)
		}
		for j := range bands {
			if j+1 >= len(row) || total == 0 {
				break
			}
			c := &row[j+1]
			c.Tone = bandClass(bands[j].Band, len(bands), behaviour)
			c.Shade = 6 + int(math.Round(44*float64(max(bands[j].Count, 0))/float64(total)))
		}
	}
	return h
}

// bandClass maps a band to one of four tones, worst to best, whatever
// the number of bands: dimensions' band 1 is the weakest, behaviours'
// band 1 the least lying-flat.
func bandClass(band, of int, behaviour bool) string {
	good := float64(band-1) / float64(max(of-1, 1))
	if behaviour {
		good = 1 - good
	}
	return htmlpage.Tone(int(math.Round(good * 3)))
}

// htmlGroups are the subgroups' tables headed by the scales' names, each
// figure coloured as on the first screen.
func htmlGroups(s *group.Section, l i18n.Lang) (dims, behs htmlTable) {
	dt, bt, _ := groupTables(s, l)
	dims, behs = fromTbl(dt, "shaded groups"), fromTbl(bt, "shaded groups")
	for j, d := range s.Dimensions {
		dims.Head[j+2].Text = d.Name
	}
	for j, b := range s.Behaviours {
		behs.Head[j+2].Text = b.Name
	}
	for i, g := range s.Groups {
		for j, d := range g.Dimensions {
			c := &dims.Rows[i][j+2]
			c.Tone, c.Shade = meanTone(d.Mean), 16
		}
		for j, b := range g.Behaviours {
			c := &behs.Rows[i][j+2]
			c.Tone, c.Shade = prevalenceTone(b.Prevalence), 16
		}
	}
	return dims, behs
}

// htmlItems is the items table with each question's text and the names
// of its behaviour and dimension; each answer's count is shaded by the
// share of the item's answers it holds. On a phone each item is a card.
func htmlItems(s *group.Section, l i18n.Lang) htmlTable {
	t := itemTable(s, l)
	names := map[string]string{}
	for _, d := range s.Dimensions {
		names[d.ID] = d.Name
	}
	for _, b := range s.Behaviours {
		names[b.ID] = b.Name
	}
	h := htmlTable{Class: "items cards", Caption: t.Caption}
	h.Head = append(h.Head, htmlCell{Text: l.T("题目", "Question")})
	for i := 2; i < len(t.Headers); i++ {
		h.Head = append(h.Head, htmlCell{Text: t.Headers[i], Num: t.Num[i]})
	}
	for i, it := range s.Items {
		var sub strings.Builder
		sub.WriteString(it.ID)
		switch {
		case it.IM:
			sub.WriteString(" · " + l.T("印象管理题", "impression management"))
		default:
			for _, id := range []string{it.Behaviour, it.Dimension} {
				if n := names[id]; n != "" {
					sub.WriteString(" · " + n)
				} else if id != "" {
					sub.WriteString(" · " + id)
				}
			}
		}
		text := it.Text
		if text == "" {
			text = it.ID
		}
		row := []htmlCell{{Text: text, Sub: sub.String()}}
		for j := 2; j < len(t.Rows[i]); j++ {
			c := htmlCell{Text: t.Rows[i][j], Num: t.Num[j], Label: t.Headers[j] + l.T("：", ": ")}
			if a := j - 5; a >= 0 && a < len(it.Counts) && it.N > 0 {
				c.Tone = htmlpage.Tone(2)
				c.Shade = int(math.Round(50 * float64(max(it.Counts[a], 0)) / float64(it.N)))
			}
			row = append(row, c)
		}
		h.Rows = append(h.Rows, row)
	}
	return h
}
