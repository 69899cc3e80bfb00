//go:build !windows

package take

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/creack/pty"

	"github.com/tangping-dev/tangping/internal/result"
)

// checkAnswers compares the result file's answers with want, item by
// item, and checks that every answer has its time recorded.
func checkAnswers(t *testing.T, path string, want func(i int) int) {
	t.Helper()
	r := readResult(t, path)
	if len(r.Answers) != 46 {
		t.Fatalf("%d answers in the result, want 46", len(r.Answers))
	}
	for i, a := range r.Answers {
		if a.Value == nil || *a.Value != want(i) {
			t.Errorf("%s: got %v, want %d", a.Item, a.Value, want(i))
		}
		if a.MS == nil {
			t.Errorf("%s: no time recorded", a.Item)
		}
	}
}

// sameAsScore scores the result's answers with `tangping score` and
// checks that the scores agree. The validity figures may differ only in
// the answer times, which an answers file does not carry.
func sameAsScore(t *testing.T, h *home, path string) {
	t.Helper()
	taken := readResult(t, path)
	data, _ := json.Marshal(map[string]any{"bank": taken.Instrument.ID, "answers": taken.AnswerMap()})
	answers := filepath.Join(h.dir, "answers.json")
	if err := os.WriteFile(answers, data, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "score", "--answers", answers)
	cmd.Env = h.env()
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	var scored result.Result
	if err := json.Unmarshal(out, &scored); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(taken.Behaviours, scored.Behaviours) || !reflect.DeepEqual(taken.Dimensions, scored.Dimensions) {
		t.Errorf("take and score disagree on the same answers")
	}
	tv, sv := taken.Validity, scored.Validity
	if tv.IMCount != sv.IMCount || tv.InconsistentPairs != sv.InconsistentPairs || tv.LongestRun != sv.LongestRun {
		t.Errorf("validity: take %+v, score %+v", tv, sv)
	}
	if tv.MedianMS == nil || !tv.Has(result.FlagTooFast) {
		t.Errorf("answers typed at once were not timed as too fast: %+v", tv)
	}
}

// submit goes from the review to the result screen and quits, and
// returns the result file. Every question is answered, so the review
// opens on 提交 and one Enter submits. With reports, it first presses m
// to save the Markdown and HTML reports and the outline beside the
// result, and expects the shell to be told where they went.
func submit(t *testing.T, h *home, tt *tty, reports bool) string {
	t.Helper()
	tt.waitFor("总览")
	tt.send("\r")
	tt.waitFor("自查结果")
	if reports {
		tt.send("m")
		eventually(t, "the reports beside the result", func() bool {
			files := h.results()
			if len(files) != 1 {
				return false
			}
			base := strings.TrimSuffix(files[0], ".json")
			for _, p := range []string{base + ".md", base + ".html", base + "-outline.md"} {
				if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
					return false
				}
			}
			return true
		})
	}
	tt.send("q")
	if code := tt.exitCode(); code != 0 {
		t.Fatalf("exit %d after submitting; screen:\n%s", code, tail(tt.text()))
	}
	files := h.results()
	if len(files) != 1 {
		t.Fatalf("result files %v, want one", files)
	}
	tt.waitFor("结果已保存到：" + files[0])
	if reports {
		// the screen that said where the reports went is gone: the
		// shell is told too
		tt.waitFor("报告已保存到：" + strings.TrimSuffix(files[0], ".json") + "-outline.md")
	}
	if h.progress() != nil {
		t.Error("the progress file is still there after submitting")
	}
	return files[0]
}

// The whole questionnaire arrives in one write, typed or pasted: every
// key lands on its own question.
func TestWholeQuestionnaireAtOnce(t *testing.T) {
	t.Parallel()
	for name, wrap := range map[string]func(string) string{
		"typed":  func(s string) string { return s },
		"pasted": func(s string) string { return "\x1b[200~" + s + "\x1b[201~" }, // bracketed paste
	} {
		t.Run(name, func(t *testing.T) {
			h := newHome(t)
			tt := startTTY(t, h.env(), "take", "--anonymous")
			tt.waitFor("躺平式干部自查自测")
			tt.send("\r")
			tt.waitFor("第 1/46 题")
			tt.send(wrap(keys(46)))
			eventually(t, "46 saved answers", func() bool { return h.answered() == 46 })
			path := submit(t, h, tt, name == "typed")
			checkAnswers(t, path, wantRaw)
			sameAsScore(t, h, path)
		})
	}
}

