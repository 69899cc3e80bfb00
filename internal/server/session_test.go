package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/score"
	"github.com/tangping-dev/tangping/internal/sshsim"
	"github.com/tangping-dev/tangping/internal/store"
	"github.com/tangping-dev/tangping/internal/testkit"
)

const wait = 30 * time.Second

func ids(b *bank.Bank) []string {
	out := make([]string, len(b.Items))
	for i, it := range b.Items {
		out[i] = it.ID
	}
	return out
}

// checkResult compares a stored result with what the scoring engine makes
// of the answers the participant sent; times differ, so the validity
// figures that depend on them are left out.
func checkResult(t *testing.T, b *bank.Bank, got *result.Result, p sshsim.Plan) {
	t.Helper()
	if got == nil {
		t.Fatal("no result stored")
	}
	want := score.Score(b, score.Input{Answers: p.Answers(ids(b)), Lang: "zh"})
	if g, w := got.AnswerMap(), want.AnswerMap(); !reflect.DeepEqual(g, w) {
		t.Fatalf("stored answers differ from those sent:\n got %v\nwant %v", g, w)
	}
	if !reflect.DeepEqual(got.Behaviours, want.Behaviours) || !reflect.DeepEqual(got.Dimensions, want.Dimensions) {
		g, _ := json.Marshal([]any{got.Behaviours, got.Dimensions})
		w, _ := json.Marshal([]any{want.Behaviours, want.Dimensions})
		t.Fatalf("stored scores differ:\n got %s\nwant %s", g, w)
	}
	if got.Validity.IMCount != want.Validity.IMCount || got.Validity.LongestRun != want.Validity.LongestRun ||
		got.Validity.InconsistentPairs != want.Validity.InconsistentPairs {
		t.Fatalf("validity = %+v, want %+v", got.Validity, want.Validity)
	}
}

func participantByCode(t *testing.T, s *Server, code string) store.Participant {
	t.Helper()
	p, err := s.store.ByResumeCode(context.Background(), s.session, normalizeCode(code))
	if err != nil {
		t.Fatalf("resume code %s: %v", code, err)
	}
	return p
}

func open(t *testing.T, s *Server, l sshsim.Login, env map[string]string) *sshsim.Terminal {
	t.Helper()
	term, err := sshsim.Open(s.Addr().String(), l, env)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(term.Close)
	return term
}

func TestParticipantTakesTheQuestionnaireAndDownloadsTheResult(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	b := s.cfg.Bank
	term := open(t, s, sshsim.Login{Code: testCode}, nil)
	plan := sshsim.RandomPlan(len(b.Items), 1)
	code, _, err := term.Take(plan)
	if err != nil {
		t.Fatal(err)
	}
	p := participantByCode(t, s, code)
	checkResult(t, b, p.Result, plan)
	if out := term.Output(); !strings.Contains(out, "你的结果已保存在培训服务器上") || !strings.Contains(out, "result > tangping-result.json") {
		t.Errorf("the last lines do not say how to download the result:\n%q", tail(out))
	}

	stdout, stderr, exit, err := sshsim.Run(s.Addr().String(), sshsim.Login{Code: testCode, Resume: strings.ToLower(code)}, DownloadCommand, false)
	if err != nil || exit != 0 {
		t.Fatalf("download: exit %d, %v, %s", exit, err, stderr)
	}
	got, err := result.Decode("download", []byte(stdout), "zh")
	if err != nil {
		t.Fatalf("the download is not a result file: %v", err)
	}
	if got.ID != p.Result.ID {
		t.Errorf("downloaded result %s, stored %s", got.ID, p.Result.ID)
	}
	// Without a resume code there is nothing to download, and no other
	// participant's result either.
	stdout, stderr, exit, _ = sshsim.Run(s.Addr().String(), sshsim.Login{Code: testCode}, DownloadCommand, false)
	if exit != 1 || stdout != "" || !strings.Contains(stderr, "续答码") {
		t.Errorf("download without a code: exit %d, stdout %q, stderr %q", exit, stdout, stderr)
	}
}

