package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/quiz"
	"github.com/tangping-dev/tangping/internal/result"
)

// aboutStep is the optional "about you" step: a huh form with three
// inline inputs (name, unit, role) and a choice between 开始作答 and
// 匿名作答. huh moves the focus through an asynchronous round trip, so
// the model holds keys back while the focus moves (hold.go): text typed
// or pasted right after Tab or Enter still lands in the next field.
type aboutStep struct {
	name, unit, role string
	start            bool      // true: 开始作答; false: 匿名作答 (the fields are ignored)
	form             *huh.Form // nil until the step is entered, and again after it
	keys             *huh.KeyMap
	width            int // the width the form was laid out for
	hold             hold
}

// enterAbout shows the step with a new form. The form is built here, not
// in New, so the first frame never pays for huh; text typed before going
// back to the welcome screen is still there. (huh.NewForm looks at
// $TERM for its own accessible mode, which only its Run uses; the model
// never runs the form, so what it draws does not depend on it.)
func (m *Model) enterAbout() tea.Cmd {
	a := &m.about
	l := m.lang
	m.screen = aboutScreen
	a.start = true
	a.width = 0
	a.hold = hold{gen: a.hold.gen + 1}
	a.keys = aboutKeys()
	styles := func() *huh.Styles { return m.theme().formStyles() }
	// huh looks styles up on every render; hand it the cached ones of the
	// current background (theme.go). The fields get them before their
	// group measures them, or huh builds its default theme for that.
	th := huh.ThemeFunc(func(bool) *huh.Styles { return styles() })
	input := func(title string, v *string) *formInput {
		// No placeholder: bubbles cuts it by cells as if they were
		// runes, which pads Chinese placeholders with NUL bytes.
		in := huh.NewInput().Title(title).Value(v).Inline(true).Prompt("").CharLimit(60)
		in.WithTheme(th)
		return &formInput{Input: in, label: title, styles: styles}
	}
	choice := huh.NewConfirm().Value(&a.start).
		Affirmative(l.T("开始作答", "Start")).Negative(l.T("匿名作答", "Anonymous")).
		WithButtonAlignment(lipgloss.Left)
	choice.WithTheme(th)
	a.form = huh.NewForm(
		huh.NewGroup(
			input(l.T("姓名", "Name"), &a.name),
			input(l.T("单位", "Unit"), &a.unit),
			input(l.T("职务", "Role"), &a.role),
		),
		huh.NewGroup(choice),
	).
		WithLayout(huh.LayoutStack).
		WithShowHelp(false). // our own key line, in the interface language
		WithShowErrors(false).
		WithKeyMap(a.keys).
		WithTheme(th)
	return a.form.Init()
}

// formInput is a huh.Input that draws its value in the theme's text
// colour while another field has the focus: huh styles only the focused
// text input, and bubbles' default for a blurred one is ANSI colour 7,
// light grey, which all but vanishes on a light background.
type formInput struct {
	*huh.Input
	label   string
	styles  func() *huh.Styles
	focused bool
	width   int
}

func (f *formInput) Focus() tea.Cmd {
	f.focused = true
	return f.Input.Focus()
}

func (f *formInput) Blur() tea.Cmd {
	f.focused = false
	return f.Input.Blur()
}

// Update keeps the wrapper in the group: huh stores what Update returns.
func (f *formInput) Update(msg tea.Msg) (huh.Model, tea.Cmd) {
	_, cmd := f.Input.Update(msg)
	return f, cmd
}

func (f *formInput) WithWidth(w int) huh.Field {
	f.width = w
	f.Input.WithWidth(w)
	return f
}

func (f *formInput) View() string {
	if f.focused {
		return f.Input.View()
	}
	s := f.styles().Blurred
	label := s.Title.Render(f.label)
	room := f.width - s.Base.GetHorizontalFrameSize() - ansi.StringWidth(label)
	value, _ := f.GetValue().(string)
	return s.Base.Render(label + s.TextInput.Text.Render(ansi.Truncate(value, max(room, 1), "…")))
}

