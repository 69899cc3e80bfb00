package report

import (
	"fmt"
	"math"
	"slices"
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
	W, H      int
	Rings     []string // polygon points at each band cut and at 100
	RingTicks []svgLabel
	Axes      []svgAxis
	Area      string // path: the shape the scores enclose, with gaps
	Edge      string // path: its outline, broken at unscored scales
	Dots      []svgDot
	Labels    []svgLabel
	Title     string
	Desc      string
}

type svgAxis struct {
	From, To pt
	Unscored bool
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
		t := text{lines: textwrap.Wrap(x.Name, radarWrap), value: d.Lang.T("未计分", "not scored"), cls: dimTone(x)}
		if x.Score != nil {
			t.value = fmt.Sprintf("%d · %s", x.Shown, x.Label)
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
		for i := range n {
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
	ps := make([]*pt, n) // nil where the scale is unscored
	for i, x := range d.Dimensions {
		c.Axes = append(c.Axes, svgAxis{From: pt{r1(cx), r1(cy)}, To: rounded(at(i, 100)), Unscored: x.Score == nil})
		if x.Score != nil {
			p := rounded(at(i, *x.Score))
			ps[i] = &p
			c.Dots = append(c.Dots, svgDot{X: p.X, Y: p.Y, Class: texts[i].cls})
		}
		c.Labels = append(c.Labels, radarLabel(at(i, 100), cx, cy, texts[i].lines, texts[i].value, texts[i].cls))
		desc = append(desc, x.Name+" "+texts[i].value)
	}
	c.Area, c.Edge = radarShape(ps, pt{r1(cx), r1(cy)})
	c.Desc = strings.Join(desc, d.Lang.T("；", "; "))
	return c
}

// radarShape draws the scores' shape. With every scale scored it is one
// closed polygon. An unscored scale has no point at all (a point at the
// centre would read as a score of 0): the shape is cut there, each run of
// neighbouring scored scales filled as a fan from the centre and
// outlined only between its own points, so a gap shows on both sides
// of the missing axis.
func radarShape(ps []*pt, c pt) (area, edge string) {
	n := len(ps)
	xy := func(p pt) string { return fmt.Sprintf("%g,%g", p.X, p.Y) }
	start := -1 // an unscored scale to start the runs after
	for i, p := range ps {
		if p == nil {
			start = i
			break
		}
	}
	if start < 0 {
		var s []string
		for _, p := range ps {
			s = append(s, xy(*p))
		}
		d := "M" + strings.Join(s, " L") + " Z"
		return d, d
	}
	var areas, edges []string
	var run []string
	flush := func() {
		if len(run) >= 2 {
			areas = append(areas, "M"+xy(c)+" L"+strings.Join(run, " L")+" Z")
			edges = append(edges, "M"+strings.Join(run, " L"))
		}
		run = nil
	}
	for k := 1; k <= n; k++ {
		p := ps[(start+k)%n]
		if p == nil {
			flush()
			continue
		}
		run = append(run, xy(*p))
	}
	flush()
	return strings.Join(areas, " "), strings.Join(edges, " ")
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

// behCuts are the behaviour band cuts, plus the flag line if it is not one.
func (d *Doc) behCuts() []float64 {
	cuts := []float64{25, 50, 75}
	if len(d.BehBands) > 1 {
		cuts = cuts[:0]
		for _, b := range d.BehBands[1:] {
			cuts = append(cuts, *b.Lo)
		}
	}
	if slices.Contains(cuts, d.FlagAt) {
		return cuts
	}
	return append(cuts, d.FlagAt)
}
