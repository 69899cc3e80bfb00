// Package tui owns the questionnaire's terminal interface: one bubbletea
// root model that walks a person through welcome, about-you, the
// questions, the review and the result. It receives its size, background
// and keys as messages and reads nothing from the process (no stdin,
// stdout, environment or globals), so the same model runs in a local
// terminal and in an SSH session.
package tui

import (
	"maps"
	"time"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/tangping-dev/tangping/internal/autosave"
	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// Options is everything the model gets from outside.
type Options struct {
	Bank      *bank.Bank
	Lang      i18n.Lang
	Store     autosave.Store  // required: called after every answer, before the next question shows
	Resume    *autosave.State // non-nil: the welcome screen offers to resume (继续上次 / 重新开始)
	Anonymous bool            // skip "about you" and answer anonymously
	// Server false: the privacy promise says answers stay on this
	// computer. True: it says honestly that answers are kept on the
	// trainer's session server, that the trainer's screen shows only the
	// group's profile, and that exported result files serve group
	// statistics.
	Server     bool
	ResumeCode string // non-empty: shown on the welcome screen (SSH reconnect without a key)
	// Submit writes the result; savedTo is shown on the result screen.
	Submit func(result.Result) (savedTo string, err error)
	// SaveReports, when non-nil, is offered on the result screen (key m)
	// to write the Markdown/HTML/outline reports next to the result file;
	// it returns the paths written.
	SaveReports func(r result.Result, resultPath string) ([]string, error)
	Now         func() time.Time
	NewID       func() string
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
	st      autosave.State // the answers so far; saved after every change
	saveErr error          // the last save failed; cleared by the next success

	// question screen
	cur        int       // index of the question on screen
	hl         int       // highlighted option, -1 for none
	shownAt    time.Time // when the question on screen was shown
	fromReview bool      // return to the review after answering
	hint       string    // a one-key hint, cleared by the next key

	welcomeSel int // welcome: 0 resume, 1 start over
	about      aboutStep
	rev        int // review selection; len(items) is the submit button

	// submit and result
	resID       string
	submitErr   error
	res         *result.Result
	savedTo     string
	vp          viewport.Model
	reportPaths []string
	reportErr   error
	quitting    bool
}

// New builds the model. Bank and Store are required.
func New(o Options) *Model {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.NewID == nil {
		o.NewID = result.NewID
	}
	if o.Lang == "" {
		o.Lang = i18n.ZH
	}
	m := &Model{o: o, lang: o.Lang, items: o.Bank.Items, dark: true, hl: -1}
	m.st = m.freshState()
	return m
}

func (m *Model) freshState() autosave.State {
	return autosave.State{
		BankID: m.o.Bank.ID, BankSHA256: m.o.Bank.SHA256, Lang: string(m.lang),
		Respondent: result.Respondent{Anonymous: true},
		StartedAt:  m.o.Now(), Answers: map[string]int{}, MS: map[string]int64{},
	}
}

// resumeState copies the saved progress so that the caller's maps are
// never changed behind its back.
func (m *Model) resumeState(s autosave.State) autosave.State {
	s.Answers = maps.Clone(s.Answers)
	s.MS = maps.Clone(s.MS)
	if s.Answers == nil {
		s.Answers = map[string]int{}
	}
	if s.MS == nil {
		s.MS = map[string]int64{}
	}
	s.Lang = string(m.lang)
	return s
}

// Init asks the terminal for its background so the theme can follow it.
func (m *Model) Init() tea.Cmd {
	return tea.RequestBackgroundColor
}

// Result returns the submitted result; ok is false until the person has
// submitted.
func (m *Model) Result() (*result.Result, bool) {
	return m.res, m.res != nil
}

// SavedTo is where Submit said the result went.
func (m *Model) SavedTo() string { return m.savedTo }

// State returns the progress as last kept (answers, cursor, respondent).
func (m *Model) State() autosave.State { return m.st }

// save hands the progress to the store. It runs inside Update, so the
// next screen is drawn only after the store has it.
func (m *Model) save() {
	m.st.UpdatedAt = m.o.Now()
	m.saveErr = m.o.Store.Save(m.st)
}

func (m *Model) theme() *theme {
	i := 0
	if m.dark {
		i = 1
	}
	if m.themes[i] == nil {
		m.themes[i] = newTheme(m.dark)
	}
	return m.themes[i]
}

// Update handles one message. Every key is applied to the screen that
// is showing when it is handled: answering and moving on happen in the
// same call, so pasted or fast-typed keys land on the right question.
// The one exception is the about-you form, whose focus moves later: keys
// that follow a move wait for it there (hold.go).
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layoutResult()
		return m, nil
	case tea.BackgroundColorMsg:
		m.dark = msg.IsDark() // the about form's theme follows m.dark
		m.layoutResult()
		return m, nil
	case holdTimeoutMsg:
		if m.about.hold.active && msg.gen == m.about.hold.gen {
			return m, m.release()
		}
		return m, nil
	case tea.PasteMsg:
		if m.held(msg) {
			return m, nil
		}
		if m.screen == aboutScreen && m.overlay == noOverlay {
			return m, m.toForm(msg, false)
		}
		var cmds []tea.Cmd
		for _, r := range msg.Content {
			cmds = append(cmds, m.key(runeKey(r)))
		}
		return m, tea.Batch(cmds...)
	case tea.KeyPressMsg:
		if m.held(msg) {
			return m, nil
		}
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
		if m.about.form != nil {
			return m, m.toForm(msg, false)
		}
	case resultScreen:
		var cmd tea.Cmd
		m.vp, cmd = m.vp.Update(msg)
		return m, cmd
	}
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
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = m.o.Bank.Title.In(m.lang)
	return v
}
