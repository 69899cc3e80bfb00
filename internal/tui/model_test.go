package tui

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tangping-dev/tangping/internal/autosave"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/score"
)

var anon = func(o *Options) { o.Anonymous = true }

// wantAnswers checks the raw answers: key k records raw value k−1.
func wantAnswers(t *testing.T, got map[string]int, want map[string]int) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("answers\n got %v\nwant %v", got, want)
	}
}

// cycled is what typing digits(n) records: Q01=0, Q02=1 … Q05=4, Q06=0 …
func cycled(n int) map[string]int {
	m := map[string]int{}
	for i := range n {
		m[qid(i)] = i % 5
	}
	return m
}

func qid(i int) string { return "Q" + string(rune('0'+(i+1)/10)) + string(rune('0'+(i+1)%10)) }

func TestEveryDigitLandsOnItsQuestionAndIsSavedFirst(t *testing.T) {
	t.Parallel()
	hs := newHarness(t, 80, 24, anon)
	hs.press("enter")
	for i := range 46 {
		hs.wantScreen("第 " + itoa(i+1) + "/46 题")
		hs.clock.advance(time.Duration(2000+100*i) * time.Millisecond)
		hs.typeText(digits(46)[i : i+1])
		// the store has this answer before anything else is shown
		last := hs.store.Last()
		if got, ok := last.Answers[qid(i)]; !ok || got != i%5 {
			t.Fatalf("after key %d the store holds %v for %s", i+1, last.Answers[qid(i)], qid(i))
		}
		if want := min(i+1, 45); last.Cursor != want {
			t.Fatalf("after key %d the saved cursor is %d, want %d", i+1, last.Cursor, want)
		}
		if got := last.MS[qid(i)]; got != int64(2000+100*i) {
			t.Fatalf("%s took %d ms, want %d", qid(i), got, 2000+100*i)
		}
	}
	if len(hs.store.Saves) != 46 {
		t.Errorf("%d saves, want one per answer (46)", len(hs.store.Saves))
	}
	hs.wantScreen("总览", "已答 46/46 题")
	wantAnswers(t, hs.m.State().Answers, cycled(46))
}

func TestPastedDigitsAreAnsweredInOrder(t *testing.T) {
	t.Parallel()
	hs := newHarness(t, 80, 24, anon)
	hs.press("enter")
	hs.send(tea.PasteMsg{Content: digits(46)})
	hs.wantScreen("总览", "已答 46/46 题")
	wantAnswers(t, hs.m.State().Answers, cycled(46))

	// one key event carrying several characters, as a slow link may send
	hs = newHarness(t, 80, 24, anon)
	hs.press("enter")
	hs.send(tea.KeyPressMsg{Text: digits(20), Code: '1'})
	hs.wantScreen("第 21/46 题")
	wantAnswers(t, hs.m.State().Answers, cycled(20))
}

func TestBackForwardSkipAndChange(t *testing.T) {
	t.Parallel()
	hs := newHarness(t, 80, 24, anon)
	hs.press("enter")
	hs.typeText("345")
	hs.press("left", "b")
	hs.wantScreen("第 2/46 题", "✓ 已选")
	hs.press("right")
	hs.wantScreen("第 3/46 题")
	hs.press("shift+tab")
	hs.typeText("1") // change Q02 from 4 to 1
	hs.wantScreen("第 3/46 题")
	hs.press("right", "right") // Q04 is not answered: → stays
	hs.wantScreen("第 4/46 题", "这一题还没有作答")
	hs.press("s") // skip Q04
	hs.wantScreen("第 5/46 题")
	hs.press("down", "down", "enter") // ↓↓ picks 2 (很少), Enter answers
	hs.wantScreen("第 6/46 题")
	hs.press("enter") // nothing picked: no silent default
	hs.wantScreen("第 6/46 题", "请先选择")
	hs.press("up", "up", "enter") // ↑ from nothing picks 1, ↑ wraps to 5
	wantAnswers(t, hs.m.State().Answers, map[string]int{"Q01": 2, "Q02": 0, "Q03": 4, "Q05": 1, "Q06": 4})
	if _, ok := hs.store.Last().Answers["Q04"]; ok {
		t.Errorf("the skipped Q04 was saved as answered")
	}
	hs.press("left", "s") // skipping an answered question clears it
	if _, ok := hs.m.State().Answers["Q06"]; ok {
		t.Errorf("s on an answered question left it answered")
	}
}

