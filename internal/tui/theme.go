package tui

import (
	"image/color"

	"charm.land/bubbles/v2/progress"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// theme holds every style of the TUI for one terminal background. It is
// built once per background and cached on the model: styles are looked
// up on every frame, and rebuilding them each time is what makes huh
// slow to start (STACK.md). The palette is the report's, so the result
// screen and `tangping report` look alike. Colours are full-colour; the
// program's colour profile downsamples or strips them (NO_COLOR).
type theme struct {
	title, heading, text, muted, accent, key lipgloss.Style
	selected, answered, unanswered, warn     lipgloss.Style
	button, buttonOn                         lipgloss.Style
	progress                                 progress.Model
	input                                    textinput.Styles
}

func newTheme(dark bool) *theme {
	ld := lipgloss.LightDark(dark)
	red := ld(lipgloss.Color("#8E1B1B"), lipgloss.Color("#FF9E94"))
	amber := ld(lipgloss.Color("#9A5B00"), lipgloss.Color("#F0B45A"))
	teal := ld(lipgloss.Color("#1F6F8B"), lipgloss.Color("#6CC3E0"))
	grey := ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#9A9A9A"))
	track := ld(lipgloss.Color("#C8C8C8"), lipgloss.Color("#4A4A4A"))
	fg := func(c color.Color) lipgloss.Style { return lipgloss.NewStyle().Foreground(c) }
	t := &theme{
		title:      fg(red).Bold(true),
		heading:    lipgloss.NewStyle().Bold(true),
		text:       lipgloss.NewStyle(),
		muted:      fg(grey),
		accent:     fg(teal).Bold(true),
		key:        fg(teal),
		selected:   lipgloss.NewStyle().Reverse(true).Bold(true),
		answered:   fg(teal),
		unanswered: fg(amber).Bold(true),
		warn:       fg(amber),
		button:     lipgloss.NewStyle().Padding(0, 1),
		buttonOn:   lipgloss.NewStyle().Padding(0, 1).Reverse(true).Bold(true),
		progress: progress.New(progress.WithoutPercentage(), progress.WithColors(teal),
			progress.WithFillCharacters('█', '░')),
		input: textinput.DefaultStyles(dark),
	}
	t.progress.EmptyColor = track
	return t
}

// bar renders a static progress bar of width cells at fraction p.
func (t *theme) bar(width int, p float64) string {
	b := t.progress
	b.SetWidth(width)
	return b.ViewAs(p)
}
