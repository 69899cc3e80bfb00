package serve

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/sshsim"
	"github.com/tangping-dev/tangping/internal/store"
	"github.com/tangping-dev/tangping/internal/testkit"
	"github.com/tangping-dev/tangping/internal/web"
	"github.com/tangping-dev/tangping/internal/web/webtest"
)

var webRe = regexp.MustCompile(`http://localhost:(\d+)`)

// webBase is the address of the server's web face, from its
// announcement.
func (s *served) webBase() string {
	s.t.Helper()
	s.waitOutput("the web address", webRe.MatchString)
	return "http://127.0.0.1:" + webRe.FindStringSubmatch(s.out.String())[1]
}

// answersOf is a stored result's answers.
func answersOf(p store.Participant) map[string]int {
	out := map[string]int{}
	if p.Result != nil {
		for _, a := range p.Result.Answers {
			if a.Value != nil {
				out[a.Item] = *a.Value
			}
		}
	}
	return out
}

// TestPhonesAndTerminalsInOneSession is the "done when": twenty
// phones and twenty SSH participants complete one session together. Of
// the phones, chromiumPhones are real Chromium tabs at phone size (each
// its own browser context, as twenty phones are twenty browsers) and the
// rest are HTTP clients posting the same forms; without Chromium all are
// HTTP clients. By default one is Chromium: each costs about 6 CPU
// seconds (Chromium spends some 0.1 s of CPU per page here), and the
// phone face is driven in depth in Chromium by internal/web's
// TestInChromium; TANGPING_CHROMIUM_PHONES=20 drives all twenty. The dashboard counts
// forty, every stored answer is the one given, and serve export and
// group --data agree.
func TestPhonesAndTerminalsInOneSession(t *testing.T) {
	t.Parallel()
	const terminals, phones = 20, 20
	chromiumPhones := 1
	if v, err := strconv.Atoi(os.Getenv("TANGPING_CHROMIUM_PHONES")); err == nil && v >= 0 {
		chromiumPhones = min(v, phones)
	}
	dir := filepath.Join(t.TempDir(), "data")
	s := serve(t, dir, "--http", "127.0.0.1:0", "--min-group", "5")
	base := s.webBase()
	ids := itemIDs(t)
	var browser context.Context
	if _, err := os.Stat(testkit.ChromiumPath()); err == nil {
		browser = testkit.Browser(t)
	} else {
		t.Logf("no Chromium at %s: all %d phones are HTTP clients", testkit.ChromiumPath(), phones)
	}
	var tabs []context.Context
	if browser != nil {
		for range chromiumPhones {
			tabs = append(tabs, testkit.Phone(t, browser, true))
		}
	}

	var mu sync.Mutex
	want := map[string]map[string]int{} // resume code → answers given
	var errs []error
	done := func(resume string, plan sshsim.Plan, err error) {
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			errs = append(errs, err)
			return
		}
		want[resume] = plan.Answers(ids)
	}
	var wg sync.WaitGroup
	for i := range terminals {
		wg.Go(func() {
			plan := sshsim.RandomPlan(len(ids), uint64(1000+i))
			term, err := sshsim.Open(s.addr, sshsim.Login{Code: code}, map[string]string{"LANG": "zh_CN.UTF-8"})
			if err != nil {
				done("", plan, err)
				return
			}
			defer term.Close()
			resume, _, err := term.Take(plan)
			done(resume, plan, err)
		})
	}
	for i := range phones {
		wg.Go(func() {
			plan := sshsim.RandomPlan(len(ids), uint64(2000+i))
			if i < len(tabs) {
				resume, err := webtest.CompleteInChromium(tabs[i], web.JoinAddress(false, "127.0.0.1", portOfBase(base), code), plan.Values)
				done(resume, plan, err)
				return
			}
			p := webtest.New(base)
			err := p.Join(code)
			var resume string
			if err == nil {
				if resume, err = p.ResumeCode(); err == nil {
					_, err = p.Complete(plan.Values)
				}
			}
			done(resume, plan, err)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if len(want) != terminals+phones {
		t.Fatalf("%d participants completed, want %d", len(want), terminals+phones)
	}

	// The trainer's dashboard counts forty: joined and completed.
	s.waitOutput("forty completed", func(o string) bool { return strings.Contains(o, "已完成 40 · 共 40 人") })

	// Every answer stored is the one given, for each of the forty.
	st := db(t, dir)
	for resume, answers := range want {
		got := answersOf(byCode(t, st, resume))
		if len(got) != len(answers) {
			t.Errorf("%s: %d answers stored, %d given", resume, len(got), len(answers))
		}
		for id, v := range answers {
			if got[id] != v {
				t.Errorf("%s %s: stored %d, given %d", resume, id, got[id], v)
			}
		}
	}

	// serve export and group --data agree: the protected report is the
	// same document, and group over the exported result files gives the
	// figures of group --data.
	reports := filepath.Join(t.TempDir(), "reports")
	tangping(t, "serve", "export", "--data", dir, "--min-group", "5", reports)
	page, err := os.ReadFile(filepath.Join(reports, "group.html"))
	if err != nil {
		t.Fatal(err)
	}
	if html := tangping(t, "group", "--data", dir, "--min-group", "5", "--format", "html"); string(page) != html || !strings.Contains(html, "有效结果 40 份") {
		t.Errorf("export's group.html is not group --data's report over 40 results")
	}
	exported := filepath.Join(t.TempDir(), "results")
	tangping(t, "serve", "export", "--results", "--data", dir, exported)
	if files, _ := filepath.Glob(filepath.Join(exported, "*.json")); len(files) != 40 {
		t.Errorf("exported %d result files, want 40", len(files))
	}
	if a, b := tangping(t, "group", exported, "--min-group", "5", "--format", "json"), tangping(t, "group", "--data", dir, "--min-group", "5", "--format", "json"); a != b {
		t.Errorf("group on the exported files differs from group --data")
	}
	s.signal(syscall.SIGTERM)
	s.exited()
}

func portOfBase(base string) int {
	p, _ := strconv.Atoi(base[strings.LastIndexByte(base, ':')+1:])
	return p
}

// BenchmarkWebParticipants is the phone face's load benchmark: N
// participants (TANGPING_BENCH_N, default 200) join the real binary over
// HTTP on loopback at once and each answers the whole questionnaire,
// reading each question for TANGPING_BENCH_THINK (default 0.5–1.5 s; 0
// answers at once, a stress test). An answer's time is the tap to the
// next page: the POST, its 303 and the GET of the next question. It
// reports completion, errors, p50 and p99, and checks in the database
// that every participant's result holds every answer given. Run it with
//
//	go test -run '^$' -bench WebParticipants -benchtime 1x -timeout 20m ./internal/e2e/serve
func BenchmarkWebParticipants(b *testing.B) {
	n, lo, hi := benchLoad(b)
	ids := itemIDs(b)
	for range b.N {
		dir := filepath.Join(b.TempDir(), "data")
		s := serve(b, dir, "--http", "127.0.0.1:0", "--max-sessions", strconv.Itoa(n+10))
		base := s.webBase()
		var (
			mu   sync.Mutex
			r    = load{seed: map[string]uint64{}}
			wg   sync.WaitGroup
			gate = make(chan struct{})
		)
		start := time.Now()
		for i := range n {
			wg.Go(func() {
				p := webtest.New(base)
				if hi > 0 {
					rnd := rand.New(rand.NewPCG(uint64(i), 7))
					p.Think = func() time.Duration { return lo + time.Duration(rnd.Int64N(int64(hi-lo)+1)) }
				}
				plan := sshsim.RandomPlan(len(ids), uint64(i))
				err := p.Join(code)
				<-gate // every participant has joined: they answer at once
				var lat []time.Duration
				var resume string
				if err == nil {
					if resume, err = p.ResumeCode(); err == nil {
						lat, err = p.Complete(plan.Values)
					}
				}
				mu.Lock()
				defer mu.Unlock()
				r.lat = append(r.lat, lat...)
				if err != nil {
					r.errs = append(r.errs, err.Error())
					return
				}
				r.done++
				r.seed[resume] = uint64(i)
			})
		}
		time.Sleep(100 * time.Millisecond)
		close(gate)
		wg.Wait()
		r.elapsed = time.Since(start)
		slices.Sort(r.lat)
		cpu := cpuSeconds(b, s.cmd.Process.Pid)
		r.report(b, fmt.Sprintf("web N=%d think %v–%v", n, lo, hi))
		b.ReportMetric(cpu, "server-cpu-s")
		st := db(b, dir)
		lost := 0
		for resume, seed := range r.seed {
			given := sshsim.RandomPlan(len(ids), seed).Answers(ids)
			got := answersOf(byCode(b, st, resume))
			for id, v := range given {
				if got[id] != v {
					lost++
				}
			}
			if len(got) != len(given) {
				lost++
			}
		}
		b.ReportMetric(float64(lost), "wrong-answers")
		if lost > 0 || r.done != n {
			b.Errorf("%d of %d completed; %d answers stored wrong or missing", r.done, n, lost)
		}
		s.signal(syscall.SIGTERM)
		s.exited()
	}
}