// toAboutYou starts `tangping take` in a fresh home and goes on from the
// welcome screen to the about-you form.
func toAboutYou(t *testing.T) (*home, *tty) {
	t.Helper()
	h := newHome(t)
	tt := startTTY(t, h.env(), "take")
	tt.waitFor("躺平式干部自查自测")
	tt.send("\r")
	tt.waitFor("关于您")
	return h, tt
}

// The about-you form and the whole questionnaire typed without a pause:
// the form moves its focus asynchronously, yet every character lands in
// its own field and every digit on its own question.
func TestAboutYouAndAnswersAtOnce(t *testing.T) {
	t.Parallel()
	h, tt := toAboutYou(t)
	tt.send("张三\t城管局\t科员\r\r") // three fields, Enter to the choice, Enter on 开始作答
	tt.send(keys(46))
	eventually(t, "46 saved answers", func() bool { return h.answered() == 46 })
	path := submit(t, h, tt, false)
	checkAnswers(t, path, wantRaw)
	want := result.Respondent{Name: "张三", Unit: "城管局", Role: "科员"}
	if r := readResult(t, path); r.Respondent != want {
		t.Errorf("respondent %+v, want %+v", r.Respondent, want)
	}
}

// kill -9 in the middle loses no answer: the next run offers to resume
// and carries on where the person stopped.
func TestResumeAfterKill(t *testing.T) {
	t.Parallel()
	h, tt := toAboutYou(t)
	tt.send("王五\t\t\t\r") // name, then Tab past unit and role to 开始作答
	tt.waitFor("第 1/46 题")
	tt.send(keys(20))
	eventually(t, "20 saved answers", func() bool { return h.answered() == 20 })
	if err := tt.cmd.Process.Kill(); err != nil { // SIGKILL: no chance to clean up
		t.Fatal(err)
	}
	tt.exitCode()

	tt = startTTY(t, h.env(), "take")
	tt.waitFor("发现上次未完成的作答：已答 20/46 题")
	tt.waitFor("继续上次")
	tt.send("\r")
	tt.waitFor("第 21/46 题")
	tt.send(keys(26))
	eventually(t, "46 saved answers", func() bool { return h.answered() == 46 })
	path := submit(t, h, tt, false)
	checkAnswers(t, path, func(i int) int {
		if i < 20 {
			return i % 5
		}
		return (i - 20) % 5
	})
	if r := readResult(t, path); r.Respondent.Name != "王五" || r.Respondent.Anonymous {
		t.Errorf("respondent %+v, want 王五 from before the kill", r.Respondent)
	}
}

func TestCtrlCAsksAndKeepsProgress(t *testing.T) {
	t.Parallel()
	h := newHome(t)
	tt := startTTY(t, h.env(), "take", "--anonymous")
	tt.waitFor("躺平式干部自查自测")
	tt.send("\r")
	tt.waitFor("第 1/46 题")
	tt.send("12345")
	eventually(t, "5 saved answers", func() bool { return h.answered() == 5 })
	tt.send("\x03")
	tt.waitFor("确定要退出吗？")
	tt.send("y")
	if code := tt.exitCode(); code != 130 {
		t.Errorf("exit %d, want 130", code)
	}
	tt.waitFor("已答 5/46 题，进度保存在")
	if h.answered() != 5 {
		t.Errorf("%d answers kept, want 5", h.answered())
	}
}

// Plain `tangping` is `tangping take`; a window too small says so, and
// growing it brings the screen back.
func TestBareTangpingAndResize(t *testing.T) {
	t.Parallel()
	h := newHome(t)
	tt := startTTY(t, h.env())
	tt.waitFor("躺平式干部自查自测")
	if err := pty.Setsize(tt.f, &pty.Winsize{Rows: 10, Cols: 30}); err != nil {
		t.Fatal(err)
	}
	tt.waitFor("窗口太小")
	tt.waitFor("请把窗口放大到至少 40×12")
	if err := pty.Setsize(tt.f, &pty.Winsize{Rows: 20, Cols: 60}); err != nil {
		t.Fatal(err)
	}
	n := strings.Count(tt.text(), "躺平式干部自查自测")
	eventually(t, "the welcome screen again", func() bool { return strings.Count(tt.text(), "躺平式干部自查自测") > n })
	tt.send("q")
	if code := tt.exitCode(); code != 130 {
		t.Errorf("quitting at the welcome screen: exit %d, want 130", code)
	}
}

