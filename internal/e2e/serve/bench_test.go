package serve

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/sshsim"
)

// BenchmarkConcurrentParticipants is the load benchmark of the issue:
// N participants (TANGPING_BENCH_N, default 200) connect to the real
// binary at once and each answers the whole questionnaire, waiting for
// every screen. It reports completion, errors, the time from a key press
// to the next question's screen (p50, p99, max) and the server's memory
// per session (resident set growth of the server process while all are
// connected, divided by N).
//
// Participants read each question for a random 0.5–1.5 s before
// answering (TANGPING_BENCH_THINK=MIN-MAX changes it; 0 answers the
// moment the screen shows). That is faster than people answer (a median
// under 1.5 s raises the too_fast flag), so it is a pessimistic model of
// a room; with 0 the benchmark is a stress test whose latency only says
// how long the queue of 200 instant keys is. Run it with
//
//	go test -run '^$' -bench ConcurrentParticipants -benchtime 1x -timeout 20m ./internal/e2e/serve
func BenchmarkConcurrentParticipants(b *testing.B) {
	n := 200
	if v, err := strconv.Atoi(os.Getenv("TANGPING_BENCH_N")); err == nil && v > 0 {
		n = v
	}
	lo, hi := 500*time.Millisecond, 1500*time.Millisecond
	if v := os.Getenv("TANGPING_BENCH_THINK"); v != "" {
		var err error
		if lo, hi, err = thinkRange(v); err != nil {
			b.Fatal(err)
		}
	}
	ids := itemIDs(b)
	for range b.N {
		dir := filepath.Join(b.TempDir(), "data")
		s := serve(b, dir, "--max-sessions", strconv.Itoa(n+10))
		base := rssKB(b, s.cmd.Process.Pid, "VmRSS")

		var (
			mu      sync.Mutex
			lat     []time.Duration
			done    int
			errs    []string
			atHalf  sync.WaitGroup
			midRSS  int
			release = make(chan struct{})
		)
		atHalf.Add(n)
		start := time.Now()
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				half := sync.OnceFunc(atHalf.Done)
				defer half()
				fail := func(err error) {
					mu.Lock()
					errs = append(errs, err.Error())
					mu.Unlock()
				}
				term, err := sshsim.Open(s.addr, sshsim.Login{Code: code}, map[string]string{"LANG": "zh_CN.UTF-8"})
				if err != nil {
					fail(err)
					return
				}
				defer term.Close()
				if hi > 0 {
					r := rand.New(rand.NewPCG(uint64(i), 7))
					term.Think = func() time.Duration { return lo + time.Duration(r.Int64N(int64(hi-lo)+1)) }
				}
				plan := sshsim.RandomPlan(len(ids), uint64(i))
				if err := term.Start(len(ids)); err != nil {
					fail(err)
					return
				}
				l1, err := term.Answer(plan, 1, len(ids)/2)
				if err != nil {
					fail(err)
					return
				}
				// Everyone on screen at once: measure memory here.
				half()
				<-release
				l2, err := term.Answer(plan, len(ids)/2+1, len(ids))
				if err == nil {
					err = term.Submit()
				}
				mu.Lock()
				lat = append(append(lat, l1...), l2...)
				mu.Unlock()
				if err != nil {
					fail(err)
					return
				}
				mu.Lock()
				done++
				mu.Unlock()
			})
		}
		atHalf.Wait()
		midRSS = rssKB(b, s.cmd.Process.Pid, "VmRSS")
		close(release)
		wg.Wait()
		elapsed := time.Since(start)
		peak := rssKB(b, s.cmd.Process.Pid, "VmHWM")
		s.signal(syscall.SIGTERM)
		s.exited()

		slices.Sort(lat)
		pct := func(p float64) time.Duration {
			if len(lat) == 0 {
				return 0
			}
			return lat[min(len(lat)-1, int(p*float64(len(lat))))]
		}
		perSession := float64(midRSS-base) / float64(n)
		b.ReportMetric(float64(done), "completed")
		b.ReportMetric(float64(len(errs)), "errors")
		b.ReportMetric(float64(pct(0.50).Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(pct(0.99).Microseconds())/1000, "p99-ms")
		b.ReportMetric(perSession, "KB/session")
		b.Logf("N=%d think %v–%v completed=%d errors=%d in %v; key→next screen over %d keys: p50 %v p99 %v max %v; "+
			"server RSS %d KB idle, %d KB with all %d on screen (%.0f KB/session), peak %d KB",
			n, lo, hi, done, len(errs), elapsed.Round(time.Millisecond), len(lat), pct(0.5), pct(0.99), pct(1),
			base, midRSS, n, perSession, peak)
		for i, e := range errs {
			if i == 3 {
				b.Logf("… %d more errors", len(errs)-3)
				break
			}
			b.Logf("error: %s", e)
		}
	}
}

// thinkRange parses "500ms-1500ms", "1s" or "0".
func thinkRange(v string) (lo, hi time.Duration, err error) {
	a, z, found := strings.Cut(v, "-")
	if lo, err = time.ParseDuration(a); err != nil && a != "0" {
		return 0, 0, fmt.Errorf("TANGPING_BENCH_THINK=%q: %w", v, err)
	}
	hi = lo
	if found {
		if hi, err = time.ParseDuration(z); err != nil {
			return 0, 0, fmt.Errorf("TANGPING_BENCH_THINK=%q: %w", v, err)
		}
	}
	return lo, hi, nil
}

// rssKB reads a memory figure of a process from /proc (Linux).
func rssKB(b *testing.B, pid int, field string) int {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Skipf("no /proc on this system: %v", err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return kb
		}
	}
	b.Fatalf("no %s in /proc/%d/status", field, pid)
	return 0
}
