package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/tangping-dev/tangping/internal/keymap"
	"github.com/tangping-dev/tangping/internal/quiz"
)

func (m *Model) questionKey(k tea.KeyPressMsg, s string) tea.Cmd {
	l := m.lang
	km := &m.keys.question
	m.hint = ""
	n := len(m.o.Bank.Scale)
	switch {
	case keymap.Matches(s, km.Answer):
		m.choose(int(k.Text[0] - '1'))
	case keymap.Matches(s, km.Up):
		if m.hl < 0 {
			m.hl = 0
		} else {
			m.hl = (m.hl + n - 1) % n
		}
	case keymap.Matches(s, km.Down):
		m.hl = (m.hl + 1) % n
	case keymap.Matches(s, km.Choose):
		if m.hl < 0 {
			m.hint = l.T("请先选择：按 1–5，或用 ↑/↓ 选中后按 Enter。", "Choose first: press 1–5, or pick with ↑/↓ and press Enter.")
			return nil
		}
		m.choose(m.hl)
	case keymap.Matches(s, km.Back):
		if !m.q.Back() {
			m.hint = quiz.Say(l).FirstQuestion()
			return nil
		}
		m.follow()
	case keymap.Matches(s, km.Forward):
		if !m.q.Forward() {
			m.hint = l.T("这一题还没有作答：按 1–5 作答，或按 s 跳过。", "Not answered yet: press 1–5, or s to skip.")
			return nil
		}
		m.follow()
	case keymap.Matches(s, km.Skip):
		_ = m.q.Skip() // a failed save shows on the next screen (SaveErr)
		m.follow()
	case keymap.Matches(s, km.Review):
		m.q.Review()
		m.follow()
	case keymap.Matches(s, km.Help):
		m.overlay = helpOverlay
	case keymap.Matches(s, km.Quit):
		m.overlay = quitOverlay
	}
	return nil
}

// choose answers the question on screen with option i; the answer is
// saved and the next screen chosen in the same Update.
func (m *Model) choose(i int) {
	_ = m.q.Choose(i) // a failed save shows on the next screen (SaveErr)
	m.follow()
}

func (m *Model) questionView(b box) string {
	t := m.theme()
	l := m.lang
	n := len(m.items)
	cur := m.q.Place().Index
	it := m.items[cur]
	done := m.q.Answered()
	w := quiz.Say(l)
	header := spread(t.heading.Render(w.QuestionOf(cur, n)), t.muted.Render(w.Answered(done)), b.w)

	chosen := m.q.Option(cur)
	var opts []string
	for i, a := range m.o.Bank.Scale {
		line := fmt.Sprintf("%d  %s", i+1, a.Label.In(l))
		switch {
		case i == m.hl:
			line = t.accent.Render("▸ ") + t.selected.Render(line)
		default:
			line = "  " + line
		}
		if i == chosen {
			line += t.accent.Render("  " + w.Chosen())
		}
		opts = append(opts, line)
	}
	first, last := m.scaleEnds()
	sc := len(m.o.Bank.Scale)
	var status []part
	if m.hint != "" {
		status = append(status, part{para(t.warn, m.hint, b.w), 0})
	}
	if err := m.q.SaveErr(); err != nil {
		status = append(status, part{para(t.warn, w.NotSaved()+err.Error(), b.w), 0})
	}
	parts := []part{
		{header, 0},
		{t.bar(b.w, float64(done)/float64(n)), 1},
		{m.cached("recall", b.w, func() string { return para(t.muted, m.o.Bank.RecallWindow.In(l), b.w) }), 3},
		gap(4),
		{m.cached("item:"+it.ID, b.w, func() string { return para(t.heading, it.Text.In(l), b.w) }), 0},
		gap(2),
		{strings.Join(opts, "\n"), 0},
		gap(4),
	}
	parts = append(parts, status...)
	parts = append(parts,
		part{m.cached("scale", b.w, func() string {
			return para(t.muted, l.T(fmt.Sprintf("按 1–%d 作答：1=%s … %d=%s", sc, first, sc, last), fmt.Sprintf("Keys 1–%d: 1=%s … %d=%s", sc, first, sc, last)), b.w)
		}), 0},
		part{m.keyLine(b.w, m.keys.line(&m.keys.question)), 1},
	)
	return fit(b.h, parts...)
}