func TestReviewJumpsToAnAnswerAndBack(t *testing.T) {
	t.Parallel()
	hs := newHarness(t, 80, 24, anon)
	hs.press("enter")
	hs.typeText(digits(11) + "s" + digits(34))
	// with a gap, the review opens on the first unanswered question
	hs.wantScreen("总览", "已答 45/46 题，未答 1 题", "▸ 12   未答", "第 12 题：")
	// 提交 asks once, naming what is missing
	hs.press("tab", "enter")
	hs.wantScreen("提交问卷", "还有 1 题未答（第 12 题）")
	hs.press("esc")
	hs.wantScreen("总览", "确认无误后按 Enter 提交")
	hs.press("u") // next unanswered
	hs.wantScreen("第 12 题：")
	hs.press("enter")
	hs.wantScreen("第 12/46 题")
	hs.typeText("3")
	// everything answered: back on the review, on 提交
	hs.wantScreen("总览", "已答 46/46 题", "12 3 有时", "确认无误后按 Enter 提交")
	hs.press("g")
	hs.press(slices.Repeat([]string{"right"}, 9)...)
	hs.press("enter") // Q10
	hs.typeText("1")
	want := cycled(46)
	for i := 12; i < 46; i++ {
		want[qid(i)] = (i - 12) % 5 // typing started over at 1 after the skip
	}
	want["Q12"], want["Q10"] = 2, 0
	wantAnswers(t, hs.m.State().Answers, want)
	// Enter on 提交 submits at once
	hs.press("enter")
	hs.wantScreen("自查结果")
	if _, ok := hs.m.Result(); !ok {
		t.Fatal("Enter on 提交 with everything answered did not submit")
	}
}

// The TUI's result is the scoring engine's result for the same answers,
// so `tangping score` gives the same scores.
func TestSubmitScoresWithTheEngine(t *testing.T) {
	t.Parallel()
	synctest.Test(t, submitScoresWithTheEngine)
}

func submitScoresWithTheEngine(t *testing.T) {
	hs := newBubbleHarness(t, 80, 24, nil)
	hs.press("enter")
	hs.typeText("张三")
	hs.press("tab")
	hs.typeText("城管局")
	hs.press("enter", "enter", "enter")
	var want map[string]int = map[string]int{}
	for i := range 46 {
		hs.clock.advance(3 * time.Second)
		k := (i*7)%5 + 1
		hs.typeText(string(rune('0' + k)))
		want[qid(i)] = k - 1
	}
	hs.clock.advance(time.Minute)
	hs.press("enter") // everything answered: the review opens on 提交
	hs.wantScreen("自查结果", "结果已保存到", "描述性区间，非常模", "六个维度", "下面还有", "行（↑↓ 翻看）")
	for range 10 {
		hs.press("pgdown")
	}
	hs.wantScreen("已到末尾", "建议")
	r, ok := hs.m.Result()
	if !ok || hs.result == nil || r.ID != hs.result.ID {
		t.Fatalf("Result() = %v, %v; Submit got %v", r, ok, hs.result)
	}
	if got := r.AnswerMap(); !reflect.DeepEqual(got, want) {
		t.Fatalf("answers %v, want %v", got, want)
	}
	for _, a := range r.Answers {
		if a.MS == nil || *a.MS != 3000 {
			t.Fatalf("%s: ms %v, want 3000", a.Item, a.MS)
		}
	}
	if r.Respondent != (result.Respondent{Name: "张三", Unit: "城管局"}) {
		t.Errorf("respondent %+v", r.Respondent)
	}
	start := time.Date(2026, 5, 1, 9, 30, 0, 0, time.UTC)
	if !r.StartedAt.Equal(start) || !r.CompletedAt.Equal(start.Add(46*3*time.Second+time.Minute)) {
		t.Errorf("started %v completed %v", r.StartedAt, r.CompletedAt)
	}
	engine := score.Score(hs.bank, score.Input{ID: r.ID, Lang: i18n.ZH, Respondent: r.Respondent,
		StartedAt: r.StartedAt, CompletedAt: r.CompletedAt, Answers: want, MS: msEach(3000)})
	if !reflect.DeepEqual(*r, engine) {
		t.Errorf("the TUI's result differs from score.Score's")
	}
}

