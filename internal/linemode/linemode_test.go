package linemode

import (
	"bytes"
	"context"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/autosave"
	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/quiz"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/score"
)

type fixture struct {
	store  *autosave.Memory
	out    bytes.Buffer
	bank   *bank.Bank
	opts   Options
	result *result.Result
	tick   time.Duration // how far the clock moves per reading
	now    time.Time
}

func newFixture(t *testing.T, input string, edit func(*Options)) *fixture {
	t.Helper()
	b, err := bank.Default(i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{store: &autosave.Memory{}, bank: b, now: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)}
	f.opts = Options{Options: quiz.Options{
		Bank: b, Lang: i18n.ZH, Store: f.store, Anonymous: true, Untimed: true,
		Now:   func() time.Time { f.now = f.now.Add(f.tick); return f.now },
		NewID: func() string { return "r1" },
		Submit: func(r result.Result) (string, error) {
			f.result = &r
			return "/state/results/2026-05-01-r1.json", nil
		},
	}, In: strings.NewReader(input), Out: &f.out}
	if edit != nil {
		edit(&f.opts)
	}
	return f
}

func (f *fixture) run() (*result.Result, string, error) {
	return Run(context.Background(), f.opts)
}

// lines builds piped input: one line per answer key, cycling 1–5.
func lines(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(string(rune('1'+i%5)) + "\n")
	}
	return b.String()
}

func qid(i int) string { return "Q" + string(rune('0'+(i+1)/10)) + string(rune('0'+(i+1)%10)) }

func cycled(n int) map[string]int {
	m := map[string]int{}
	for i := range n {
		m[qid(i)] = i % 5
	}
	return m
}

func TestPipedAllAtOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t, lines(46), nil)
	r, saved, err := f.run()
	if err != nil {
		t.Fatalf("%v\n%s", err, f.out.String())
	}
	if got := r.AnswerMap(); !reflect.DeepEqual(got, cycled(46)) {
		t.Fatalf("answers %v", got)
	}
	if saved != "/state/results/2026-05-01-r1.json" || !strings.Contains(f.out.String(), "结果已保存到：/state/results/2026-05-01-r1.json") {
		t.Errorf("saved %q; output does not say where", saved)
	}
	if bytes.ContainsRune(f.out.Bytes(), '\x1b') {
		t.Error("escape codes in line mode output")
	}
	for _, a := range r.Answers {
		if a.MS != nil {
			t.Fatalf("%s has a time (%d ms) though the answers were piped", a.Item, *a.MS)
		}
	}
	if r.Validity.Has(result.FlagTooFast) {
		t.Error("piped answers raised too_fast")
	}
	if len(f.store.Saves) != 46 {
		t.Errorf("%d saves, want one per answer", len(f.store.Saves))
	}
	want := score.Score(f.bank, score.Input{ID: "r1", Lang: i18n.ZH, Respondent: result.Respondent{Anonymous: true},
		StartedAt: r.StartedAt, CompletedAt: r.CompletedAt, Answers: cycled(46)})
	if !reflect.DeepEqual(*r, want) {
		t.Error("line mode's result differs from score.Score's for the same answers")
	}
	out := f.out.String()
	for _, s := range []string{"第 1/46 题", "  1 从不", "  5 总是", "第 46/46 题", "六个维度", "躺平表现", "描述性区间，非常模", "作答只保存在这台电脑上"} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q", s)
		}
	}
}

func TestBadOrEmptyLineAsksAgain(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "\n  \nx\n7\n３\n"+lines(46)[2:], nil)
	r, _, err := f.run()
	if err != nil {
		t.Fatalf("%v\n%s", err, f.out.String())
	}
	out := f.out.String()
	if n := strings.Count(out, "没有读到答案"); n != 2 {
		t.Errorf("%d empty-line messages, want 2", n)
	}
	for _, s := range []string{"无法识别“x”", "无法识别“7”"} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q", s)
		}
	}
	want := cycled(46)
	want["Q01"] = 2 // the full-width ３
	if got := r.AnswerMap(); !reflect.DeepEqual(got, want) {
		t.Fatalf("answers %v, want %v", got, want)
	}
	if first := strings.Index(out, "第 2/46 题"); first < strings.Index(out, "无法识别“7”") {
		t.Error("moved on before a valid answer")
	}
}

