package tui

import (
	"image/color"

	"charm.land/bubbles/v2/progress"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"github.com/tangping-dev/tangping/internal/report"
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
	// form is the about-you form's huh styles, built on first use so
	// that the welcome screen never pays for them.
	form *huh.Styles
}

func newTheme(dark bool) *theme {
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
			progress.WithFillCharacters('█', '░')),
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

// formStyles are huh's styles in our palette: the focused field is
// marked with ▸ like the other screens' choices, labels and text are
// plain, and the buttons look like ours.
func (t *theme) formStyles() *huh.Styles {
	if t.form != nil {
		return t.form
	}
	s := huh.ThemeBase(false) // takes no colour from the background
	mark := func(m string) lipgloss.Style {
		return lipgloss.NewStyle().BorderStyle(lipgloss.Border{Left: m}).BorderLeft(true).
			BorderForeground(t.accent.GetForeground()).PaddingLeft(1)
	}
	f := &s.Focused
	f.Base = mark("▸")
	f.Title = t.text.PaddingRight(2)
	f.Description = t.muted
	f.TextInput = huh.TextInputStyles{Cursor: t.accent, Text: t.text, Prompt: t.text, Placeholder: t.muted}
	f.FocusedButton = t.buttonOn.MarginRight(2)
	f.BlurredButton = t.button.MarginRight(2)
	s.Blurred = s.Focused
	s.Blurred.Base = mark(" ")
	// nothing looks chosen until the choice has the focus
	s.Blurred.FocusedButton = s.Blurred.BlurredButton
	s.FieldSeparator = lipgloss.NewStyle().SetString("\n")
	s.Group.Title, s.Group.Description = t.title, t.muted
	t.form = s
	return s
}
