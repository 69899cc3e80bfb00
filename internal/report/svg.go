package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/textwrap"
)

// Geometry of the two inline SVG charts. Coordinates are rounded to a
// tenth so the markup stays small and stable for tests.

type pt struct{ X, Y float64 }

func r1(x float64) float64 { return math.Round(x*10) / 10 }

func points(ps []pt) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = fmt.Sprintf("%g,%g", r1(p.X), r1(p.Y))
	}
	return strings.Join(s, " ")
}

// svgLabel is a text block: one tspan per line.
type svgLabel struct {
	X, Y   float64
	Dy     string // shift of the first line, in em so it holds at any font size
	Anchor string
	Lines  []string
	Value  string
	Class  string
}

type radarChart struct {
	W, H       int
	Rings      []string // polygon points at each band cut and at 100
	RingTicks  []svgLabel
	Axes       [][2]pt
	Area       string
	Dots       []svgDot
	Labels     []svgLabel
	Title      string
	Desc       string
	Unscored   bool
	CenterText string
}

type svgDot struct {
	X, Y  float64
	Class string
}

// Font sizes of the radar's labels in SVG units (the CSS sets the same),
// used to leave room for them: names and values on a wide screen, names
// alone (the values are hidden; the table beside shows them) on a phone.
const (
	radarNameFS  = 15.0
	radarValueFS = 14.0
	radarPhoneFS = 18.0
	radarRadius  = 128.0
	radarWrap    = 16 // cells per line of a name
)

// labelWidth estimates a line's width in SVG units: about 0.55 em per
// terminal cell, which is generous for CJK (0.5 em) and fair for Latin.
func labelWidth(s string, fs float64) float64 { return float64(textCells(s)) * 0.55 * fs }

func textCells(s string) int { return ansi.StringWidth(s) }

// newRadar lays out the dimensions (any number ≥ 3 works) on a radar
// with rings at the band cut points. The canvas grows to fit the labels,
// so long English names are neither clipped nor squeezed.
func newRadar(d *Doc) radarChart {
	const rad = radarRadius
	n := len(d.Dimensions)
	c := radarChart{Title: d.Lang.T("六个维度雷达图", "Radar chart of the six dimensions")}
	if n < 3 {
		return c
	}
	angle := func(i int) float64 { return -math.Pi/2 + 2*math.Pi*float64(i)/float64(n) }
	type text struct {
		lines      []string
		value, cls string
	}
	texts := make([]text, n)
	halfW, above, below := rad, rad, rad
	for i, x := range d.Dimensions {
		t := text{lines: textwrap.Wrap(x.Name, radarWrap), value: d.Lang.T("未计分", "not scored"), cls: "d0"}
		if x.Score != nil {
			t.value, t.cls = fmt.Sprintf("%d · %s", x.Shown, x.Label), fmt.Sprintf("d%d", min(x.Band, 4))
		}
		texts[i] = t
		w := labelWidth(t.value, radarValueFS)
		for _, l := range t.lines {
			w = max(w, labelWidth(l, radarNameFS), labelWidth(l, radarPhoneFS))
		}
		nl := float64(len(t.lines))
		wide, phone := (nl+1)*1.2*radarNameFS, nl*1.2*radarPhoneFS // block heights
		dx, dy := math.Cos(angle(i))*rad, math.Sin(angle(i))*rad
		switch {
		case math.Abs(dx) < 1 && dy < 0:
			above = max(above, -dy+10+max(wide, phone))
			halfW = max(halfW, w/2)
		case math.Abs(dx) < 1:
			below = max(below, dy+10+max(wide, phone))
			halfW = max(halfW, w/2)
		default:
			halfW = max(halfW, math.Abs(dx)+10+w)
			above = max(above, -dy+max(wide, phone)/2)
			below = max(below, dy+max(wide, phone)/2)
		}
	}
	const margin = 8.0
	cx, cy := math.Ceil(halfW+margin), math.Ceil(above+margin)
	c.W, c.H = int(2*cx), int(cy+below+margin)
	at := func(i int, v float64) pt {
		return pt{cx + rad*v/100*math.Cos(angle(i)), cy + rad*v/100*math.Sin(angle(i))}
	}
	cuts := []float64{25, 50, 75}
	if len(d.DimBands) > 1 {
		cuts = cuts[:0]
		for _, b := range d.DimBands[1:] {
			cuts = append(cuts, *b.Lo)
		}
	}
	for _, v := range append(cuts, 100) {
		var ring []pt
		for i := 0; i < n; i++ {
			ring = append(ring, at(i, v))
		}
		c.Rings = append(c.Rings, points(ring))
		if v == 100 {
			break // the outer ring needs no number; the top label sits there
		}
		// Numbers go half-way between the first two axes, where no dot sits.
		a := -math.Pi/2 + math.Pi/float64(n)
		r := rad * v / 100 * math.Cos(math.Pi/float64(n))
		c.RingTicks = append(c.RingTicks, svgLabel{X: r1(cx + r*math.Cos(a)), Y: r1(cy + r*math.Sin(a) + 3), Lines: []string{fmt.Sprintf("%g", v)}, Anchor: "middle", Class: "tick"})
	}
	var desc []string
	var poly []pt
	for i, x := range d.Dimensions {
		c.Axes = append(c.Axes, [2]pt{{r1(cx), r1(cy)}, rounded(at(i, 100))})
		v := 0.0
		if x.Score != nil {
			v = *x.Score
		}
		p := at(i, v)
		poly = append(poly, p)
		c.Dots = append(c.Dots, svgDot{X: r1(p.X), Y: r1(p.Y), Class: texts[i].cls})
		c.Labels = append(c.Labels, radarLabel(at(i, 100), cx, cy, texts[i].lines, texts[i].value, texts[i].cls))
		desc = append(desc, x.Name+" "+texts[i].value)
	}
	c.Area = points(poly)
	c.Desc = strings.Join(desc, d.Lang.T("；", "; "))
	return c
}

