package report

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// styles are the text report's colours for one terminal background. The
// colours are full-colour; the writer downsamples or strips them.
type styles struct {
	title, heading, muted, note, track lipgloss.Style
	dimBand, behBand                   [5]lipgloss.Style // by band; 0 = unscored
}

// Palette is tangping's colours for one terminal background, shared by
// the TUI and the text reports so that both look alike.
type Palette struct {
	Title, Red, Amber, Teal, Green, Grey, Track color.Color
}

// NewPalette returns the colours for a dark or light background.
func NewPalette(dark bool) Palette {
	ld := lipgloss.LightDark(dark)
	return Palette{
		Title: ld(lipgloss.Color("#8E1B1B"), lipgloss.Color("#FF9E94")),
		Red:   ld(lipgloss.Color("#B3261E"), lipgloss.Color("#F2847C")),
		Amber: ld(lipgloss.Color("#9A5B00"), lipgloss.Color("#F0B45A")),
		Teal:  ld(lipgloss.Color("#1F6F8B"), lipgloss.Color("#6CC3E0")),
		Green: ld(lipgloss.Color("#2E7D32"), lipgloss.Color("#83CC86")),
		Grey:  ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#9A9A9A")),
		Track: ld(lipgloss.Color("#C8C8C8"), lipgloss.Color("#4A4A4A")),
	}
}

func newStyles(dark bool) styles {
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
