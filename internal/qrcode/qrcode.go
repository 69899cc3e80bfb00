// Package qrcode draws a join address as a QR code: in a terminal with
// half blocks, for a phone camera to read off a projected dashboard, and
// as SVG for the printed join sheet. The encoding (versions, masks,
// error correction) is github.com/piglig/go-qr's; this package only
// draws the modules.
package qrcode

import (
	"fmt"
	"strings"

	goqr "github.com/piglig/go-qr"
)

// Quiet zones: the light margin a reader needs around the symbol, in
// modules. Paper gets the standard's four; a terminal, where rows are
// scarce at 80×24, gets two, which phone cameras read (the tests decode
// it).
const (
	QuietPaper    = 4
	QuietTerminal = 2
)

// Code is one QR symbol.
type Code struct {
	size int
	dark []bool // size×size, row by row
}

// Encode makes the smallest symbol that holds text at error correction
// level M (15% of the symbol may be lost to glare or a smudge), or a
// higher level when it fits in the same size. An address in capital
// letters (HTTP://HOST:PORT/J/CODE) is encoded in the alphanumeric mode,
// 5.5 bits a character instead of 8.
func Encode(text string) (*Code, error) {
	q, err := goqr.EncodeText(text, goqr.Medium)
	if err != nil {
		return nil, fmt.Errorf("qrcode: %w", err)
	}
	c := &Code{size: q.Size(), dark: make([]bool, q.Size()*q.Size())}
	for y := range c.size {
		for x := range c.size {
			c.dark[y*c.size+x] = q.Module(x, y)
		}
	}
	return c, nil
}

// Size is the symbol's width in modules, without a quiet zone.
func (c *Code) Size() int { return c.size }

// Dark reports whether the module at (x, y) is dark; outside the symbol
// (the quiet zone) it is light.
func (c *Code) Dark(x, y int) bool {
	if x < 0 || y < 0 || x >= c.size || y >= c.size {
		return false
	}
	return c.dark[y*c.size+x]
}

// Lines draws the symbol with quiet modules of margin for a terminal,
// each module scale cells wide and scale half cells tall: a character
// cell is about twice as tall as it is wide, so it holds two half-cell
// rows and the modules come out square. Ink is dark: '█' both halves,
// '▀' the upper, '▄' the lower, ' ' neither. The caller gives the lines
// dark ink on a light background (a dark terminal's own colours would
// invert the code, which not every camera reads).
func (c *Code) Lines(quiet, scale int) []string {
	scale = max(scale, 1)
	n := c.size + 2*quiet
	half := n * scale // rows of half cells
	dark := func(x, h int) bool { return h < half && c.Dark(x/scale-quiet, h/scale-quiet) }
	var out []string
	for h := 0; h < half; h += 2 {
		var b strings.Builder
		for x := range n * scale {
			b.WriteRune(halfBlock(dark(x, h), dark(x, h+1)))
		}
		out = append(out, b.String())
	}
	return out
}

func halfBlock(top, bottom bool) rune {
	switch {
	case top && bottom:
		return '█'
	case top:
		return '▀'
	case bottom:
		return '▄'
	}
	return ' '
}

// Width and Height are the size of Lines(quiet, scale) in character
// cells.
func (c *Code) Width(quiet, scale int) int  { return (c.size + 2*quiet) * max(scale, 1) }
func (c *Code) Height(quiet, scale int) int { return ((c.size+2*quiet)*max(scale, 1) + 1) / 2 }

// SVG draws the symbol with quiet modules of margin as an inline SVG
// element, one module per user unit, scaling to its container: a white
// square and one path of dark runs, each row's runs as rectangles
// ("M x y h w v 1 h -w z"). label is its accessible name.
func (c *Code) SVG(quiet int, label string) string {
	n := c.size + 2*quiet
	var p strings.Builder
	for y := range c.size {
		for x := 0; x < c.size; {
			if !c.Dark(x, y) {
				x++
				continue
			}
			w := 1
			for c.Dark(x+w, y) {
				w++
			}
			fmt.Fprintf(&p, "M%d %dh%dv1h-%dz", x+quiet, y+quiet, w, w)
			x += w
		}
	}
	return fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 %d %d" role="img" aria-label="%s" shape-rendering="crispEdges">`+
		`<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="%s"/></svg>`, n, n, escapeAttr(label), n, n, p.String())
}

func escapeAttr(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;").Replace(s)
}