func TestBackSkipAndTheFinalPrompt(t *testing.T) {
	t.Parallel()
	// Q01=5, Q02=4, back, Q02=1, skip Q03, then 43 answers; at the end
	// answer Q03 by number, then y is not needed: all answered.
	in := "5\n4\nb\n1\ns\n" + lines(43) + "3\n2\n"
	f := newFixture(t, in, nil)
	r, _, err := f.run()
	if err != nil {
		t.Fatalf("%v\n%s", err, f.out.String())
	}
	if !strings.Contains(f.out.String(), "还有 1 题未答（第 3 题）") {
		t.Errorf("no final prompt listing Q03:\n%s", f.out.String())
	}
	want := map[string]int{"Q01": 4, "Q02": 0, "Q03": 1}
	for i := 3; i < 46; i++ {
		want[qid(i)] = (i - 3) % 5
	}
	if got := r.AnswerMap(); !reflect.DeepEqual(got, want) {
		t.Fatalf("answers\n got %v\nwant %v", got, want)
	}
}

func TestSubmitWithGapsNeedsY(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "s\n"+lines(45)+"y\n", nil)
	r, _, err := f.run()
	if err != nil {
		t.Fatalf("%v\n%s", err, f.out.String())
	}
	if _, ok := r.AnswerMap()["Q01"]; ok || len(r.AnswerMap()) != 45 {
		t.Errorf("answers %v", r.AnswerMap())
	}
}

func TestEndOfInputKeepsProgress(t *testing.T) {
	t.Parallel()
	for name, in := range map[string]string{"mid-way": lines(10), "at the final prompt": "s\n" + lines(45)} {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t, in, nil)
			_, _, err := f.run()
			var eoi *EndOfInputError
			if !errors.As(err, &eoi) {
				t.Fatalf("got %v, want *EndOfInputError", err)
			}
			n := strings.Count(in, "\n") - strings.Count(in, "s\n")
			if eoi.Answered != n || len(f.store.Last().Answers) != n {
				t.Errorf("answered %d, saved %d, want %d", eoi.Answered, len(f.store.Last().Answers), n)
			}
			if f.result != nil {
				t.Error("submitted without the whole input")
			}
			if !strings.Contains(err.Error(), "都已保存") {
				t.Errorf("message %q", err)
			}
		})
	}
}

// Quitting before the first answer saves nothing, and progress without
// answers is not "continued" at 0/46.
func TestQuitBeforeAnyAnswerKeepsNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "i\n张三\n\n\nq\n", func(o *Options) { o.Anonymous = false })
	if _, _, err := f.run(); !errors.Is(err, ErrQuit) {
		t.Fatalf("got %v, want ErrQuit", err)
	}
	if len(f.store.Saves) != 0 {
		t.Fatalf("saved before the first answer: %+v", f.store.Saves)
	}
	empty := autosave.State{Answers: map[string]int{}, Cursor: 7}
	g := newFixture(t, lines(46), func(o *Options) { o.Resume = &empty })
	if _, _, err := g.run(); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(g.out.String(), "继续上次的作答") || !strings.Contains(g.out.String(), "第 1/46 题") {
		t.Errorf("an empty progress was continued:\n%s", g.out.String()[:600])
	}
}

