package tui

import (
	"strings"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/tangping-dev/tangping/internal/keymap"
	"github.com/tangping-dev/tangping/internal/quiz"
	"github.com/tangping-dev/tangping/internal/report"
)

func (m *Model) submitKey(s string) tea.Cmd {
	km := &m.keys.submit
	switch {
	case keymap.Matches(s, km.Submit):
		m.submit()
	case keymap.Matches(s, km.Back):
		m.enterReview(len(m.items))
	case keymap.Matches(s, km.Help):
		m.overlay = helpOverlay
	case keymap.Matches(s, km.Quit):
		m.overlay = quitOverlay
	}
	return nil
}

// submit scores the answers with the same engine as `tangping score`
// and hands the result to Submit (quiz.Session.Submit). On failure the
// person sees why on the submit screen and can try again; the answers
// are still saved as progress.
func (m *Model) submit() {
	if _, _, err := m.q.Submit(); err != nil {
		m.submitErr = err
		m.screen = submitScreen
		return
	}
	m.submitErr = nil
	m.screen = resultScreen
	m.layoutResult()
}

func (m *Model) submitView(b box) string {
	t := m.theme()
	l := m.lang
	w := quiz.Say(l)
	status := w.SubmitStatus(m.q.Unanswered(), len(m.items))
	where := m.keeper().SubmitWhere(l)
	parts := []part{
		{t.title.Render(w.SubmitTitle()), 0},
		gap(1),
		{para(t.text, status, b.w), 0},
		{para(t.text, where, b.w), 0},
		gap(1),
	}
	if m.submitErr != nil {
		parts = append(parts,
			part{para(t.warn, w.SubmitFailed()+m.submitErr.Error(), b.w), 0},
			part{para(t.muted, w.KeptAsProgress()+l.T("可以按 Enter 重试。", " Press Enter to try again."), b.w), 0},
			gap(1))
	}
	parts = append(parts, part{m.keyLine(b.w, m.keys.line(&m.keys.submit)), 0})
	return fit(b.h, parts...)
}

// resultHeader is the title above the scrolling result body, with where
// the result and any reports were saved.
func (m *Model) resultHeader(w int) string {
	t := m.theme()
	l := m.lang
	lines := []string{t.title.Render(quiz.Say(l).ResultTitle())}
	if to := m.q.SavedTo(); to != "" {
		lines = append(lines, para(t.muted, l.T("结果已保存到：", "Result saved to: ")+to, w))
	}
	if len(m.reportPaths) > 0 {
		lines = append(lines, para(t.muted, l.T("报告已保存到：", "Reports saved to: ")+strings.Join(m.reportPaths, l.T("、", ", ")), w))
	}
	if m.reportErr != nil {
		lines = append(lines, para(t.warn, l.T("保存报告失败：", "Could not save the reports: ")+m.reportErr.Error(), w))
	}
	return strings.Join(lines, "\n")
}

func (m *Model) resultFooter(w int) string {
	return m.keyLine(w, m.keys.line(&m.keys.result))
}

// layoutResult sizes the result body to the window and background; it
// is called whenever either changes.
func (m *Model) layoutResult() {
	res, ok := m.q.Result()
	if !ok || m.width == 0 {
		return
	}
	b := m.box()
	h := b.h - lineCount(m.resultHeader(b.w)) - 1 - lineCount(m.resultFooter(b.w)) - 1
	y := m.vp.YOffset()
	m.vp = viewport.New(viewport.WithWidth(b.w), viewport.WithHeight(max(h, 1)))
	m.vp.KeyMap = m.keys.result.viewportKeys()
	m.vp.SetContent(report.Text(res, m.o.Bank, report.TextOptions{Lang: m.lang, Width: b.w, Dark: m.dark, Glyphs: m.o.Glyphs}))
	m.vp.SetYOffset(y)
}

func lineCount(s string) int { return strings.Count(s, "\n") + 1 }

func (m *Model) resultKey(k tea.KeyPressMsg, s string) tea.Cmd {
	km := &m.keys.result
	switch {
	case keymap.Matches(s, km.Quit):
		return m.quit()
	case keymap.Matches(s, km.Help):
		m.overlay = helpOverlay
		return nil
	case keymap.Matches(s, km.Save):
		res, _ := m.q.Result()
		m.reportPaths, m.reportErr = m.o.SaveReports(*res, m.q.SavedTo())
		m.layoutResult()
		return nil
	}
	var cmd tea.Cmd
	m.vp, cmd = m.vp.Update(k)
	return cmd
}

func (m *Model) resultView(b box) string {
	return m.resultHeader(b.w) + "\n\n" + m.vp.View() + "\n" + m.scrollNote() + "\n" + m.resultFooter(b.w)
}

// scrollNote says whether there is more of the result below or above.
func (m *Model) scrollNote() string {
	note := m.o.Glyphs.Scroll(m.lang, m.vp.TotalLineCount(), m.vp.YOffset(), m.vp.Height())
	if note == "" {
		return ""
	}
	return m.theme().muted.Render(note)
}
