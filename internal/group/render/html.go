package render

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"

	"github.com/tangping-dev/tangping/internal/group"
)

//go:embed group.html.tmpl
var htmlTemplate string

// HTML writes the group report as one self-contained page: inline CSS and
// SVG charts, no scripts, fonts, images or links to fetch. All text goes
// through html/template, so a unit name can never inject markup.
func HTML(w io.Writer, r *group.Report) error {
	l := r.Lang
	funcs := template.FuncMap{"t": func(zh, en string) string { return l.T(zh, en) }}
	t, err := template.New("group").Funcs(funcs).Parse(htmlTemplate)
	if err != nil {
		return err
	}
	p := htmlPage{R: r, HTMLLang: l.T("zh-CN", "en"), Title: heading(r), Meta: metaLines(r),
		Notes: methodNotes(r), Footer: privacyFooter(r), Protection: protectionNote(r), Exact: r.Protection.Mode == group.ModeExact}
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
	Validity   tbl
	Dims       tbl
	DimBands   tbl
	Behs       tbl
	BehBands   tbl
	DimChart   barSVG
	BehChart   barSVG
	DimStack   stackSVG
	BehStack   stackSVG
	HasGroups  bool
	Withheld   string
	GroupDims  tbl
	GroupBehs  tbl
	Legend     string
	Items      tbl
	ItemsNote  string
	NoItems    bool // serve's live profile shows no items
}

func newHTMLSection(r *group.Report, s *group.Section, heading string) htmlSection {
	l := r.Lang
	h := htmlSection{Heading: heading}
	if s.Suppressed {
		h.Suppressed = suppressedNote(s.N, r.MinGroup, l)
		return h
	}
	h.Validity, h.Dims, h.DimBands = validityTable(s, l), dimensionTable(s, l), dimensionBands(s, l)
	h.Behs, h.BehBands, h.Items = behaviourTable(s, l), behaviourBands(s, l), itemTable(s, l)
	h.ItemsNote = itemsNote(s, l)
	h.NoItems = r.Protection.Live
	var dn, bn []string
	var dv, bv []*float64
	var dl, bl []string
	var db, bb [][]group.BandCount
	for _, d := range s.Dimensions {
		dn, dv, dl, db = append(dn, d.Name), append(dv, d.Mean), append(dl, meanLabel(d)), append(db, d.Bands)
	}
	for _, b := range s.Behaviours {
		bn, bv, bl, bb = append(bn, b.Name), append(bv, b.Prevalence), append(bl, pct(b.Prevalence)), append(bb, b.Bands)
	}
	h.DimChart = newBarSVG(l.T("各维度均值（0–100，越高越好）", "Dimension means (0–100, higher is better)"), dn, dv, 100, dl, "dim", []float64{25, 50, 75})
	h.BehChart = newBarSVG(l.T("各表现检出率", "Prevalence of each behaviour"), bn, bv, 1, bl, "beh", []float64{0.25, 0.5, 0.75})
	h.DimStack = newStackSVG(l.T("各维度的区间分布", "Band distribution of each dimension"), dn, db, false)
	h.BehStack = newStackSVG(l.T("各表现的区间分布", "Band distribution of each behaviour"), bn, bb, true)
	if r.By != group.ByNone {
		h.HasGroups = true
		h.Withheld = withheldNote(s, r.MinGroup, l)
		if len(s.Groups) > 0 {
			h.GroupDims, h.GroupBehs, h.Legend = groupTables(s, l)
		}
	}
	return h
}

// Chart geometry. Coordinates are rounded to a tenth so the markup stays
// small and stable.

func r1(x float64) float64 { return math.Round(x*10) / 10 }

const (
	svgW      = 640.0
	svgLabelW = 150.0
	svgValueW = 60.0
	svgRowH   = 26.0
	svgTop    = 10.0
)

type barSVG struct {
	Title, Desc string
	W, H        float64
	Rows        []svgBar
	Guides      []svgGuide
	Class       string
}

type svgBar struct {
	Name, Value       string
	Y, TextY, W, Full float64
}

type svgGuide struct {
	X     float64
	Label string
}

func newBarSVG(title string, names []string, vals []*float64, top float64, labels []string, class string, guides []float64) barSVG {
	track := svgW - svgLabelW - svgValueW
	c := barSVG{Title: title, W: svgW, Class: class}
	var desc strings.Builder
	for i, n := range names {
		y := svgTop + float64(i)*svgRowH
		b := svgBar{Name: n, Value: labels[i], Y: r1(y + 6), TextY: r1(y + 18), Full: r1(track)}
		if v := vals[i]; v != nil {
			b.W = r1(track * math.Min(math.Max(*v/top, 0), 1))
		}
		c.Rows = append(c.Rows, b)
		desc.WriteString(n + " " + labels[i] + "; ")
	}
	c.H = r1(svgTop + float64(len(names))*svgRowH + 22)
	for _, g := range guides {
		lab := fmt.Sprintf("%g", g)
		if top == 1 {
			lab = fmt.Sprintf("%g%%", g*100)
		}
		c.Guides = append(c.Guides, svgGuide{X: r1(svgLabelW + track*g/top), Label: lab})
	}
	c.Desc = desc.String()
	return c
}

type stackSVG struct {
	Title, Desc string
	W, H        float64
	Rows        []svgStackRow
	Legend      []svgLegend
}

type svgStackRow struct {
	Name  string
	Y     float64
	TextY float64
	Segs  []svgSeg
}

type svgSeg struct {
	X, W  float64
	Class string
	Tip   string
}

type svgLegend struct {
	X, Y  float64
	Class string
	Label string
}

// newStackSVG draws each scale's results split by band as one 100% bar.
// Band colours run red→green for dimensions (band 1 is weakest) and
// green→red for behaviours (band 1 is least lying-flat).
func newStackSVG(title string, names []string, bands [][]group.BandCount, behaviour bool) stackSVG {
	track := svgW - svgLabelW - 10
	c := stackSVG{Title: title, W: svgW}
	var labels []string
	for i, n := range names {
		y := svgTop + float64(i)*svgRowH
		row := svgStackRow{Name: n, Y: r1(y + 6), TextY: r1(y + 18)}
		total := 0
		for _, b := range bands[i] {
			total += b.Count
		}
		x := svgLabelW
		for j, b := range bands[i] {
			if len(labels) <= j {
				labels = append(labels, b.Label)
			}
			if total == 0 || b.Count == 0 {
				continue
			}
			w := track * float64(b.Count) / float64(total)
			row.Segs = append(row.Segs, svgSeg{X: r1(x), W: r1(w), Class: bandClass(b.Band, len(bands[i]), behaviour),
				Tip: fmt.Sprintf("%s %s: %d", n, b.Label, b.Count)})
			x += w
		}
		c.Rows = append(c.Rows, row)
	}
	y := svgTop + float64(len(names))*svgRowH + 8
	for j, lab := range labels {
		c.Legend = append(c.Legend, svgLegend{X: r1(svgLabelW + float64(j)*120), Y: r1(y), Class: bandClass(j+1, len(labels), behaviour), Label: lab})
	}
	c.H = r1(y + 24)
	c.Desc = title
	return c
}

// bandClass maps a band to one of four colours, good to bad, whatever
// the number of bands.
func bandClass(band, of int, behaviour bool) string {
	if of < 1 {
		of = 1
	}
	good := float64(band-1) / float64(max(of-1, 1)) // 0 = band 1, 1 = top band
	if behaviour {
		good = 1 - good
	}
	return fmt.Sprintf("q%d", int(math.Round(good*3)))
}