// answered is what the welcome screen says after the plan's first k
// questions (skips are not answers).
func answered(p sshsim.Plan, k int) string {
	n := 0
	for _, v := range p.Values[:k] {
		if v != sshsim.Skip {
			n++
		}
	}
	return fmt.Sprintf("已答 %d/%d 题", n, len(p.Values))
}

func tail(s string) string {
	if len(s) > 400 {
		return s[len(s)-400:]
	}
	return s
}

func TestTwoParticipantsSeeOnlyTheirOwn(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	b := s.cfg.Bank
	n := len(b.Items)
	plans := []sshsim.Plan{sshsim.RandomPlan(n, 11), sshsim.RandomPlan(n, 12)}
	terms := []*sshsim.Terminal{open(t, s, sshsim.Login{Code: testCode}, nil), open(t, s, sshsim.Login{Code: testCode}, nil)}
	codes := make([]string, 2)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range 2 {
		wg.Go(func() {
			codes[i], errs[i] = terms[i].Begin(plans[i], 20)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if codes[0] == codes[1] {
		t.Fatalf("both participants got resume code %s", codes[0])
	}
	for i := range 2 {
		p := participantByCode(t, s, codes[i])
		want := plans[i].First(20).Answers(ids(b))
		if p.Progress == nil || !reflect.DeepEqual(p.Progress.Answers, want) {
			t.Errorf("participant %d progress = %v, want %v", i, p.Progress, want)
		}
		if out := terms[i].Output(); strings.Contains(out, codes[1-i]) {
			t.Errorf("participant %d's terminal showed the other's resume code", i)
		}
	}
}

func TestResumeAfterADroppedConnection(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	b := s.cfg.Bank
	n := len(b.Items)

	t.Run("by resume code", func(t *testing.T) {
		plan := sshsim.RandomPlan(n, 21)
		first := open(t, s, sshsim.Login{Code: testCode}, nil)
		code, err := first.Begin(plan, 10)
		if err != nil {
			t.Fatal(err)
		}
		first.Close() // the laptop lid closes mid-way

		again := open(t, s, sshsim.Login{Code: testCode, Resume: code}, nil)
		if _, err := again.WaitText(answered(plan, 10), wait); err != nil {
			t.Fatal(err)
		}
		if err := again.Send("c"); err != nil {
			t.Fatal(err)
		}
		if _, err := again.Answer(plan, 11, n); err != nil {
			t.Fatal(err)
		}
		if err := again.Submit(); err != nil {
			t.Fatal(err)
		}
		checkResult(t, b, participantByCode(t, s, code).Result, plan)
	})

	t.Run("by key", func(t *testing.T) {
		key, err := sshsim.NewKey()
		if err != nil {
			t.Fatal(err)
		}
		plan := sshsim.RandomPlan(n, 22)
		first := open(t, s, sshsim.Login{Code: testCode, Key: key}, nil)
		code, err := first.Begin(plan, 7)
		if err != nil {
			t.Fatal(err)
		}
		first.Close()

		var asked []string
		again := open(t, s, sshsim.Login{Code: testCode, Key: key, Asked: &asked}, nil)
		if _, err := again.WaitText(answered(plan, 7), wait); err != nil {
			t.Fatal(err)
		}
		if len(asked) != 1 {
			t.Errorf("with a known key the prompts were %q, want only the session code", asked)
		}
		if err := again.Send("c"); err != nil {
			t.Fatal(err)
		}
		if _, err := again.Answer(plan, 8, n); err != nil {
			t.Fatal(err)
		}
		if err := again.Submit(); err != nil {
			t.Fatal(err)
		}
		checkResult(t, b, participantByCode(t, s, code).Result, plan)
		if err := again.Send("q"); err != nil {
			t.Fatal(err)
		}
		if err := again.WaitClosed(wait); err != nil {
			t.Fatal(err)
		}

		// Finished: the key no longer opens it (a shared computer's next
		// user starts afresh); the resume code still shows where it is.
		next := open(t, s, sshsim.Login{Code: testCode, Key: key}, nil)
		other, err := next.Welcome()
		if err != nil {
			t.Fatal(err)
		}
		if other == code {
			t.Error("the key reopened a completed questionnaire")
		}
		stdout, _, _, err := sshsim.Run(s.Addr().String(), sshsim.Login{Code: testCode, Resume: code}, "", true)
		if err != nil || !strings.Contains(stdout, "你已完成本场自测") {
			t.Errorf("reconnecting after completion: %v, %q", err, stdout)
		}
	})
}

func TestSecondTerminalTakesOver(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	n := len(s.cfg.Bank.Items)
	first := open(t, s, sshsim.Login{Code: testCode}, nil)
	plan := sshsim.RandomPlan(n, 3)
	code, err := first.Begin(plan, 4)
	if err != nil {
		t.Fatal(err)
	}
	second := open(t, s, sshsim.Login{Code: testCode, Resume: code}, nil)
	if _, err := second.WaitText(answered(plan, 4), wait); err != nil {
		t.Fatal(err)
	}
	if err := first.WaitClosed(wait); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(first.Output(), "你已在另一个终端继续作答") {
		t.Errorf("the first terminal was not told why it closed:\n%q", tail(first.Output()))
	}
}

func TestIdleParticipantIsDisconnectedAndKeepsAnswers(t *testing.T) {
	// 2 s: long enough that a loaded machine answering three questions
	// never looks idle, short enough to wait for in a test.
	t.Parallel()
	s := startServer(t, Config{IdleTimeout: 2 * time.Second})
	n := len(s.cfg.Bank.Items)
	term := open(t, s, sshsim.Login{Code: testCode}, nil)
	plan := sshsim.RandomPlan(n, 4)
	code, err := term.Begin(plan, 3)
	if err != nil {
		t.Fatal(err)
	}
	if err := term.WaitClosed(wait); err != nil {
		t.Fatal(err)
	}
	if out := term.Output(); !strings.Contains(out, "没有操作，连接已断开") || !strings.Contains(out, code) {
		t.Errorf("idle farewell:\n%q", tail(out))
	}
	p := participantByCode(t, s, code)
	if want := plan.First(3).Answers(ids(s.cfg.Bank)); p.Progress == nil || !reflect.DeepEqual(p.Progress.Answers, want) {
		t.Errorf("answers after the idle timeout = %v, want %v", p.Progress, want)
	}
}

func TestFullServerRefusesOneMore(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{MaxSessions: 1})
	first := open(t, s, sshsim.Login{Code: testCode}, nil)
	if _, err := first.Welcome(); err != nil {
		t.Fatal(err)
	}
	_, stderr, exit, err := sshsim.Run(s.Addr().String(), sshsim.Login{Code: testCode}, "", true)
	if err != nil || exit != 1 || !strings.Contains(stderr, "会场已满") {
		t.Errorf("one more than the maximum: exit %d, %v, %q", exit, err, stderr)
	}
}

func TestEachSessionGetsItsOwnLanguageSizeAndColours(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	zh := open(t, s, sshsim.Login{Code: testCode}, map[string]string{"LANG": "zh_CN.UTF-8"})
	en, err := sshsim.OpenSize(s.Addr().String(), sshsim.Login{Code: testCode},
		map[string]string{"LANG": "en_US.UTF-8", "COLORTERM": "truecolor"}, 100, 30)
	if err != nil {
		t.Fatal(err)
	}
	defer en.Close()
	if _, err := zh.WaitText("续答码：", wait); err != nil {
		t.Fatal(err)
	}
	if _, err := en.WaitText("Resume code", wait); err != nil {
		t.Fatal(err)
	}
	// True colour only where the client said its terminal has it.
	if strings.Contains(zh.Output(), "38;2;") {
		t.Error("a 256-colour terminal got true-colour escapes")
	}
	if !strings.Contains(en.Output(), "38;2;") {
		t.Error("a COLORTERM=truecolor terminal got no true-colour escapes")
	}
	// Resizing one terminal re-lays out only that one.
	if err := en.Resize(60, 20); err != nil {
		t.Fatal(err)
	}
	if err := en.Send("\r\r\r\r\r"); err != nil {
		t.Fatal(err)
	}
	text, err := en.WaitText("Question 1/46", wait)
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.SplitSeq(text, "\n") {
		if w := len([]rune(line)); w > 60 {
			t.Fatalf("a line of %d cells after resizing to 60:\n%s", w, text)
		}
	}
}

// A fixed-size load that runs in CI: every result stored correctly.
func TestTwentyConcurrentParticipants(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	res := drive(t, s.Addr().String(), 20, len(s.cfg.Bank.Items))
	for i, r := range res {
		if r.err != nil {
			t.Fatalf("participant %d: %v", i, r.err)
		}
		checkResult(t, s.cfg.Bank, participantByCode(t, s, r.code).Result, r.plan)
	}
	snap, err := s.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if snap.Counts != (store.Counts{Joined: 20, Completed: 20}) || len(snap.Results) != 20 {
		t.Errorf("dashboard snapshot = %+v with %d results", snap.Counts, len(snap.Results))
	}
}

type driven struct {
	code string
	plan sshsim.Plan
	lat  []time.Duration
	err  error
}

// drive runs n participants at once, each through the whole questionnaire.
func drive(t testing.TB, addr string, n, items int) []driven {
	t.Helper()
	out := make([]driven, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			d := &out[i]
			d.plan = sshsim.RandomPlan(items, uint64(1000+i))
			term, err := sshsim.Open(addr, sshsim.Login{Code: testCode}, nil)
			if err != nil {
				d.err = fmt.Errorf("connect: %w", err)
				return
			}
			defer term.Close()
			d.code, d.lat, d.err = term.Take(d.plan)
		})
	}
	wg.Wait()
	return out
}

