package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/tangping-dev/tangping/internal/keymap"
	"github.com/tangping-dev/tangping/internal/quiz"
	"github.com/tangping-dev/tangping/internal/textwrap"
)

func (m *Model) welcomeKey(s string) tea.Cmd {
	km := &m.keys.welcome
	switch {
	case keymap.Matches(s, km.Start):
		return m.start(false)
	case keymap.Matches(s, km.Choose):
		if m.welcomeSel == 0 {
			return m.resume()
		}
		return m.start(true)
	case keymap.Matches(s, km.Resume):
		return m.resume()
	case keymap.Matches(s, km.Over):
		return m.start(true)
	case keymap.Matches(s, km.Switch):
		m.welcomeSel = 1 - m.welcomeSel
	case keymap.Matches(s, km.Help):
		m.overlay = helpOverlay
	case keymap.Matches(s, km.Quit):
		return m.quit()
	}
	return nil
}

// start begins a fresh questionnaire. Starting over drops the saved
// progress at once, so a crash cannot bring the old answers back.
func (m *Model) start(overwrite bool) tea.Cmd {
	if overwrite {
		_ = m.q.Restart() // a failure shows as SaveErr on the question screen
	} else {
		m.q.Start()
	}
	if m.o.Anonymous {
		m.follow()
		return nil
	}
	return m.enterAbout()
}

// resume carries on from the saved progress: at the question that was
// showing, or at the review when everything is answered.
func (m *Model) resume() tea.Cmd {
	m.q.Resume()
	m.follow()
	return nil
}

func (m *Model) welcomeView(b box) string {
	t := m.theme()
	l := m.lang
	bk := m.o.Bank
	n := len(m.items)
	w := quiz.Say(l)
	first, last := m.scaleEnds()
	bullet := func(s string) string { return textwrap.Hang(s, "· ", b.w) }
	privacy := m.keeper().Privacy(l)
	parts := []part{
		{t.title.Render(bk.Title.In(l)), 0},
		gap(4),
		{para(t.text, bk.Purpose.In(l), b.w), 3},
		gap(4),
		{bullet(w.Length(n)), 0},
		{bullet(bk.RecallWindow.In(l)), 2},
		// a key and what it does never break apart ("上一│题")
		{bullet(l.T(fmt.Sprintf("每题按数字键 1–%d 作答（1=%s … %d=%s），选完自动进入下一题；%s，%s，%s。", len(bk.Scale), first, len(bk.Scale), last,
			textwrap.Keep("← 返回上一题"), textwrap.Keep("s 跳过"), textwrap.Keep("? 查看全部按键")),
			fmt.Sprintf("Answer each question with keys 1–%d (1=%s … %d=%s); the next question follows at once. %s, %s, %s.", len(bk.Scale), first, len(bk.Scale), last,
				textwrap.Keep("← goes back"), textwrap.Keep("s skips"), textwrap.Keep("? lists every key")))), 3},
		{t.accent.Render(bullet(privacy)), 1},
	}
	if m.o.ResumeCode != "" {
		parts = append(parts, part{bullet(w.ResumeCode() + t.heading.Render(m.o.ResumeCode) + w.ResumeCodeUse()), 0})
	}
	parts = append(parts, gap(4))
	if r := m.o.Resume; m.q.CanResume() {
		done := len(r.Answers)
		when := r.UpdatedAt.Local().Format("2006-01-02 15:04")
		parts = append(parts,
			part{para(t.warn, w.Unfinished(done, n, when), b.w), 0},
			part{m.buttons([]string{w.Resume(), w.StartOver()}, m.welcomeSel), 0},
			gap(4),
			part{m.keyLine(b.w, m.keys.line(&m.keys.welcome)), 0})
	} else {
		parts = append(parts, part{m.keyLine(b.w, m.keys.line(&m.keys.welcome)), 0})
	}
	return fit(b.h, parts...)
}

// scaleEnds are the labels of the first and last anchors (从不, 总是).
func (m *Model) scaleEnds() (string, string) {
	sc := m.o.Bank.Scale
	if len(sc) == 0 {
		return "", ""
	}
	return sc[0].Label.In(m.lang), sc[len(sc)-1].Label.In(m.lang)
}

// buttons draws a row of choices with sel highlighted.
func (m *Model) buttons(labels []string, sel int) string {
	t := m.theme()
	var out strings.Builder
	for i, s := range labels {
		if i > 0 {
			out.WriteString("  ")
		}
		if i == sel {
			out.WriteString(t.buttonOn.Render("▸ " + s))
		} else {
			out.WriteString(t.button.Render("  " + s))
		}
	}
	return out.String()
}