func msEach(ms int64) map[string]int64 {
	m := map[string]int64{}
	for i := range 46 {
		m[qid(i)] = ms
	}
	return m
}

func TestSubmitFailureKeepsThePersonThere(t *testing.T) {
	t.Parallel()
	fail := true
	hs := newHarness(t, 80, 24, func(o *Options) {
		o.Anonymous = true
		o.Submit = func(result.Result) (string, error) {
			if fail {
				return "", errors.New("磁盘已满")
			}
			return "/tmp/r.json", nil
		}
	})
	hs.press("enter")
	hs.typeText(digits(46))
	hs.press("enter")
	hs.wantScreen("保存结果失败：磁盘已满", "按 Enter 重试")
	if _, ok := hs.m.Result(); ok {
		t.Fatal("a failed submit counts as submitted")
	}
	fail = false
	hs.press("enter")
	hs.wantScreen("自查结果", "/tmp/r.json")
}

func TestSaveReportsHook(t *testing.T) {
	t.Parallel()
	var gotPath string
	hs := newHarness(t, 80, 24, func(o *Options) {
		o.Anonymous = true
		o.SaveReports = func(r result.Result, p string) ([]string, error) {
			gotPath = p
			return []string{"/r/x.md", "/r/x.html", "/r/x-outline.md"}, nil
		}
	})
	hs.press("enter")
	hs.typeText(digits(46))
	hs.press("enter")
	hs.wantScreen("m 保存 Markdown/HTML/提纲")
	hs.press("m")
	hs.wantScreen("报告已保存到：/r/x.md、/r/x.html、/r/x-outline.md")
	if gotPath != "/home/cadre/.local/state/tangping/results/2026-05-01-01234567.json" {
		t.Errorf("SaveReports got path %q", gotPath)
	}
}

func TestResumeOrStartOver(t *testing.T) {
	t.Parallel()
	saved := &autosave.State{
		BankID: "tangping-default", Respondent: result.Respondent{Unit: "城管局"},
		StartedAt: time.Date(2026, 4, 30, 20, 0, 0, 0, time.UTC), Cursor: 3,
		Answers: map[string]int{"Q01": 4, "Q02": 3, "Q03": 2}, MS: map[string]int64{"Q01": 5000},
	}
	hs := newHarness(t, 80, 24, func(o *Options) { o.Resume = saved })
	hs.wantScreen("发现上次未完成的作答：已答 3/46 题", "继续上次", "重新开始")
	hs.press("enter")
	hs.wantScreen("第 4/46 题")
	hs.typeText("1")
	st := hs.store.Last()
	wantAnswers(t, st.Answers, map[string]int{"Q01": 4, "Q02": 3, "Q03": 2, "Q04": 0})
	if st.Respondent.Unit != "城管局" || !st.StartedAt.Equal(saved.StartedAt) || st.MS["Q01"] != 5000 {
		t.Errorf("resume lost the saved state: %+v", st)
	}
	if len(saved.Answers) != 3 {
		t.Errorf("the caller's saved state was changed: %v", saved.Answers)
	}

	hs = newHarness(t, 80, 24, func(o *Options) { o.Resume = saved; o.Anonymous = true })
	hs.press("r")
	hs.wantScreen("第 1/46 题", "已答 0 题")
	if st := hs.store.Last(); len(st.Answers) != 0 {
		t.Errorf("starting over did not replace the saved progress: %v", st.Answers)
	}

	// everything answered: resume opens the review, on 提交
	all := &autosave.State{Answers: cycled(46), Cursor: 45}
	hs = newHarness(t, 80, 24, func(o *Options) { o.Resume = all; o.Anonymous = true })
	hs.press("c")
	hs.wantScreen("总览", "已答 46/46 题", "确认无误后按 Enter 提交")

	// progress without a single answer is not offered as "continue 0/46"
	empty := &autosave.State{Answers: map[string]int{}, Respondent: result.Respondent{Name: "张三"}}
	hs = newHarness(t, 80, 24, func(o *Options) { o.Resume = empty })
	if strings.Contains(hs.screen(), "发现上次未完成的作答") {
		t.Errorf("an empty progress is offered:\n%s", hs.screen())
	}
}

