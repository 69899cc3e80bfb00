package tui

import (
	"image/color"

	"charm.land/bubbles/v2/progress"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"

	"github.com/tangping-dev/tangping/internal/glyph"
	"github.com/tangping-dev/tangping/internal/report"
)

// theme holds every style of the TUI for one terminal background. It is
// built once per background and cached on the model: styles are looked
// up on every frame, and building a lipgloss style is not free
// (docs/architecture.md). The palette is the report's, so the result
// screen and `tangping report` look alike. Colours are full-colour; the
// program's colour profile downsamples or strips them (NO_COLOR).
type theme struct {
	title, heading, text, muted, accent, key lipgloss.Style
	selected, answered, unanswered, warn     lipgloss.Style
	button, buttonOn                         lipgloss.Style
	progress                                 progress.Model
}

func newTheme(dark bool, g glyph.Set) *theme {
	p := report.NewPalette(dark)
	red, amber, teal, grey, track := p.Title, p.Amber, p.Teal, p.Grey, p.Track
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
			progress.WithFillCharacters(g.FullRune(), g.EmptyRune())),
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

// inputStyles are the about-you inputs' styles: text in the text colour,
// focused or not, and the cursor in the accent colour, steady.
func (t *theme) inputStyles() textinput.Styles {
	s := textinput.DefaultStyles(true)
	s.Focused.Text, s.Blurred.Text = t.text, t.text
	s.Focused.Prompt, s.Blurred.Prompt = t.text, t.text
	s.Cursor.Color = t.accent.GetForeground()
	s.Cursor.Blink = false
	return s
}
