// Package tui owns the questionnaire's terminal interface: one bubbletea
// root model that walks a person through welcome, about-you, the
// questions, the review and the result. It receives its size, background
// and keys as messages and reads nothing from the process (no stdin,
// stdout, environment or globals), so the same model runs in a local
// terminal and in an SSH session.
package tui

import (
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/tangping-dev/tangping/internal/autosave"
	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/glyph"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/quiz"
	"github.com/tangping-dev/tangping/internal/result"
)

// Options is everything the model gets from outside: the questionnaire's
// (shared with the line mode) and the screen's own.
type Options struct {
	quiz.Options
	// Server false: the privacy promise says answers stay on this
	// computer. True: it says honestly that answers are kept on the
	// trainer's session server, without names unless CollectNames, and
	// that the trainer and the room see only protected group figures
	// (docs/privacy.md).
	Server bool
	// CollectNames (server only) asks for a name too, and the welcome
	// screen says that this session keeps names.
	CollectNames bool
	ResumeCode   string // non-empty: shown on the welcome screen (SSH reconnect without a key)
	// SaveReports, when non-nil, is offered on the result screen (key m)
	// to write the Markdown/HTML/outline reports next to the result file;
	// it returns the paths written.
	SaveReports func(r result.Result, resultPath string) ([]string, error)
	// Glyphs draws bars, marks and the scroll indicator; glyph.FromEnv
	// picks the safe set for terminals that draw ambiguous-width
	// characters wide (docs/reports.md).
	Glyphs glyph.Set
}

type screen int

const (
	welcomeScreen screen = iota
	aboutScreen
	questionScreen
	reviewScreen
	submitScreen
	resultScreen
)

type overlay int

const (
	noOverlay overlay = iota
	helpOverlay
	quitOverlay
)

// The smallest window the screens are laid out for; below it a clear
// "please enlarge the window" message is shown instead.
const (
	MinWidth  = 40
	MinHeight = 12
)

// Model is the root model. *Model implements tea.Model.
type Model struct {
	o      Options
	lang   i18n.Lang
	items  []bank.Item
	width  int // 0 until the first tea.WindowSizeMsg
	height int
	dark   bool
	themes [2]*theme // cached per background: [light, dark]
	// static holds rendered text that depends only on the width and the
	// background (key lines, fixed notes): the question screen is drawn
	// on every key, and over SSH for hundreds of people at once.
	static map[staticKey]string

	screen  screen
	overlay overlay
	q       *quiz.Session // the answers, the place, saving and submitting
	keys    *keyMap       // every screen's keys (keymap.go)

	// question screen
	hl   int    // highlighted option, -1 for none
	hint string // a one-key hint, cleared by the next key

	welcomeSel int // welcome: 0 resume, 1 start over
	about      aboutStep
	rev        int // review selection; len(items) is the submit button

	// submit and result
	submitErr   error
	vp          viewport.Model
	reportPaths []string
	reportErr   error
	quitting    bool

	// drawn is the last screen drawn, kept while frameFresh: bubbletea
	// asks for a frame after every message, and of the messages at start
	// (the environment, the colour profile, the terminal's replies) most
	// change nothing; drawing the welcome screen once instead of three
	// times before the first frame shows is part of starting fast
	// (docs/performance.md).
	drawn      string
	frameFresh bool
}

// New builds the model. Bank and Store are required.
func New(o Options) *Model {
	q := quiz.New(o.Options)
	m := &Model{o: o, q: q, lang: q.Lang(), items: q.Items(), dark: true, hl: -1}
	first, last := m.scaleEnds()
	m.keys = newKeyMap(m.lang, len(o.Bank.Scale), first, last, q.CanResume(), o.SaveReports != nil)
	return m
}

// Init asks the terminal for its background so the theme can follow it.
func (m *Model) Init() tea.Cmd {
	return tea.RequestBackgroundColor
}

// Result returns the submitted result; ok is false until the person has
// submitted.
func (m *Model) Result() (*result.Result, bool) { return m.q.Result() }

// SavedTo is where Submit said the result went.
func (m *Model) SavedTo() string { return m.q.SavedTo() }

// ReportsSaved are the files the result screen's m key wrote (reports
// and outline), for the shell to name once the screen is gone.
func (m *Model) ReportsSaved() []string { return m.reportPaths }

// State returns the progress as last kept (answers, cursor, respondent).
func (m *Model) State() autosave.State { return m.q.State() }

// follow shows the place the questionnaire is at after an operation: a
// question with its answer picked, or the review with its selection
// where quiz.ReviewFocus says.
func (m *Model) follow() {
	p := m.q.Place()
	if p.Review {
		m.enterReview(m.q.ReviewFocus())
		return
	}
	m.screen = questionScreen
	m.hl = m.q.Option(p.Index)
}

func (m *Model) theme() *theme {
	i := 0
	if m.dark {
		i = 1
	}
	if m.themes[i] == nil {
		m.themes[i] = newTheme(m.dark, m.o.Glyphs)
	}
	return m.themes[i]
}

// Update handles one message. Every key is applied to the screen that
// is showing when it is handled: answering and moving on happen in the
// same call, so pasted or fast-typed keys land on the right question,
// and in the right field of the about-you form, whose focus moves in the
// same call too.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	fresh := m.frameFresh
	m.frameFresh = false // every path below may change the screen but one
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layoutResult()
		return m, nil
	case tea.BackgroundColorMsg:
		m.dark = msg.IsDark() // the about form's theme follows m.dark
		m.layoutResult()
		return m, nil
	case tea.PasteMsg:
		if m.screen == aboutScreen && m.overlay == noOverlay {
			return m, m.toInput(msg)
		}
		var cmds []tea.Cmd
		for _, r := range msg.Content {
			cmds = append(cmds, m.key(runeKey(r)))
		}
		return m, tea.Batch(cmds...)
	case tea.KeyPressMsg:
		if rs := []rune(msg.Text); len(rs) > 1 && m.screen != aboutScreen {
			// several characters in one event: apply them one by one
			var cmds []tea.Cmd
			for _, r := range rs {
				cmds = append(cmds, m.key(runeKey(r)))
			}
			return m, tea.Batch(cmds...)
		}
		return m, m.key(msg)
	}
	switch m.screen {
	case aboutScreen:
		return m, m.toInput(msg) // the cursor's own messages
	case resultScreen:
		var cmd tea.Cmd
		m.vp, cmd = m.vp.Update(msg)
		return m, cmd
	}
	m.frameFresh = fresh // a message no other screen handles changes nothing
	return m, nil
}

// runeKey turns one pasted character into the key press it stands for.
func runeKey(r rune) tea.KeyPressMsg {
	switch r {
	case '\r', '\n':
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case '\t':
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case ' ':
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	return tea.KeyPressMsg{Code: r, Text: string(r)}
}

// View draws the screen on the alternate screen.
func (m *Model) View() tea.View {
	if !m.frameFresh {
		m.drawn, m.frameFresh = m.render(), true
	}
	v := tea.NewView(m.drawn)
	v.AltScreen = true
	v.WindowTitle = m.o.Bank.Title.In(m.lang)
	return v
}
