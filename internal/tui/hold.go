package tui

import (
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// hold keeps keys back while the about-you form moves its focus. huh
// answers Tab or Enter with a command whose message moves the focus
// later; keys that arrive in between (typed fast, pasted, or sent in one
// packet over SSH) would otherwise go to the field that is being left
// (STACK.md). So after a key that moves the focus, further keys wait
// here and are replayed in order once the focused field has changed or
// the form has finished. A timer lets them go in any case, should the
// focus stay where it is.
type hold struct {
	active bool
	from   huh.Field // the field focused when the moving key was pressed
	gen    int       // tells this hold's timer from earlier ones
	queue  []tea.Msg // key presses and pastes, in arrival order
}

// holdFallback is how long keys wait at most for the focus to move.
const holdFallback = 60 * time.Millisecond

// holdTimeoutMsg ends hold gen when the focus did not move in time.
type holdTimeoutMsg struct{ gen int }

// moves reports whether huh will move the focus on k: k is one of the
// navigation keys and enabled for the focused field (Shift+Tab does
// nothing on the first field, for one).
func (a *aboutStep) moves(k tea.KeyPressMsg) bool {
	nav := a.navKeys()
	for _, b := range a.form.KeyBinds() {
		if !key.Matches(k, b) {
			continue
		}
		for _, n := range nav {
			if slices.Equal(b.Keys(), n.Keys()) {
				return true
			}
		}
	}
	return false
}

// toForm hands msg to the form. With moving set it starts a hold: later
// keys queue until the focus has left the field that has it now.
func (m *Model) toForm(msg tea.Msg, moving bool) tea.Cmd {
	a := &m.about
	from := a.form.GetFocusedField()
	f, cmd := a.form.Update(msg)
	a.form = f.(*huh.Form)
	if moving {
		a.hold = hold{active: true, from: from, gen: a.hold.gen + 1, queue: a.hold.queue}
		gen := a.hold.gen
		cmd = tea.Batch(cmd, tea.Tick(holdFallback, func(time.Time) tea.Msg { return holdTimeoutMsg{gen} }))
	}
	return tea.Batch(cmd, m.aboutSettled())
}

// aboutSettled looks at the form after it has handled a message: when
// it has finished, the questions begin; when the focus has moved, the
// held keys go on.
func (m *Model) aboutSettled() tea.Cmd {
	a := &m.about
	switch a.form.State {
	case huh.StateCompleted:
		m.finishAbout()
	case huh.StateAborted: // not reached: the form's quit key is off
		m.leaveAbout()
		m.screen = welcomeScreen
	default:
		if !a.hold.active || a.form.GetFocusedField() == a.hold.from {
			return nil
		}
		a.hold.active = false
	}
	return m.release()
}

// release replays the held keys in order through Update, on whatever
// screen is showing now. A replayed key may start a new hold; the keys
// after it then wait again, ahead of any that arrive later.
func (m *Model) release() tea.Cmd {
	q := m.about.hold.queue
	m.about.hold.active = false
	m.about.hold.queue = nil
	var cmds []tea.Cmd
	for i, msg := range q {
		_, cmd := m.Update(msg)
		cmds = append(cmds, cmd)
		if m.about.hold.active {
			m.about.hold.queue = append(slices.Clip(q[i+1:]), m.about.hold.queue...)
			break
		}
	}
	return tea.Batch(cmds...)
}

// held queues msg when a hold is on.
func (m *Model) held(msg tea.Msg) bool {
	if !m.about.hold.active {
		return false
	}
	m.about.hold.queue = append(m.about.hold.queue, msg)
	return true
}
