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

func newStyles(dark bool) styles {
	ld := lipgloss.LightDark(dark)
	red := ld(lipgloss.Color("#B3261E"), lipgloss.Color("#F2847C"))
	amber := ld(lipgloss.Color("#9A5B00"), lipgloss.Color("#F0B45A"))
	teal := ld(lipgloss.Color("#1F6F8B"), lipgloss.Color("#6CC3E0"))
	green := ld(lipgloss.Color("#2E7D32"), lipgloss.Color("#83CC86"))
	grey := ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#9A9A9A"))
	fg := func(c color.Color) lipgloss.Style { return lipgloss.NewStyle().Foreground(c) }
	return styles{
		title:   fg(ld(lipgloss.Color("#8E1B1B"), lipgloss.Color("#FF9E94"))).Bold(true),
		heading: lipgloss.NewStyle().Bold(true),
		muted:   fg(grey),
		note:    fg(amber),
		track:   fg(ld(lipgloss.Color("#C8C8C8"), lipgloss.Color("#4A4A4A"))),
		dimBand: [5]lipgloss.Style{fg(grey), fg(red), fg(amber), fg(teal), fg(green)},
		behBand: [5]lipgloss.Style{fg(grey), fg(green), fg(teal), fg(amber), fg(red)},
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
