package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/textwrap"
)

// helpKeys lists every key of the screen on show, for the ? overlay.
func (m *Model) helpKeys() [][2]string {
	l := m.lang
	sc := len(m.o.Bank.Scale)
	first, last := m.scaleEnds()
	quit := [2]string{"q / Ctrl+C", l.T("退出（会先确认，进度已保存）", "quit (asks first; progress is kept)")}
	switch m.screen {
	case welcomeScreen:
		keys := [][2]string{{"Enter", l.T("开始", "start")}}
		if m.q.CanResume() {
			keys = [][2]string{{"Enter", l.T("确定所选", "choose")}, {"c", l.T("继续上次", "resume")}, {"r", l.T("重新开始（清除上次的进度）", "start over (drops the saved progress)")}, {"← →", l.T("切换选项", "switch choice")}}
		}
		return append(keys, [2]string{"q", l.T("退出", "quit")})
	case questionScreen:
		return [][2]string{
			{fmt.Sprintf("1–%d", sc), l.T(fmt.Sprintf("作答并进入下一题（1=%s … %d=%s）", first, sc, last), fmt.Sprintf("answer and go on (1=%s … %d=%s)", first, sc, last))},
			{"↑ ↓ / k j", l.T("选择选项", "pick an option")},
			{"Enter", l.T("确定所选选项", "answer with the picked option")},
			{"← / b / Shift+Tab", l.T("上一题（答案保留）", "previous question (answers kept)")},
			{"→", l.T("下一题（仅限已答的题）", "next question (answered ones only)")},
			{"s / 0", l.T("跳过：这一题留空", "skip: leave this question unanswered")},
			{"v / Tab", l.T("总览全部作答", "review all answers")},
			{"?", l.T("显示或关闭帮助", "show or hide this help")},
			quit,
		}
	case reviewScreen:
		return [][2]string{
			{"← ↑ ↓ →", l.T("移动", "move")},
			{"Enter", l.T("修改所选的题；在“提交”上则提交", "change the selected answer; on Submit, submit")},
			{"u", l.T("跳到下一道未答的题", "jump to the next unanswered question")},
			{"Tab / End", l.T("到“提交”", "go to Submit")},
			{"b / Esc", l.T("返回答题", "back to the questions")},
			quit,
		}
	case submitScreen:
		return [][2]string{{"Enter", l.T("提交", "submit")}, {"Esc", l.T("返回总览", "back to review")}, quit}
	case resultScreen:
		keys := [][2]string{{"↑ ↓ / PgUp PgDn", l.T("翻看结果", "scroll")}}
		if m.o.SaveReports != nil {
			keys = append(keys, [2]string{"m", l.T("把 Markdown、HTML 报告和对照检查提纲保存在结果文件旁", "save the Markdown and HTML reports and the outline next to the result file")})
		}
		return append(keys, [2]string{"q / Enter", l.T("退出", "quit")})
	}
	return nil
}

func (m *Model) helpView(b box) string {
	t := m.theme()
	l := m.lang
	keys := m.helpKeys()
	kw := 0
	for _, k := range keys {
		kw = max(kw, ansi.StringWidth(k[0]))
	}
	kw = min(kw, b.w/2)
	var rows []string
	for _, k := range keys {
		pad := strings.Repeat(" ", max(kw-ansi.StringWidth(k[0]), 0))
		rows = append(rows, textwrap.Hang(k[1], t.key.Render(k[0])+pad+"  ", b.w))
	}
	return fit(b.h,
		part{t.title.Render(l.T("按键帮助", "Keys")), 0},
		gap(1),
		part{strings.Join(rows, "\n"), 0},
		gap(1),
		part{t.muted.Render(l.T("按 ? 或 Esc 返回", "Press ? or Esc to go back")), 0},
	)
}
