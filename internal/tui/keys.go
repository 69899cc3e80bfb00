package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/keymap"
)

// key applies one key press to whatever is on screen.
func (m *Model) key(k tea.KeyPressMsg) tea.Cmd {
	if m.screen != aboutScreen {
		k = halfWidth(k)
	}
	s := k.String()
	switch m.overlay {
	case quitOverlay:
		switch {
		case keymap.Matches(s, m.keys.quit.Yes):
			return m.quit()
		case keymap.Matches(s, m.keys.quit.No):
			m.overlay = noOverlay
		}
		// anything else is swallowed: a stray key must not answer a
		// question the person cannot see
		return nil
	case helpOverlay:
		switch {
		case keymap.Matches(s, m.keys.help.Close):
			m.overlay = noOverlay
		case keymap.Matches(s, m.keys.help.Quit):
			m.overlay = quitOverlay
		}
		return nil
	}
	switch m.screen {
	case welcomeScreen:
		return m.welcomeKey(s)
	case aboutScreen:
		return m.aboutKey(k, s)
	case questionScreen:
		return m.questionKey(k, s)
	case reviewScreen:
		return m.reviewKey(s)
	case submitScreen:
		return m.submitKey(s)
	case resultScreen:
		return m.resultKey(k, s)
	}
	return nil
}

// halfWidth turns a full-width character (typed with a Chinese input
// method on: １, ｓ, ？) into the ASCII key it stands for.
func halfWidth(k tea.KeyPressMsg) tea.KeyPressMsg {
	rs := []rune(k.Text)
	if len(rs) == 1 && rs[0] >= '！' && rs[0] <= '～' {
		r := rs[0] - '！' + '!'
		return tea.KeyPressMsg{Code: r, Text: string(r)}
	}
	return k
}

// quit ends the program. Before the result, the cursor is saved too, so
// the next run opens on the question that was showing.
func (m *Model) quit() tea.Cmd {
	if m.screen != welcomeScreen && m.screen != resultScreen {
		_ = m.q.Save() // the quit screen said whether saving works
	}
	m.quitting = true
	m.overlay = noOverlay
	return tea.Quit
}

func (m *Model) quitView(b box) string {
	t := m.theme()
	l := m.lang
	n, total := m.q.Answered(), len(m.items)
	where := l.T("下次运行 tangping 时可以接着作答。", "Run tangping again to carry on.")
	if m.o.Server {
		where = l.T("下次连接时可以接着作答。", "Connect again to carry on.")
	}
	saved := l.T(fmt.Sprintf("已答 %d/%d 题，每一题都已保存。", n, total), fmt.Sprintf("%d of %d answered; every answer is saved.", n, total))
	if n == 0 {
		// nothing is saved before the first answer: no "carry on" to promise
		saved, where = l.T("还没有作答，退出不会保存任何作答。", "Nothing answered yet; quitting saves no answers."), ""
	}
	if err := m.q.SaveErr(); err != nil {
		saved = l.T(fmt.Sprintf("已答 %d/%d 题，但最近一次保存失败：%v", n, total, err),
			fmt.Sprintf("%d of %d answered, but the last save failed: %v", n, total, err))
	}
	return fit(b.h,
		part{t.title.Render(l.T("确定要退出吗？", "Quit now?")), 0},
		gap(1),
		part{para(t.text, saved+where, b.w), 0},
		gap(1),
		part{m.keyLine(b.w, m.keys.line(&m.keys.quit)), 0},
	)
}

// keyLine renders "key description · key description …", wrapped.
func (m *Model) keyLine(w int, keys [][2]string) string {
	var id strings.Builder
	for _, k := range keys {
		id.WriteString(k[0])
		id.WriteByte(0)
		id.WriteString(k[1])
		id.WriteByte(0)
	}
	return m.cached("keys:"+id.String(), w, func() string { return m.renderKeyLine(w, keys) })
}

func (m *Model) renderKeyLine(w int, keys [][2]string) string {
	t := m.theme()
	var plain, styled []string
	for _, k := range keys {
		plain = append(plain, k[0]+" "+k[1])
		styled = append(styled, t.key.Render(k[0])+" "+t.muted.Render(k[1]))
	}
	// wrap the plain text, then lay the styled items on the same breaks
	var lines []string
	var cur []string
	width := 0
	for i, p := range plain {
		pw := ansi.StringWidth(p)
		if width > 0 && width+3+pw > w {
			lines = append(lines, strings.Join(cur, t.muted.Render(" · ")))
			cur, width = nil, 0
		}
		if width > 0 {
			width += 3
		}
		cur = append(cur, styled[i])
		width += pw
	}
	if len(cur) > 0 {
		lines = append(lines, strings.Join(cur, t.muted.Render(" · ")))
	}
	return strings.Join(lines, "\n")
}

// staticKey names a piece of rendered text that depends only on the text,
// the width and the background.
type staticKey struct {
	id   string
	w    int
	dark bool
}

// cached returns render()'s text for id at width w, rendering it once.
func (m *Model) cached(id string, w int, render func() string) string {
	k := staticKey{id, w, m.dark}
	if s, ok := m.static[k]; ok {
		return s
	}
	if m.static == nil || len(m.static) > 256 {
		m.static = map[staticKey]string{} // widths change on resize; start over
	}
	s := render()
	m.static[k] = s
	return s
}
