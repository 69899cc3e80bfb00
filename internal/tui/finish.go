package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/tangping-dev/tangping/internal/report"
)

func (m *Model) submitKey(s string) tea.Cmd {
	km := &m.keys.submit
	switch {
	case matches(s, km.Submit):
		m.submit()
	case matches(s, km.Back):
		m.enterReview(len(m.items))
	case matches(s, km.Help):
		m.overlay = helpOverlay
	case matches(s, km.Quit):
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
	n := len(m.items)
	missing := m.q.Unanswered()
	var status string
	if len(missing) == 0 {
		status = l.T(fmt.Sprintf("%d 题全部答完。", n), fmt.Sprintf("All %d questions are answered.", n))
	} else {
		nums := make([]string, len(missing))
		for i, x := range missing {
			nums[i] = fmt.Sprint(x + 1)
		}
		status = l.T(
			fmt.Sprintf("还有 %d 题未答（第 %s 题）。未答的题不计分；某一方面作答不足八成时，这一项不出分。", len(missing), strings.Join(nums, "、")),
			fmt.Sprintf("%d questions are unanswered (%s). They are not scored; an area with fewer than 80%% of its questions answered gets no score.", len(missing), strings.Join(nums, ", ")))
	}
	where := l.T("提交后将计算结果，并把结果文件保存在这台电脑上。", "Submitting computes your result and saves the result file on this computer.")
	if m.o.Server {
		where = l.T("提交后将计算结果，结果保存在培训会话服务器上。", "Submitting computes your result and keeps it on the session server.")
	}
	parts := []part{
		{t.title.Render(l.T("提交问卷", "Submit")), 0},
		gap(1),
		{para(t.text, status, b.w), 0},
		{para(t.text, where, b.w), 0},
		gap(1),
	}
	if m.submitErr != nil {
		parts = append(parts,
			part{para(t.warn, l.T("保存结果失败：", "Could not save the result: ")+m.submitErr.Error(), b.w), 0},
			part{para(t.muted, l.T("作答都已保存为进度，不会丢失。可以按 Enter 重试。", "Your answers are kept as progress. Press Enter to try again."), b.w), 0},
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
	lines := []string{t.title.Render(l.T("自查结果", "Your result"))}
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
	case matches(s, km.Quit):
		return m.quit()
	case matches(s, km.Help):
		m.overlay = helpOverlay
		return nil
	case matches(s, km.Save):
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