func TestQuitAndResume(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "1\n2\nq\n", nil)
	if _, _, err := f.run(); !errors.Is(err, ErrQuit) {
		t.Fatalf("got %v, want ErrQuit", err)
	}
	saved := f.store.Last()
	if saved.Cursor != 2 || len(saved.Answers) != 2 {
		t.Fatalf("saved %+v", saved)
	}
	g := newFixture(t, lines(44), func(o *Options) { o.Resume = &saved })
	r, _, err := g.run()
	if err != nil {
		t.Fatalf("%v\n%s", err, g.out.String())
	}
	if !strings.Contains(g.out.String(), "继续上次的作答：已答 2/46 题") || !strings.Contains(g.out.String(), "第 3/46 题") {
		t.Errorf("no resume message:\n%s", g.out.String()[:400])
	}
	want := map[string]int{"Q01": 0, "Q02": 1}
	for i := 2; i < 46; i++ {
		want[qid(i)] = (i - 2) % 5
	}
	if got := r.AnswerMap(); !reflect.DeepEqual(got, want) {
		t.Fatalf("answers\n got %v\nwant %v", got, want)
	}
}

func TestAboutYouAndTimes(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "i\n张三\n城管局\n\n"+lines(46), func(o *Options) { o.Anonymous = false; o.Untimed = false })
	f.tick = 2 * time.Second
	r, _, err := f.run()
	if err != nil {
		t.Fatalf("%v\n%s", err, f.out.String())
	}
	if r.Respondent != (result.Respondent{Name: "张三", Unit: "城管局"}) {
		t.Errorf("respondent %+v", r.Respondent)
	}
	// Every reading of the clock moves it 2 s. A question is shown (one
	// reading) and answered (the next); the save in between comes before
	// the next question's clock starts, and the about-you details are not
	// saved on their own before the first answer.
	for _, a := range r.Answers {
		want := int64(2000)
		if a.MS == nil || *a.MS != want {
			t.Fatalf("%s: ms %v, want %d", a.Item, a.MS, want)
		}
	}
}

func TestCtrlCStopsWaiting(t *testing.T) {
	t.Parallel()
	pr, pw := io.Pipe()
	defer pw.Close()
	f := newFixture(t, "", func(o *Options) { o.In = pr })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { _, _, err := Run(ctx, f.opts); done <- err }()
	if _, err := pw.Write([]byte("1\n")); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

// fullDisk is a store whose saves fail after the first ok of them.
type fullDisk struct{ ok, calls int }

func (d *fullDisk) Save(autosave.State) error {
	d.calls++
	if d.calls > d.ok {
		return errors.New("no space left on device")
	}
	return nil
}

// TestFailedSaveIsNotCalledSaved: on a full disk the warning shows at
// once, and the end of the run does not claim "都已保存" (it used to).
func TestFailedSaveIsNotCalledSaved(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, input string
		want        any
	}{
		{"end of input", "3\n4\n", new(*EndOfInputError)},
		{"q", "3\n4\nq\n", new(*NotSavedError)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, tc.input, func(o *Options) { o.Store = &fullDisk{ok: 1} })
			_, _, err := f.run()
			if !errors.As(err, tc.want) {
				t.Fatalf("got %T %v", err, err)
			}
			if errors.Is(err, ErrQuit) {
				t.Errorf("%v still reads as a clean quit", err)
			}
			msg := err.Error()
			if strings.Contains(msg, "都已保存") || !strings.Contains(msg, "已答 2/46 题") || !strings.Contains(msg, "保存进度失败") {
				t.Errorf("message %q", msg)
			}
			if !strings.Contains(f.out.String(), "注意：进度未能保存（no space left on device）") {
				t.Errorf("no warning after the failed save:\n%s", f.out.String())
			}
		})
	}
	// A later save that works makes the claim true again.
	f := newFixture(t, "3\n4\n", func(o *Options) { o.Store = &fullDisk{ok: 99} })
	_, _, err := f.run()
	if err == nil || !strings.Contains(err.Error(), "都已保存") {
		t.Errorf("with every save done: %v", err)
	}
}