func rounded(p pt) pt { return pt{r1(p.X), r1(p.Y)} }

// radarLabel places a name just outside the axis end, anchored away from
// the centre, wrapping long (English) names onto more lines.
func radarLabel(end pt, cx, cy float64, lines []string, value, cls string) svgLabel {
	dx, dy := end.X-cx, end.Y-cy
	l := svgLabel{Lines: lines, Value: value, Class: cls, Anchor: "middle"}
	switch {
	case dx > 1:
		l.Anchor = "start"
	case dx < -1:
		l.Anchor = "end"
	}
	n := float64(len(l.Lines) + 1) // the name's lines and the value's
	l.X, l.Y = r1(end.X+10*sign(dx)), r1(end.Y)
	switch {
	case dy < -1 && math.Abs(dx) < 1: // top: the block ends just above
		l.Dy = fmt.Sprintf("%gem", r1(-0.6-(n-1)*1.2))
	case dy > 1 && math.Abs(dx) < 1: // bottom: the block starts just below
		l.Dy = "1.3em"
	default: // sides: centred on the axis end
		l.Dy = fmt.Sprintf("%gem", r1(0.35-(n-1)*0.6))
	}
	return l
}

func sign(x float64) float64 {
	switch {
	case x > 1:
		return 1
	case x < -1:
		return -1
	}
	return 0
}

type barChart struct {
	W, H   int
	Rows   []barRow
	Guides []svgGuide
	Title  string
	Desc   string
}

type barRow struct {
	Y, BarY, Width float64
	Track, ValueX  float64
	Class          string
	Name, Value    string
	Flagged        bool
}

type svgGuide struct {
	X     float64
	Label string
	Flag  bool
}

// newBars lays the behaviours out as rows: the name on a line of its own,
// then the bar with the score and band beside it, so that long names
// never squeeze the bars on a phone.
func newBars(d *Doc) barChart {
	const w, left, track, rowH, top = 440.0, 8.0, 272.0, 44.0, 8.0
	c := barChart{W: int(w), Title: d.Lang.T("躺平表现条形图", "Bar chart of the lying-flat behaviours")}
	var desc []string
	for i, x := range d.Behaviours {
		y := top + float64(i)*rowH
		row := barRow{Y: y + 15, BarY: y + 22, Track: track, ValueX: left + track + 10, Name: x.Name, Class: "b0", Flagged: x.Flagged}
		row.Value = d.Lang.T("未计分", "not scored")
		if x.Score != nil {
			row.Width = r1(track * *x.Score / 100)
			row.Class = fmt.Sprintf("b%d", min(x.Band, 4))
			row.Value = fmt.Sprintf("%d · %s", x.Shown, x.Label)
		}
		if x.Flagged {
			row.Name = "● " + row.Name
		}
		c.Rows = append(c.Rows, row)
		desc = append(desc, x.Name+" "+row.Value)
	}
	bottom := top + float64(len(d.Behaviours))*rowH
	c.H = int(bottom + 22)
	for _, b := range d.behCuts() {
		c.Guides = append(c.Guides, svgGuide{X: r1(left + track*b/100), Label: fmt.Sprintf("%g", b), Flag: b == d.FlagAt})
	}
	c.Desc = strings.Join(desc, d.Lang.T("；", "; "))
	return c
}

// behCuts are the behaviour band cuts, plus the flag line if it is not one.
func (d *Doc) behCuts() []float64 {
	cuts := []float64{25, 50, 75}
	if len(d.BehBands) > 1 {
		cuts = cuts[:0]
		for _, b := range d.BehBands[1:] {
			cuts = append(cuts, *b.Lo)
		}
	}
	for _, c := range cuts {
		if c == d.FlagAt {
			return cuts
		}
	}
	return append(cuts, d.FlagAt)
}