// serveOwnShutdown serves a fresh data directory for a test that shuts
// the server down itself; served reports Serve's return.
func serveOwnShutdown(t *testing.T) (s *Server, dir string, served chan error) {
	dir = t.TempDir()
	s, err := Open(Config{Dir: dir, Listen: "127.0.0.1:0", Session: "test", Code: testCode, Bank: testkit.DefaultBank(t), JoinHost: "127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	served = make(chan error, 1)
	go func() { served <- s.Serve() }()
	return s, dir, served
}

func TestShutdownTellsParticipantsAndKeepsEveryAnswer(t *testing.T) {
	t.Parallel()
	s, dir, served := serveOwnShutdown(t)
	n := len(s.cfg.Bank.Items)
	const people = 3
	terms := make([]*sshsim.Terminal, people)
	codes := make([]string, people)
	plans := make([]sshsim.Plan, people)
	for i := range people {
		terms[i] = open(t, s, sshsim.Login{Code: testCode}, nil)
		plans[i] = sshsim.RandomPlan(n, uint64(40+i))
		// Each answer is acknowledged: the next question showed.
		var err error
		if codes[i], err = terms[i].Begin(plans[i], 5+i*7); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := <-served; err != nil {
		t.Fatalf("Serve after Shutdown: %v", err)
	}
	for i, term := range terms {
		if err := term.WaitClosed(wait); err != nil {
			t.Fatal(err)
		}
		if out := term.Output(); !strings.Contains(out, "培训老师已关闭会话服务器") || !strings.Contains(out, codes[i]) || strings.Contains(out, " result ") {
			t.Errorf("participant %d was not told the session closed:\n%q", i, tail(out))
		}
	}
	if _, err := sshsim.Dial(s.Addr().String(), sshsim.Login{Code: testCode}); err == nil {
		t.Error("a closed server still accepts connections")
	}
	st, err := store.OpenSQLite(dir + "/" + DBFile)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for i := range people {
		p, err := st.ByResumeCode(context.Background(), "test", normalizeCode(codes[i]))
		if err != nil {
			t.Fatal(err)
		}
		if want := plans[i].First(5 + i*7).Answers(ids(s.cfg.Bank)); p.Progress == nil || !reflect.DeepEqual(p.Progress.Answers, want) {
			t.Errorf("participant %d after shutdown: %v, want %v", i, p.Progress, want)
		}
	}
}

// TestEndingTheSessionLeavesAWindowToDownload: when the trainer ends the
// session, a participant who completed is told by when to download, and
// can; one midway is told the questionnaire cannot go on (never to run a
// command against a server about to stop); nobody new starts.
func TestEndingTheSessionLeavesAWindowToDownload(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	n := len(s.cfg.Bank.Items)
	done := open(t, s, sshsim.Login{Code: testCode}, nil)
	doneCode, err := done.Welcome()
	if err != nil {
		t.Fatal(err)
	}
	plan := sshsim.RandomPlan(n, 3)
	if err := done.Start(n); err != nil {
		t.Fatal(err)
	}
	if _, err := done.Answer(plan, 1, n); err != nil {
		t.Fatal(err)
	}
	if err := done.Submit(); err != nil {
		t.Fatal(err)
	}
	midway := open(t, s, sshsim.Login{Code: testCode}, nil)
	midCode, err := midway.Begin(sshsim.RandomPlan(n, 4), 2)
	if err != nil {
		t.Fatal(err)
	}

	until := s.End(2 * time.Minute)
	for _, term := range []*sshsim.Terminal{done, midway} {
		if err := term.WaitClosed(wait); err != nil {
			t.Fatal(err)
		}
	}
	if out := tail(done.Output()); !strings.Contains(out, "培训老师已结束本场会话") || !strings.Contains(out, "请在 "+until.Format("15:04")+" 前（2 分钟内）下载你的结果") ||
		!strings.Contains(out, "result > tangping-result.json") || !strings.Contains(out, doneCode) {
		t.Errorf("the participant who completed was not told by when and how to download:\n%q", out)
	}
	if out := tail(midway.Output()); !strings.Contains(out, "问卷不能再继续作答") || !strings.Contains(out, midCode) || strings.Contains(out, " result ") {
		t.Errorf("the participant midway was told:\n%q", out)
	}
	stdout, stderr, exit, err := sshsim.Run(s.Addr().String(), sshsim.Login{Code: testCode, Resume: doneCode}, DownloadCommand, false)
	if err != nil || exit != 0 || !strings.Contains(stdout, `"instrument"`) {
		t.Errorf("download in the window: exit %d, %v, %q", exit, err, stderr)
	}
	_, stderr, exit, err = sshsim.Run(s.Addr().String(), sshsim.Login{Code: testCode}, "", true)
	if err != nil || exit != 1 || !strings.Contains(stderr, "本场会话已结束") {
		t.Errorf("a newcomer after the end: exit %d, %v, %q", exit, err, stderr)
	}
	again := open(t, s, sshsim.Login{Code: testCode, Resume: doneCode}, nil)
	if _, err := again.WaitText("下载你的结果", wait); err != nil {
		t.Errorf("reconnecting in the window: %v", err)
	}
}

// TestShutdownNeverSendsADownloadToAStoppedServer: closed without a
// window, a participant who completed is told to ask the trainer.
func TestShutdownNeverSendsADownloadToAStoppedServer(t *testing.T) {
	t.Parallel()
	s, _, served := serveOwnShutdown(t)
	n := len(s.cfg.Bank.Items)
	term := open(t, s, sshsim.Login{Code: testCode}, nil)
	if err := term.Start(n); err != nil {
		t.Fatal(err)
	}
	if _, err := term.Answer(sshsim.RandomPlan(n, 5), 1, n); err != nil {
		t.Fatal(err)
	}
	if err := term.Submit(); err != nil {
		t.Fatal(err)
	}
	if err := s.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	<-served
	if err := term.WaitClosed(wait); err != nil {
		t.Fatal(err)
	}
	if out := tail(term.Output()); !strings.Contains(out, "请向培训老师索取你的结果文件") || strings.Contains(out, " result ") {
		t.Errorf("after shutdown the participant was told:\n%q", out)
	}
}
