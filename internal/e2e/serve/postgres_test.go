package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tangping-dev/tangping/internal/sshsim"
	"github.com/tangping-dev/tangping/internal/store"
)

// Several instances, one PostgreSQL database, one session
// (docs/deployment.md).

func zh() map[string]string { return map[string]string{"LANG": "zh_CN.UTF-8"} }

// logOf is an instance's connection log (under its own HOME).
func (s *served) logOf() string {
	data, err := os.ReadFile(filepath.Join(s.home, ".local", "state", "tangping", "serve", "serve.log"))
	if err != nil {
		s.t.Fatal(err)
	}
	return string(data)
}

var countsRe = regexp.MustCompile(`在线 (\d+) · 作答中 (\d+) · 已完成 (\d+) · 共 (\d+) 人`)

// lastCounts is the last counts line an instance's text dashboard printed.
func lastCounts(out string) string {
	m := countsRe.FindAllString(out, -1)
	if len(m) == 0 {
		return ""
	}
	return m[len(m)-1]
}

// results reads the session's completed results from the database.
func results(t *testing.T, url string) map[string]map[string]int {
	t.Helper()
	st := db(t, url)
	done, err := st.Results(context.Background(), "e2e", 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]int{}
	for _, c := range done {
		out[c.ParticipantID] = c.Result.AnswerMap()
	}
	return out
}

