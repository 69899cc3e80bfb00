package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/keymap"
	"github.com/tangping-dev/tangping/internal/quiz"
)

// enterReview shows every answer at a glance with sel selected;
// len(items) selects the submit button.
func (m *Model) enterReview(sel int) {
	m.screen = reviewScreen
	m.rev = min(max(sel, 0), len(m.items))
}

// grid is how the review lays out the answers: cols cells of cw cells.
func (m *Model) grid(w int) (cols, cw int) {
	labelW := 0
	for _, a := range m.o.Bank.Scale {
		labelW = max(labelW, ansi.StringWidth(a.Label.In(m.lang)))
	}
	labelW = max(labelW, ansi.StringWidth(quiz.Say(m.lang).NoAnswer()))
	numW := len(fmt.Sprint(len(m.items)))
	cw = 2 + numW + 1 + 1 + 1 + labelW + 1 // "▸ " + "12 3 经常" + " "
	return max(w/cw, 1), cw
}

func (m *Model) reviewKey(s string) tea.Cmd {
	n := len(m.items)
	km := &m.keys.review
	cols, _ := m.grid(m.box().w)
	switch {
	case keymap.Matches(s, km.Right):
		m.rev = min(m.rev+1, n)
	case keymap.Matches(s, km.Left):
		m.rev = max(m.rev-1, 0)
	case keymap.Matches(s, km.Down):
		m.rev = min(m.rev+cols, n)
	case keymap.Matches(s, km.Up):
		if m.rev == n {
			m.rev = n - 1
		} else {
			m.rev = max(m.rev-cols, 0)
		}
	case keymap.Matches(s, km.First):
		m.rev = 0
	case keymap.Matches(s, km.ToSubmit):
		m.rev = n
	case keymap.Matches(s, km.NextGap):
		for i := 1; i <= n; i++ {
			j := (m.rev + i) % (n + 1)
			if j < n {
				if _, ok := m.q.Answer(j); !ok {
					m.rev = j
					break
				}
			}
		}
	case keymap.Matches(s, km.Open):
		if m.rev < n {
			_ = m.q.Open(m.rev)
			m.follow()
			return nil
		}
		if m.q.AllAnswered() {
			m.submit() // nothing to confirm
			return nil
		}
		// with questions unanswered, one confirmation that lists them
		m.screen = submitScreen
		m.submitErr = nil
	case keymap.Matches(s, km.Back):
		_ = m.q.Goto(quiz.Place{Index: min(m.rev, n-1)})
		m.follow()
	case keymap.Matches(s, km.Help):
		m.overlay = helpOverlay
	case keymap.Matches(s, km.Quit):
		m.overlay = quitOverlay
	}
	return nil
}

func (m *Model) reviewView(b box) string {
	t := m.theme()
	l := m.lang
	n := len(m.items)
	missing := m.q.Unanswered()
	cols, cw := m.grid(b.w)
	var cells []string
	for i := range m.items {
		num := fmt.Sprintf("%*d", len(fmt.Sprint(n)), i+1)
		var val string
		idx := m.q.Option(i)
		ok := idx >= 0
		if ok {
			val = fmt.Sprintf("%d %s", idx+1, m.o.Bank.Scale[idx].Label.In(l))
		} else {
			val = "  " + quiz.Say(l).NoAnswer()
		}
		plain := num + " " + val
		padding := strings.Repeat(" ", max(cw-3-ansi.StringWidth(plain), 0))
		var cell string
		switch {
		case i == m.rev:
			cell = t.accent.Render("▸ ") + t.selected.Render(plain) + padding
		case !ok:
			cell = "  " + t.unanswered.Render(plain) + padding
		default:
			cell = "  " + num + " " + t.answered.Render(val) + padding
		}
		cells = append(cells, cell+" ")
	}
	var rows []string
	for i := 0; i < n; i += cols {
		rows = append(rows, strings.Join(cells[i:min(i+cols, n)], ""))
	}

	w := quiz.Say(l)
	summary, unanswered := w.ReviewSummary(n-len(missing), n)
	if unanswered != "" {
		summary += t.unanswered.Render(unanswered)
	}
	var detail string
	if m.rev < n {
		detail = para(t.muted, l.T(fmt.Sprintf("第 %d 题：", m.rev+1), fmt.Sprintf("Question %d: ", m.rev+1))+m.items[m.rev].Text.In(l), b.w)
	} else {
		detail = para(t.muted, l.T("确认无误后按 Enter 提交。", "Press Enter to submit when everything is right."), b.w)
	}
	submit := m.buttons([]string{w.Submit()}, map[bool]int{true: 0, false: -1}[m.rev == n])
	keys := m.keyLine(b.w, m.keys.line(&m.keys.review))
	head := []part{
		{t.title.Render(w.ReviewTitle()) + "  " + summary, 0},
		gap(3),
	}
	tail := []part{
		gap(3),
		{submit, 0},
		gap(2),
		{detail, 1},
		{keys, 0},
	}
	// Rows that do not fit scroll with the selection.
	used := 0
	for _, p := range append(head, tail...) {
		if p.drop == 0 {
			used += strings.Count(p.s, "\n") + 1
		}
	}
	room := max(b.h-used, 1)
	if len(rows) > room {
		selRow := min(m.rev, n-1) / cols
		start := min(max(selRow-room/2, 0), len(rows)-room)
		rows = rows[start : start+room]
	}
	return fit(b.h, append(append(head, part{strings.Join(rows, "\n"), 0}), tail...)...)
}