// aboutKeys are huh's keys for this form: ↓ and ↑ move like Tab and
// Shift+Tab, as they do elsewhere in the program. Ctrl+C and Esc are the
// model's own (quit question, back to the welcome screen).
func aboutKeys() *huh.KeyMap {
	k := huh.NewDefaultKeyMap()
	k.Quit = key.NewBinding(key.WithDisabled())
	k.Input.Next = key.NewBinding(key.WithKeys("enter", "tab", "down"))
	k.Input.Prev = key.NewBinding(key.WithKeys("shift+tab", "up"))
	k.Confirm.Next = key.NewBinding(key.WithKeys("tab", "down"))
	k.Confirm.Prev = key.NewBinding(key.WithKeys("shift+tab", "up"))
	// y/n would start at once from the choice; the person chooses with
	// ←/→ and Enter, as on the other screens.
	k.Confirm.Accept.SetEnabled(false)
	k.Confirm.Reject.SetEnabled(false)
	return k
}

// navKeys are the bindings that send huh's focus elsewhere: after one of
// them, later keys wait until the focus has moved.
func (a *aboutStep) navKeys() []key.Binding {
	k := a.keys
	return []key.Binding{k.Input.Next, k.Input.Prev, k.Input.Submit, k.Confirm.Next, k.Confirm.Prev, k.Confirm.Submit}
}

func (m *Model) aboutKey(k tea.KeyPressMsg) tea.Cmd {
	switch k.String() {
	case "ctrl+c":
		m.overlay = quitOverlay
		return nil
	case "esc":
		m.leaveAbout()
		m.screen = welcomeScreen
		return nil
	case "ctrl+v":
		// would read the clipboard of the machine the program runs on,
		// which over SSH is the server's; the terminal's own paste works
		return nil
	}
	return m.toForm(k, m.about.moves(k))
}

// finishAbout keeps what the form says and shows the first question.
func (m *Model) finishAbout() {
	_ = m.q.SetRespondent(m.about.respondent()) // a failed save shows on the question screen
	m.leaveAbout()
	_ = m.q.Goto(quiz.Place{Index: 0}) // the first question's clock starts now
	m.follow()
}

func (m *Model) leaveAbout() {
	m.about.form = nil
	m.about.hold.active = false
}

// respondent is anonymous when 匿名作答 was chosen, whatever was typed,
// or when every field is empty.
func (a *aboutStep) respondent() result.Respondent {
	if !a.start {
		return result.Respondent{Anonymous: true}
	}
	r := result.Respondent{
		Name: strings.TrimSpace(a.name),
		Unit: strings.TrimSpace(a.unit),
		Role: strings.TrimSpace(a.role),
	}
	r.Anonymous = r.Name == "" && r.Unit == "" && r.Role == ""
	return r
}

func (m *Model) aboutView(b box) string {
	t := m.theme()
	l := m.lang
	a := &m.about
	if a.form == nil {
		return ""
	}
	if a.width != b.w {
		a.form.WithWidth(b.w)
		a.width = b.w
	}
	// The title and the note are ours: huh wraps Chinese badly.
	return fit(b.h,
		part{t.title.Render(l.T("关于您（可不填）", "About you (optional)")), 0},
		gap(2),
		part{para(t.muted, m.aboutNote(), b.w), 1},
		gap(2),
		part{strings.TrimRight(a.form.View(), "\n"), 0},
		gap(1),
		part{m.keyLine(b.w, [][2]string{{"Tab/↓", l.T("下一项", "next")}, {"Shift+Tab/↑", l.T("上一项", "previous")}, {"Enter", l.T("确定", "confirm")}, {"Esc", l.T("返回", "back")}}), 0},
	)
}

// aboutNote says where the details go: only the local result file, or,
// over SSH, the trainer's server with the result.
func (m *Model) aboutNote() string {
	l := m.o.Lang
	if m.o.Server {
		return l.T("这些信息会随结果保存在培训组织者的服务器上；团体报告不显示姓名，单位和职务只用于分组统计。全部留空或选“匿名作答”即可匿名。",
			"This is stored with your result on the trainer's server; group reports never show names, and unit and role are used only to group the statistics. Leave it empty or choose “Anonymous” to stay anonymous.")
	}
	return l.T("这些信息只写进您自己的结果文件，便于日后对照，例如单位：市城管局，职务：科长。全部留空或选“匿名作答”即可匿名。",
		"This goes only into your own result file, for comparing later; e.g. unit: City Management Bureau, role: section chief. Leave it empty or choose “Anonymous” to stay anonymous.")
}
