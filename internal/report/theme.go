package report

import (
	"image/color"

	"charm.land/lipgloss/v2"

	"github.com/tangping-dev/tangping/internal/glyph"
	"github.com/tangping-dev/tangping/internal/palette"
)

// styles are the text report's colours for one terminal background. The
// colours are full-colour; the writer downsamples or strips them.
type styles struct {
	title, heading, muted, note, track lipgloss.Style
	dimBand, behBand                   [5]lipgloss.Style // by band; 0 = unscored
	g                                  glyph.Set
}

// Palette is tangping's colours for one terminal background, shared by
// the TUI and the text reports so that both look alike. The values come
// from internal/palette, which the HTML stylesheet is generated from too.
type Palette struct {
	Title, Red, Amber, Teal, Green, Grey, Track color.Color
}

// NewPalette returns the colours for a dark or light background.
func NewPalette(dark bool) Palette {
	c := palette.For(dark)
	col := func(hex string) color.Color { return lipgloss.Color(hex) }
	return Palette{
		Title: col(c.Title), Red: col(c.Red), Amber: col(c.Amber), Teal: col(c.Teal),
		Green: col(c.Green), Grey: col(c.Grey), Track: col(c.Track),
	}
}

func newStyles(dark bool, g glyph.Set) styles {
	p := NewPalette(dark)
	fg := func(c color.Color) lipgloss.Style { return lipgloss.NewStyle().Foreground(c) }
	return styles{
		title:   fg(p.Title).Bold(true),
		heading: lipgloss.NewStyle().Bold(true),
		muted:   fg(p.Grey),
		note:    fg(p.Amber),
		track:   fg(p.Track),
		dimBand: [5]lipgloss.Style{fg(p.Grey), fg(p.Red), fg(p.Amber), fg(p.Teal), fg(p.Green)},
		behBand: [5]lipgloss.Style{fg(p.Grey), fg(p.Green), fg(p.Teal), fg(p.Amber), fg(p.Red)},
		g:       g,
	}
}

func (s styles) band(bands [5]lipgloss.Style, b int) lipgloss.Style {
	switch {
	case b <= 0:
		return bands[0]
	case b >= len(bands):
		// a bank with more bands than four: the rest share the last colour
		return bands[len(bands)-1]
	}
	return bands[b]
}
