package tui

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/result"
)

// aboutForm asks for name, unit and role, all optional. It is a small
// synchronous form of its own rather than a huh form: huh moves focus to
// the next field through an asynchronous round trip, so text typed or
// pasted quickly after Enter lands in the previous field (STACK.md).
// Here Enter moves the focus inside the same Update.
type aboutForm struct {
	inputs [3]textinput.Model // name, unit, role
	at     int                // 0–2 inputs, 3 "start", 4 "anonymous"
}

const (
	aboutStart = 3
	aboutAnon  = 4
)

func newAboutForm() aboutForm {
	var f aboutForm
	for i := range f.inputs {
		// No placeholder: bubbles cuts it by cells as if they were
		// runes, which pads Chinese placeholders with NUL bytes.
		ti := textinput.New()
		ti.Prompt = ""
		ti.CharLimit = 60
		// ctrl+v would read the clipboard of the machine the program runs
		// on, which over SSH is the server's; the terminal's own paste
		// still works.
		ti.KeyMap.Paste.SetEnabled(false)
		f.inputs[i] = ti
	}
	return f
}

func (f *aboutForm) setTheme(t *theme) {
	for i := range f.inputs {
		f.inputs[i].SetStyles(t.input)
	}
}

func (f *aboutForm) focus(i int) tea.Cmd {
	f.at = i
	var cmd tea.Cmd
	for j := range f.inputs {
		if j == i {
			cmd = f.inputs[j].Focus()
		} else {
			f.inputs[j].Blur()
		}
	}
	return cmd
}

// update passes anything else (typing, paste, cursor blink) to the
// focused input.
func (f *aboutForm) update(msg tea.Msg) tea.Cmd {
	if f.at >= len(f.inputs) {
		return nil
	}
	var cmd tea.Cmd
	f.inputs[f.at], cmd = f.inputs[f.at].Update(msg)
	return cmd
}

func (f *aboutForm) respondent(anonymous bool) result.Respondent {
	if anonymous {
		return result.Respondent{Anonymous: true}
	}
	r := result.Respondent{
		Name: strings.TrimSpace(f.inputs[0].Value()),
		Unit: strings.TrimSpace(f.inputs[1].Value()),
		Role: strings.TrimSpace(f.inputs[2].Value()),
	}
	r.Anonymous = r.Name == "" && r.Unit == "" && r.Role == ""
	return r
}

func (m *Model) aboutKey(k tea.KeyPressMsg) tea.Cmd {
	f := &m.about
	switch k.String() {
	case "tab", "down":
		return f.focus((f.at + 1) % 5)
	case "shift+tab", "up":
		return f.focus((f.at + 4) % 5)
	case "esc":
		m.screen = welcomeScreen
		return nil
	case "enter":
		switch f.at {
		case aboutStart, aboutAnon:
			m.st.Respondent = f.respondent(f.at == aboutAnon)
			m.save()
			f.focus(-1)
			m.enterQuestion(0)
			return nil
		}
		return f.focus(f.at + 1)
	case "left", "right":
		if f.at >= aboutStart {
			return f.focus(aboutStart + aboutAnon - f.at)
		}
	}
	return f.update(k)
}

func (m *Model) aboutView(b box) string {
	t := m.theme()
	l := m.lang
	f := &m.about
	labels := []string{l.T("姓名", "Name"), l.T("单位", "Unit"), l.T("职务", "Role")}
	lw := 0
	for _, s := range labels {
		lw = max(lw, ansi.StringWidth(s))
	}
	rows := make([]string, len(labels))
	for i, s := range labels {
		f.inputs[i].SetWidth(min(max(b.w-lw-8, 8), 40))
		mark := "  "
		if f.at == i {
			mark = t.accent.Render("▸ ")
		}
		rows[i] = mark + s + strings.Repeat(" ", lw-ansi.StringWidth(s)+2) + f.inputs[i].View()
	}
	sel := -1
	if f.at >= aboutStart {
		sel = f.at - aboutStart
	}
	return fit(b.h,
		part{t.title.Render(l.T("关于您（可不填）", "About you (optional)")), 0},
		gap(2),
		part{para(t.muted, m.aboutNote(), b.w), 1},
		gap(2),
		part{strings.Join(rows, "\n"), 0},
		gap(2),
		part{m.buttons([]string{l.T("开始作答", "Start"), l.T("匿名作答", "Anonymous")}, sel), 0},
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
	return l.T("这些信息只写进您自己的结果文件，便于日后对照，例如 单位：市城管局，职务：科长。全部留空或选“匿名作答”即可匿名。",
		"This goes only into your own result file, for comparing later; e.g. unit: City Management Bureau, role: section chief. Leave it empty or choose “Anonymous” to stay anonymous.")
}