// TestQuitBeforeAnyAnswerPromisesNothing: quitting at question 1 asked
// "0/46 answered, every answer is saved; run tangping again to carry on"
// although nothing is kept before the first answer (newcomer trial).
func TestQuitBeforeAnyAnswerPromisesNothing(t *testing.T) {
	t.Parallel()
	hs := newHarness(t, 80, 24, anon)
	hs.press("enter")
	hs.press("q")
	hs.wantScreen("确定要退出吗？", "还没有作答，退出不会保存任何作答。")
	if v := hs.screen(); strings.Contains(v, "接着作答") || strings.Contains(v, "已保存") {
		t.Errorf("the quit question promises what is not kept:\n%s", v)
	}
	_, cmd := hs.m.Update(keyMsg("y"))
	if cmd == nil || !isQuit(cmd) {
		t.Fatal("y did not quit")
	}
	if len(hs.store.Saves) != 0 {
		t.Errorf("quitting before any answer saved %d times", len(hs.store.Saves))
	}
}

func TestCtrlCAsksFirstAndKeepsProgress(t *testing.T) {
	t.Parallel()
	hs := newHarness(t, 80, 24, anon)
	hs.press("enter")
	hs.typeText("123")
	hs.press("ctrl+c")
	hs.wantScreen("确定要退出吗？", "已答 3/46 题，每一题都已保存")
	hs.typeText("5") // a stray key while asked must not answer anything
	hs.press("n")
	hs.wantScreen("第 4/46 题")
	if _, ok := hs.m.State().Answers["Q04"]; ok {
		t.Fatal("a key pressed on the quit question answered Q04")
	}
	hs.press("ctrl+c")
	saves := len(hs.store.Saves)
	_, cmd := hs.m.Update(keyMsg("y"))
	if cmd == nil || !isQuit(cmd) {
		t.Fatal("y did not quit")
	}
	if len(hs.store.Saves) != saves+1 || hs.store.Last().Cursor != 3 {
		t.Errorf("quitting did not save the cursor: %+v", hs.store.Last())
	}
	if _, ok := hs.m.Result(); ok {
		t.Error("an unfinished questionnaire reports a result")
	}
}