// The "done when": two instances on one PostgreSQL complete one
// session of 20 SSH participants split between them; every dashboard
// shows the same counts; `group --data URL` and `serve export --data URL`
// agree on 20; the password shows nowhere.
func TestTwoInstancesCompleteOneSession(t *testing.T) {
	t.Parallel()
	srv := pg.Need(t)
	url := srv.Database(t)
	a := serve(t, url, "--min-group", "5")
	b := serve(t, url, "--min-group", "5")
	if a.addr == b.addr {
		t.Fatal("both instances on one address")
	}
	ids := itemIDs(t)
	const n = 20
	codes := make([]string, n)
	plans := make([]sshsim.Plan, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		inst := []*served{a, b}[i%2]
		wg.Go(func() {
			term, err := sshsim.Open(inst.addr, sshsim.Login{Code: code}, zh())
			if err != nil {
				errs[i] = err
				return
			}
			defer term.Close()
			plans[i] = sshsim.RandomPlan(len(ids), uint64(300+i))
			codes[i], _, errs[i] = term.Take(plans[i])
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	want := "在线 0 · 作答中 0 · 已完成 20 · 共 20 人"
	for _, s := range []*served{a, b} {
		s.waitOutput("every dashboard counting 20 completed", func(o string) bool { return lastCounts(o) == want })
	}
	// The profile's dimension table on both dashboards, over all 20 (four
	// batches of K = 5: one noisy block, seeded by the same 20 results as a
	// group report on them, so the figures agree; docs/privacy.md).
	profile := func(out string) string {
		live := out[strings.LastIndex(out, "躺平式干部自查自测 · 团体报告"):]
		live = live[strings.Index(live, "维度 得分越高越好"):]
		return live[:strings.Index(live, "躺平表现")]
	}
	pa := profile(a.waitOutput("A's profile over 20", func(o string) bool { return strings.Contains(o, "有效结果 20 份") }))
	pb := profile(b.waitOutput("B's profile over 20", func(o string) bool { return strings.Contains(o, "有效结果 20 份") }))
	if pa != pb {
		t.Errorf("the two dashboards differ:\nA:\n%s\nB:\n%s", pa, pb)
	}

	st := db(t, url)
	for i := range n {
		p := byCode(t, st, codes[i])
		if p.Result == nil || !reflect.DeepEqual(p.Result.AnswerMap(), plans[i].Answers(ids)) {
			t.Errorf("participant %d (on %s): stored %v, want the answers sent", i, []string{"A", "B"}[i%2], p.Result)
		}
	}
	exported := filepath.Join(t.TempDir(), "results")
	out := tangping(t, "serve", "export", "--results", "--data", url, exported)
	files, _ := filepath.Glob(filepath.Join(exported, "*.json"))
	if len(files) != n || !strings.Contains(out, "已导出 20 份结果") {
		t.Fatalf("exported %d files (%q), want 20", len(files), out)
	}
	fromFiles := tangping(t, "group", exported)
	fromData := tangping(t, "group", "--data", url)
	for name, got := range map[string]string{"group on the export": fromFiles, "group --data URL": fromData} {
		if !strings.Contains(got, "有效结果 20 份") || !strings.Contains(got, pa) {
			t.Errorf("%s differs from the dashboards.\ndashboard:\n%s\n%s:\n%s", name, pa, name, got)
		}
	}

	// A figure edited in the database is not believed: group --data URL
	// recomputes every result from its answers (docs/verification.md).
	forgeFirstResult(t, url)
	if got := tangping(t, "group", "--data", url); !strings.Contains(got, "有效结果 19 份；共读取 20 份，跳过 1 份") {
		t.Errorf("group --data URL counted a forged result:\n%s", got)
	}

	for _, s := range []*served{a, b} {
		s.signal(syscall.SIGTERM)
		if c := s.exited(); c != 0 {
			t.Errorf("exit %d after SIGTERM:\n%s", c, s.out.String())
		}
	}
	for name, text := range map[string]string{"A's output": a.out.String(), "B's output": b.out.String(), "A's log": a.logOf(), "B's log": b.logOf()} {
		if strings.Contains(text, srv.Password()) {
			t.Errorf("%s holds the database password:\n%s", name, text)
		}
	}
	if !strings.Contains(a.out.String(), "tangping serve export --data") || !strings.Contains(a.out.String(), ":xxxxx@") {
		t.Errorf("the closing hint does not name the database (without its password):\n%s", a.out.String()[max(0, len(a.out.String())-400):])
	}
}

// kill -9 of one instance mid-session: its participants reconnect to the
// other, find every acknowledged answer there and finish.
func TestKill9InstanceParticipantsFinishOnAnother(t *testing.T) {
	t.Parallel()
	url := pg.Need(t).Database(t)
	a := serve(t, url)
	b := serve(t, url)
	ids := itemIDs(t)
	_, codes, _ := midway(t, a, 4)
	// B's dashboard counts A's participants (A's heartbeat), and stops
	// counting them once A is gone (within store.InstanceTTL).
	b.waitOutput("B counting A's 4 on screen", func(o string) bool { return strings.HasPrefix(lastCounts(o), "在线 4 · 作答中 4") })
	a.signal(syscall.SIGKILL)
	a.exited()
	b.waitOutput("B no longer counting the killed A's", func(o string) bool { return strings.HasPrefix(lastCounts(o), "在线 0 · 作答中 4") })

	var wg sync.WaitGroup
	errs := make([]error, len(codes))
	for i := range codes {
		wg.Go(func() {
			plan := sshsim.RandomPlan(len(ids), uint64(i+7)) // as midway planned it
			k := 3 + 5*i
			term, err := sshsim.Open(b.addr, sshsim.Login{Code: code, Resume: codes[i]}, zh())
			if err != nil {
				errs[i] = err
				return
			}
			defer term.Close()
			if err = term.Continue(plan, k); err == nil {
				_, err = term.Answer(plan, k+1, len(ids))
			}
			if err == nil {
				err = term.Submit()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	st := db(t, url)
	for i := range codes {
		want := sshsim.RandomPlan(len(ids), uint64(i+7)).Answers(ids)
		if p := byCode(t, st, codes[i]); p.Result == nil || !reflect.DeepEqual(p.Result.AnswerMap(), want) {
			t.Errorf("participant %d after moving instances: %v, want every answer", i, p.Result)
		}
	}
}

// One participant on two instances at once: the newer screen takes over.
// The older one can no longer save: a key pressed there before it closes
// is not written over the answers given on the newer one. And it closes
// by itself within a heartbeat, telling why, so it is not left on screen
// (and counted as connected) until the idle timeout.
func TestSameParticipantOnTwoInstances(t *testing.T) {
	t.Parallel()
	url := pg.Need(t).Database(t)
	a := serve(t, url)
	b := serve(t, url)
	ids := itemIDs(t)
	for _, keyOnOld := range []bool{true, false} {
		plan := sshsim.RandomPlan(len(ids), 42)
		first, err := sshsim.Open(a.addr, sshsim.Login{Code: code}, zh())
		if err != nil {
			t.Fatal(err)
		}
		defer first.Close()
		resume, err := first.Begin(plan, 5)
		if err != nil {
			t.Fatal(err)
		}
		second, err := sshsim.Open(b.addr, sshsim.Login{Code: code, Resume: resume}, zh())
		if err != nil {
			t.Fatal(err)
		}
		defer second.Close()
		if err := second.Continue(plan, 5); err != nil {
			t.Fatal(err)
		}
		claimed := time.Now()
		if keyOnOld {
			// The first screen still shows question 6: answer it otherwise.
			other := (max(plan.Values[5], 0) + 2) % 5
			if err := first.Send(fmt.Sprint(other + 1)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := second.Answer(plan, 6, 8); err != nil {
			t.Fatal(err)
		}
		if err := first.WaitClosed(sshsim.Timeout); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(claimed); !keyOnOld && d > 2*store.BeatEvery+time.Second {
			t.Errorf("the older screen closed %v after the newer claimed the participant; want within a heartbeat", d)
		}
		if !strings.Contains(first.Output(), "你已在另一个终端继续作答") {
			t.Errorf("the older screen was not told why it closed:\n%q", first.Output()[max(0, len(first.Output())-400):])
		}
		if got, want := progress(t, db(t, url), resume), plan.First(8).Answers(ids); !reflect.DeepEqual(got, want) {
			t.Errorf("with the older screen's key %v: %v, want the newer screen's %v", keyOnOld, got, want)
		}
		// The newer screen carries on and finishes.
		if _, err := second.Answer(plan, 9, len(ids)); err != nil {
			t.Fatal(err)
		}
		if err := second.Submit(); err != nil {
			t.Fatal(err)
		}
	}
}

// The database restarting under load: instances reconnect by themselves,
// nobody loses or doubles an answer or a result.
func TestDatabaseRestartUnderLoad(t *testing.T) {
	t.Parallel()
	srv := pgOutage.Need(t)
	outage.Lock()
	defer outage.Unlock()
	url := srv.Database(t)
	a := serve(t, url)
	b := serve(t, url)
	ids := itemIDs(t)
	const n = 10
	plans := make([]sshsim.Plan, n)
	codes := make([]string, n)
	errs := make([]error, n)
	var half, wg sync.WaitGroup
	half.Add(n)
	restarted := make(chan struct{})
	for i := range n {
		inst := []*served{a, b}[i%2]
		plans[i] = sshsim.RandomPlan(len(ids), uint64(500+i))
		wg.Go(func() {
			once := sync.OnceFunc(half.Done)
			defer once()
			term, err := sshsim.Open(inst.addr, sshsim.Login{Code: code}, zh())
			if err != nil {
				errs[i] = err
				return
			}
			defer term.Close()
			if codes[i], err = term.Begin(plans[i], 20); err != nil {
				errs[i] = err
				return
			}
			once()
			// Keep answering through the restart, a little slower than a
			// stress test so that answers are in flight while it happens.
			term.Think = func() time.Duration { return 20 * time.Millisecond }
			if _, err = term.Answer(plans[i], 21, len(ids)); err == nil {
				err = term.Submit()
			}
			// What a participant may see is the short sentence, never
			// the driver's words.
			for _, raw := range []string{"SQLSTATE", "EOF", "dial tcp", "conn closed", "driver"} {
				if strings.Contains(term.Output(), raw) && err == nil {
					err = fmt.Errorf("participant %d saw %q on screen", i, raw)
				}
			}
			errs[i] = err
		})
	}
	go func() {
		half.Wait()
		if err := srv.Restart("fast"); err != nil {
			t.Error(err)
		}
		close(restarted)
	}()
	wg.Wait()
	<-restarted
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	got := results(t, url)
	if len(got) != n {
		t.Fatalf("%d results after the restart, want %d", len(got), n)
	}
	st := db(t, url)
	for i := range n {
		p := byCode(t, st, codes[i])
		if p.Result == nil || !reflect.DeepEqual(got[p.ID], plans[i].Answers(ids)) {
			t.Errorf("participant %d: stored %v, want every answer once", i, got[p.ID])
		}
	}
	c, err := st.Counts(context.Background(), "e2e")
	if err != nil || c != (store.Counts{Joined: n, Completed: n}) {
		t.Errorf("counts %+v, %v; want %d joined and completed", c, err, n)
	}
}

// The database down for longer than the store waits: the participant is
// told in one short sentence, keeps answering, and once it is back the
// next save carries every answer.
func TestDatabaseDownIsSaidAndNothingIsLost(t *testing.T) {
	t.Parallel()
	srv := pgOutage.Need(t)
	outage.Lock()
	defer outage.Unlock()
	url := srv.Database(t)
	a := serve(t, url)
	ids := itemIDs(t)
	plan := sshsim.RandomPlan(len(ids), 77)
	term, err := sshsim.Open(a.addr, sshsim.Login{Code: code}, zh())
	if err != nil {
		t.Fatal(err)
	}
	defer term.Close()
	resume, err := term.Begin(plan, 3)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Stop("fast"); err != nil {
		t.Fatal(err)
	}
	started := false
	defer func() {
		if !started {
			_ = srv.Start()
		}
	}()
	if _, err := term.Answer(plan, 4, 4); err != nil {
		t.Fatal(err)
	}
	if _, err := term.WaitText("数据库暂时连不上", sshsim.Timeout); err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	started = true
	if _, err := term.Answer(plan, 5, 6); err != nil {
		t.Fatal(err)
	}
	if got, want := progress(t, db(t, url), resume), plan.First(6).Answers(ids); !reflect.DeepEqual(got, want) {
		t.Errorf("after the database came back: %v, want %v", got, want)
	}
	if strings.Contains(term.Screen(), "数据库暂时连不上") {
		t.Errorf("the warning stays after a save succeeded:\n%s", term.Screen())
	}
}

// forgeFirstResult raises the first stored result's D1 score to 10, as
// someone with write access to the database might.
func forgeFirstResult(t *testing.T, url string) {
	t.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	var seq int64
	var doc string
	if err := c.QueryRow(ctx, `SELECT seq, doc FROM results ORDER BY seq LIMIT 1`).Scan(&seq, &doc); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(doc), &m); err != nil {
		t.Fatal(err)
	}
	m["dimensions"].([]any)[0].(map[string]any)["score"] = 10.0
	forged, _ := json.Marshal(m)
	if _, err := c.Exec(ctx, `UPDATE results SET doc = $1 WHERE seq = $2`, string(forged), seq); err != nil {
		t.Fatal(err)
	}
}

// The names setting is the session's, not an instance's: an instance
// started without --collect-names on a session another instance serves
// with it is refused, in words, before anyone can join it.
func TestInstancesOfASessionKeepOneNamesSetting(t *testing.T) {
	t.Parallel()
	url := pg.Need(t).Database(t)
	serve(t, url, "--collect-names")
	cmd := exec.Command(bin, "serve", "--data", url, "--code", code, "--listen", "127.0.0.1:0", "--session", "e2e")
	cmd.Env = []string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH"), "LANG=zh_CN.UTF-8"}
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 || !strings.Contains(string(out), "会话 e2e 开始时带 --collect-names（记名）") {
		t.Fatalf("a second instance without --collect-names: %v\n%s", err, out)
	}
}