func TestEnglishAndNoColor(t *testing.T) {
	t.Parallel()
	h := newHome(t)
	tt := startTTY(t, h.env("COLORTERM=truecolor"), "take", "--lang", "en", "--anonymous")
	tt.waitFor("Lying-Flat Cadre Self-Check")
	tt.send("\r")
	tt.waitFor("Question 1/46")
	if !hasColour(tt.raw()) {
		t.Fatal("no colours drawn even with COLORTERM=truecolor; the NO_COLOR check below would prove nothing")
	}
	tt.send("q")
	tt.waitFor("Quit now?")
	tt.send("y")
	tt.exitCode()
	// quitting before the first answer leaves nothing to "continue 0/46"
	tt.waitFor("Stopped; nothing was answered this time.")
	if strings.Contains(tt.text(), "Every answer given has been saved") {
		t.Errorf("after nothing was answered, the exit message claims answers were saved:\n%s", tail(tt.text()))
	}
	if files, _ := filepath.Glob(filepath.Join(h.state, "progress", "*")); len(files) != 0 {
		t.Errorf("quitting before the first answer left progress: %v", files)
	}

	tt = startTTY(t, h.env("COLORTERM=truecolor", "NO_COLOR=yes"), "take", "--anonymous")
	tt.waitFor("躺平式干部自查自测")
	if strings.Contains(tt.text(), "发现上次未完成的作答") {
		t.Errorf("an empty progress is offered to continue:\n%s", tail(tt.text()))
	}
	tt.send("\r")
	tt.waitFor("第 1/46 题")
	if hasColour(tt.raw()) {
		t.Errorf("NO_COLOR=yes, yet the output sets colours")
	}
	tt.send("q")
	tt.send("y")
	tt.exitCode()
}

// lines is a questionnaire piped in, one answer per line.
func lines(n int) string {
	var b strings.Builder
	for _, k := range keys(n) {
		b.WriteString(string(k) + "\n")
	}
	return b.String()
}

func TestLineModeFromAPipe(t *testing.T) {
	t.Parallel()
	h := newHome(t)
	out := filepath.Join(h.dir, "result.json")
	// an empty line and a bad one before the first answer: both ask again
	cmd := exec.Command(bin, "take", "--out", out)
	cmd.Env = h.env()
	cmd.Stdin = strings.NewReader("\nfoo\n" + lines(46))
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	s := string(stdout)
	for _, want := range []string{"第 1/46 题", "  1 从不", "没有读到答案", "无法识别“foo”", "第 46/46 题", "结果已保存到：" + out, "描述性区间，非常模"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.ContainsRune(s, '\x1b') {
		t.Error("escape codes written to a pipe")
	}
	r := readResult(t, out)
	for i, a := range r.Answers {
		if a.Value == nil || *a.Value != wantRaw(i) {
			t.Errorf("%s: got %v, want %d", a.Item, a.Value, wantRaw(i))
		}
		if a.MS != nil {
			t.Errorf("%s: piped answers got a time", a.Item)
		}
	}
}

func TestLineModeEndsEarly(t *testing.T) {
	t.Parallel()
	h := newHome(t)
	cmd := exec.Command(bin, "take", "--accessible")
	cmd.Env = h.env()
	cmd.Stdin = strings.NewReader(lines(10))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 2 {
		t.Fatalf("got %v, want exit 2", err)
	}
	if !strings.Contains(stderr.String(), "输入在第 11 题前就结束了：已答 10/46 题，都已保存") {
		t.Errorf("stderr: %s", stderr.String())
	}
	if h.answered() != 10 {
		t.Errorf("%d answers saved, want 10", h.answered())
	}
	// the rest, piped in a second run, completes it
	cmd = exec.Command(bin, "take", "--accessible")
	cmd.Env = h.env()
	cmd.Stdin = strings.NewReader(lines(36))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	files := h.results()
	if len(files) != 1 {
		t.Fatalf("results %v", files)
	}
	r := readResult(t, files[0])
	for i, a := range r.Answers {
		want := i % 5
		if i >= 10 {
			want = (i - 10) % 5
		}
		if a.Value == nil || *a.Value != want {
			t.Errorf("%s: got %v, want %d", a.Item, a.Value, want)
		}
	}
}

var sgr = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// hasColour reports whether any SGR sequence in s sets a foreground or
// background colour (bold, reverse and resets do not count).
func hasColour(s string) bool {
	for _, m := range sgr.FindAllStringSubmatch(s, -1) {
		for _, p := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ';' || r == ':' }) {
			n, _ := strconv.Atoi(p)
			if n >= 30 && n <= 38 || n >= 40 && n <= 48 || n >= 90 && n <= 97 || n >= 100 && n <= 107 {
				return true
			}
		}
	}
	return false
}
