package tui

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/keymap"
	"github.com/tangping-dev/tangping/internal/quiz"
	"github.com/tangping-dev/tangping/internal/result"
)

// aboutStep is the optional "about you" step: three text inputs (name,
// unit, role) and a choice between 开始作答 and 匿名作答. The focus is
// the model's own and moves inside Update, so text typed or pasted right
// after Tab or Enter, however fast, lands in the field that follows.
type aboutStep struct {
	inputs [3]textinput.Model // name, unit, role; built on first entry
	focus  int                // 0–2 an input, 3 the choice
	start  bool               // the choice: true 开始作答, false 匿名作答 (the fields are ignored)
	width  int                // the box width the inputs were sized for
}

const aboutChoice = 3

// enterAbout shows the step. What was typed before going back to the
// welcome screen is still there.
func (m *Model) enterAbout() tea.Cmd {
	a := &m.about
	m.screen = aboutScreen
	a.start = true
	if a.inputs[0].CharLimit == 0 {
		for i := range a.inputs {
			in := textinput.New()
			in.Prompt = ""
			in.CharLimit = 60
			// Ctrl+V would read the clipboard of the machine the program
			// runs on, which over SSH is the server's; the terminal's own
			// paste arrives as a paste and works.
			in.KeyMap.Paste.SetEnabled(false)
			a.inputs[i] = in
		}
	}
	a.width = 0
	return m.focusAbout(m.firstInput())
}

// firstInput is the first input shown: an anonymous session on a server
// asks for no name (docs/privacy.md).
func (m *Model) firstInput() int {
	if !m.keeper().AsksName() {
		return 1
	}
	return 0
}

// focusAbout moves the focus to item i (an input or the choice).
func (m *Model) focusAbout(i int) tea.Cmd {
	a := &m.about
	for k := range a.inputs {
		a.inputs[k].Blur()
	}
	a.focus = i
	if i < len(a.inputs) {
		a.inputs[i].SetStyles(m.theme().inputStyles())
		return a.inputs[i].Focus()
	}
	return nil
}

func (m *Model) aboutKey(k tea.KeyPressMsg, s string) tea.Cmd {
	a := &m.about
	km := &m.keys.about
	onChoice := a.focus == aboutChoice
	switch {
	case keymap.Matches(s, km.Quit):
		m.overlay = quitOverlay
	case keymap.Matches(s, km.Back):
		m.screen = welcomeScreen
	case keymap.Matches(s, km.Next), keymap.Matches(s, km.Confirm):
		if onChoice {
			m.finishAbout()
			return nil
		}
		return m.focusAbout(a.focus + 1)
	case keymap.Matches(s, km.Prev):
		return m.focusAbout(max(a.focus-1, m.firstInput()))
	case onChoice && keymap.Matches(s, km.Switch):
		a.start = !a.start
	case !onChoice:
		return m.toInput(k)
	}
	return nil
}

// toInput hands a key, a paste or a cursor message to the focused input.
func (m *Model) toInput(msg tea.Msg) tea.Cmd {
	a := &m.about
	if a.focus >= len(a.inputs) {
		return nil
	}
	var cmd tea.Cmd
	a.inputs[a.focus], cmd = a.inputs[a.focus].Update(msg)
	return cmd
}

// finishAbout keeps what the form says and shows the first question.
func (m *Model) finishAbout() {
	_ = m.q.SetRespondent(m.about.respondent()) // a failed save shows on the question screen
	_ = m.q.Goto(quiz.Place{Index: 0})          // the first question's clock starts now
	m.follow()
}

// respondent is anonymous when 匿名作答 was chosen, whatever was typed,
// or when every field is empty.
func (a *aboutStep) respondent() result.Respondent {
	if !a.start {
		return result.Respondent{Anonymous: true}
	}
	r := result.Respondent{
		Name: strings.TrimSpace(a.inputs[0].Value()),
		Unit: strings.TrimSpace(a.inputs[1].Value()),
		Role: strings.TrimSpace(a.inputs[2].Value()),
	}
	r.Anonymous = r.Name == "" && r.Unit == "" && r.Role == ""
	return r
}

func (m *Model) aboutView(b box) string {
	t := m.theme()
	l := m.lang
	a := &m.about
	w := quiz.Say(l)
	labels := w.AboutLabels()
	labelW := 0
	for _, s := range labels {
		labelW = max(labelW, ansi.StringWidth(s))
	}
	room := max(b.w-2-labelW-2-1, 1) // mark, label, gap, the cursor
	if a.width != b.w {
		for i := range a.inputs {
			a.inputs[i].SetWidth(room)
		}
		a.width = b.w
	}
	mark := func(i int) string {
		if a.focus == i {
			return t.accent.Render("▸") + " "
		}
		return "  "
	}
	var rows []string
	for i, in := range a.inputs {
		if i < m.firstInput() {
			continue
		}
		label := t.text.Render(labels[i] + strings.Repeat(" ", labelW-ansi.StringWidth(labels[i])+2))
		value := in.View()
		if a.focus != i {
			// drawn in the text colour: bubbles' blurred text is ANSI
			// colour 7, light grey, which all but vanishes on a light
			// background
			value = t.text.Render(ansi.Truncate(in.Value(), room, "…"))
		}
		rows = append(rows, mark(i)+label+value)
	}
	button := func(s string, on bool) string {
		if on && a.focus == aboutChoice { // nothing looks chosen until the choice has the focus
			return t.buttonOn.Render(s)
		}
		return t.button.Render(s)
	}
	rows = append(rows, "", mark(aboutChoice)+button(w.Start(), a.start)+"  "+button(w.Anonymous(), !a.start))
	return fit(b.h,
		part{t.title.Render(w.AboutTitle()), 0},
		gap(2),
		part{para(t.muted, m.keeper().AboutNote(m.o.Lang), b.w), 1},
		gap(2),
		part{strings.Join(rows, "\n"), 0},
		gap(1),
		part{m.keyLine(b.w, m.keys.line(&m.keys.about)), 0},
	)
}

// keeper is who keeps the answers, for the privacy wording
// (internal/quiz): this computer, or the trainer's server.
func (m *Model) keeper() quiz.Keeper {
	return quiz.Keeper{Server: m.o.Server, Names: m.o.CollectNames}
}
