// Package htmlpage owns the look shared by tangping's HTML pages (the
// personal report, the outline and the group report): one stylesheet,
// generated from internal/palette, the A4 print setup with page numbers
// and a running header, and the horizontal bar chart. Pages stay
// self-contained: the stylesheet is inlined, nothing is fetched.
package htmlpage

import (
	_ "embed"
	"fmt"
	"html/template"
	"strings"

	"github.com/tangping-dev/tangping/internal/palette"
)

//go:embed page.css
var baseCSS string

//go:embed parts.tmpl
var parts string

// Parse adds the shared template parts ("style", "hbars") to t, so that
// a page's template can call them.
func Parse(t *template.Template) (*template.Template, error) {
	return t.Parse(parts)
}

// Style is what the "style" part renders inside a page's <style>.
type Style struct {
	CSS template.CSS
}

// Print says what goes in the margins of a printed page: a running
// header (left and right; either may be empty) and, always, the page
// number as "3 / 7" at the bottom.
type Print struct {
	Left, Right string
}

// NewStyle returns the stylesheet in the palette's light colours (the
// colours of paper) with the print setup p.
func NewStyle(p Print) Style {
	return Style{CSS: template.CSS(CSS(palette.Light(), p))}
}

// CSS renders the stylesheet for colours c: the colours as custom
// properties, the shared rules (which use only those properties), and
// the @page rules for A4 with p's running header and page numbers.
func CSS(c palette.Colours, p Print) string {
	var b strings.Builder
	b.WriteString(":root {")
	for _, v := range vars(c) {
		fmt.Fprintf(&b, " --%s: %s;", v[0], v[1])
	}
	b.WriteString(" }\n")
	b.WriteString(baseCSS)
	// Chromium (131 and later) prints margin boxes, and prints its own
	// date, title, address and page number wherever a page defines none,
	// even when the reader unticks "headers and footers". So every box
	// along the top and bottom is defined here, empty where unused.
	margin := fmt.Sprintf("font-family: sans-serif; font-size: 8.5pt; color: %s;", c.Grey)
	b.WriteString("@page { size: A4; margin: 18mm 16mm 17mm;\n")
	for _, box := range [][2]string{
		{"top-left", cssString(p.Left)}, {"top-center", `""`}, {"top-right", cssString(p.Right)},
		{"bottom-left", `""`}, {"bottom-center", `counter(page) " / " counter(pages)`}, {"bottom-right", `""`},
	} {
		fmt.Fprintf(&b, "  @%s { content: %s; %s }\n", box[0], box[1], margin)
	}
	b.WriteString("}\n")
	return b.String()
}

// vars are the palette's colours as custom property names and values.
func vars(c palette.Colours) [][2]string {
	return [][2]string{
		{"title", c.Title}, {"red", c.Red}, {"amber", c.Amber}, {"teal", c.Teal}, {"green", c.Green},
		{"grey", c.Grey}, {"track", c.Track}, {"ink", c.Ink}, {"paper", c.Paper},
	}
}

// cssString quotes s as a CSS string. A quote, a backslash, a control
// character and the characters of markup (< > &) are written as hex
// escapes, so that nothing in a name can end the string or the
// stylesheet ("</style>").
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`"\<>&`, r) {
			fmt.Fprintf(&b, "\\%x ", r)
			continue
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}

// Tone is the colour class of a value: "q0" (worst, red) to "q3" (best,
// green), or "qn" for no value.
func Tone(good int) string {
	if good < 0 {
		return "qn"
	}
	return fmt.Sprintf("q%d", min(good, 3))
}

// Bars is a horizontal bar chart: one row per scale, on a track from 0
// to 100%, with guide lines at Ticks.
type Bars struct {
	Label string // what the chart shows, for screen readers
	Rows  []Bar
	Ticks []Tick
}

// Bar is one row. Pct is the filled share of the track (0–100); Tone is
// its colour class (Tone); Mark draws ● before the name.
type Bar struct {
	Name, Sub, Value string
	Pct              float64
	Tone             string
	Mark             bool
}

// Tick is a guide line across the bars at Pct, labelled; Strong is a
// line that matters more (a flag line).
type Tick struct {
	Pct    float64
	Label  string
	Strong bool
}