func isQuit(cmd tea.Cmd) bool {
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

func TestTooSmallAndResize(t *testing.T) {
	t.Parallel()
	hs := newHarness(t, 80, 24, anon)
	hs.press("enter")
	hs.typeText("12")
	hs.send(tea.WindowSizeMsg{Width: 30, Height: 8})
	hs.wantScreen("窗口太小", "请把窗口放大到至少 40×12", "（现在是 30×8）")
	hs.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	hs.wantScreen("第 3/46 题")
	for line := range strings.SplitSeq(hs.screen(), "\n") {
		if w := stringWidth(line); w > 60 {
			t.Errorf("line wider than the window (%d): %q", w, line)
		}
	}
	if n := strings.Count(hs.screen(), "\n") + 1; n > 20 {
		t.Errorf("%d lines in a 20-line window", n)
	}
}

func TestServerWordingAndResumeCode(t *testing.T) {
	t.Parallel()
	hs := newHarness(t, 80, 24, nil)
	hs.wantScreen("作答只保存在这台电脑上，不会发送到任何地方")
	hs = newHarness(t, 80, 24, func(o *Options) { o.Server, o.ResumeCode = true, "K7Q2" })
	s := hs.screen()
	if strings.Contains(s, "不会发送到任何地方") {
		t.Error("the server session promises that nothing is sent anywhere")
	}
	hs.wantScreen("培训组织者的服务器上，不记姓名", "加了保护的全组数字", "续答码：K7Q2")
	hs.press("enter")
	hs.wantScreen("本场会话不记姓名", "单位", "职务")
	if strings.Contains(hs.screen(), "只写进您自己的结果文件") || strings.Contains(hs.screen(), "姓名 ") {
		t.Errorf("over SSH without --collect-names the about-you screen asks for a name or claims the details stay in the person's own file:\n%s", hs.screen())
	}

	// --collect-names: the welcome screen says so before any answer, and
	// the name is asked for.
	hs = newHarness(t, 80, 24, func(o *Options) { o.Server, o.CollectNames, o.ResumeCode = true, true, "K7Q2" })
	hs.wantScreen("本场会话记名", "能看到每个人的结果")
	hs.press("enter")
	hs.wantScreen("本场会话记名", "姓名")
}

func TestEnglishEverywhere(t *testing.T) {
	t.Parallel()
	synctest.Test(t, englishEverywhere)
}

func englishEverywhere(t *testing.T) {
	hs := newBubbleHarness(t, 80, 24, func(o *Options) { o.Lang = i18n.EN })
	hs.wantScreen("Lying-Flat Cadre Self-Check", "46 questions")
	hs.press("enter")
	hs.wantScreen("About you (optional)", "Name", "Unit", "Role", "Start", "Anonymous")
	hs.press("tab", "tab", "tab", "right", "enter") // Anonymous
	hs.wantScreen("Question 1/46", "Keys 1–5: 1=Never … 5=Always")
	hs.typeText(digits(46))
	hs.wantScreen("Review", "46 of 46 answered")
	hs.press("enter")
	hs.wantScreen("Your result", "Descriptive bands, not norms")
	if han := regexpHan.FindString(hs.screen()); han != "" {
		t.Errorf("Chinese text %q on an English screen:\n%s", han, hs.screen())
	}
}

// The welcome screen's key hints never break inside a phrase: at 80
// columns "← 返回上一题" used to end one line with "上一" and start the
// next with "题".
func TestWelcomeKeyHintsStayWhole(t *testing.T) {
	t.Parallel()
	for _, lang := range []i18n.Lang{i18n.ZH, i18n.EN} {
		for w := MinWidth; w <= 120; w++ {
			hs := newHarness(t, w, 40, func(o *Options) { o.Lang = lang })
			s := hs.screen()
			for _, p := range []string{lang.T("← 返回上一题", "← goes back"), lang.T("s 跳过", "s skips"), lang.T("? 查看全部按键", "? lists every key")} {
				if !strings.Contains(s, p) {
					t.Fatalf("%s at %d columns: %q is broken:\n%s", lang, w, p, s)
				}
			}
		}
	}
}

// A message that changes nothing (at start: the environment, the colour
// profile, the terminal's replies) does not draw the screen again, and
// every message that changes it does: the frame after a key is the new
// screen, never the kept one.
func TestFrameKeptUntilSomethingChanges(t *testing.T) {
	hs := newHarness(t, 80, 24, anon)
	first := hs.screen()
	draw := testing.AllocsPerRun(20, func() { hs.m.render() })
	kept := testing.AllocsPerRun(20, func() {
		hs.m.Update(tea.EnvMsg{"TERM=xterm"})
		hs.m.Update(tea.ColorProfileMsg{})
		hs.m.View()
	})
	if kept > draw/4 {
		t.Errorf("messages that change nothing redraw the screen: %.0f allocations, %.0f for drawing it", kept, draw)
	}
	if hs.screen() != first {
		t.Error("the kept frame differs from the screen")
	}
	hs.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	if hs.screen() == first {
		t.Error("the frame after a resize is the old one")
	}
	hs.press("enter")
	if hs.screen() == first {
		t.Error("the frame after a key is the old one")
	}
}
