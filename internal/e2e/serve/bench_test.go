package serve

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
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
	n, lo, hi := benchLoad(b)
	ids := itemIDs(b)
	for range b.N {
		dir := filepath.Join(b.TempDir(), "data")
		s := serve(b, dir, "--max-sessions", strconv.Itoa(n+10))
		base := rssKB(b, s.cmd.Process.Pid, "VmRSS")
		var midRSS int
		r := drive(b, []string{s.addr}, n, len(ids), lo, hi, func() { midRSS = rssKB(b, s.cmd.Process.Pid, "VmRSS") })
		peak := rssKB(b, s.cmd.Process.Pid, "VmHWM")
		cpu := cpuSeconds(b, s.cmd.Process.Pid)
		s.signal(syscall.SIGTERM)
		s.exited()
		perSession := float64(midRSS-base) / float64(n)
		r.report(b, fmt.Sprintf("N=%d think %v–%v", n, lo, hi))
		b.ReportMetric(perSession, "KB/session")
		b.ReportMetric(cpu, "server-cpu-s")
		b.Logf("server RSS %d KB idle, %d KB with all %d on screen (%.0f KB/session), peak %d KB", base, midRSS, n, perSession, peak)
	}
}

// BenchmarkInstancesOnOneDatabase is the organisation benchmark
// (docs/deployment.md): TANGPING_BENCH_INSTANCES (default 2) instances
// of the real binary share one PostgreSQL database (a throwaway server
// with fsync on, as in production), each with TANGPING_BENCH_N
// participants (default 200), thinking as BenchmarkConcurrentParticipants.
// With TANGPING_BENCH_STORE=sqlite the same total load goes to one
// instance on SQLite, for comparison. It reports completion, errors and
// key → next screen p50/p99, and checks in the database that every
// participant's result holds every answer (0 lost). Run it with
//
//	go test -run '^$' -bench InstancesOnOneDatabase -benchtime 1x -timeout 20m ./internal/e2e/serve
func BenchmarkInstancesOnOneDatabase(b *testing.B) {
	n, lo, hi := benchLoad(b)
	k := 2
	if v, err := strconv.Atoi(os.Getenv("TANGPING_BENCH_INSTANCES")); err == nil && v > 0 {
		k = v
	}
	sqlite := os.Getenv("TANGPING_BENCH_STORE") == "sqlite"
	ids := itemIDs(b)
	for range b.N {
		var data string
		var addrs []string
		var servers []*served
		if sqlite {
			data = filepath.Join(b.TempDir(), "data")
			servers = append(servers, serve(b, data, "--max-sessions", strconv.Itoa(n*k+10)))
		} else {
			data = pgDurable.Need(b).Database(b)
			for range k {
				servers = append(servers, serve(b, data, "--max-sessions", strconv.Itoa(n+10)))
			}
		}
		for _, s := range servers {
			addrs = append(addrs, s.addr)
		}
		// CPU time is the sizing figure that other work on the machine
		// disturbs least: the instances' own, and the database's
		// (postmaster, its live backends and those it has reaped).
		var pids []int
		for _, s := range servers {
			pids = append(pids, s.cmd.Process.Pid)
		}
		dbPID := 0
		if !sqlite {
			dbPID = pgDurable.Need(b).PID()
		}
		inst0, db0 := cpuMS(b, pids...), treeCPUMS(b, dbPID)
		r := drive(b, addrs, n*k, len(ids), lo, hi, nil)
		inst, dbCPU := cpuMS(b, pids...)-inst0, treeCPUMS(b, dbPID)-db0
		for _, s := range servers {
			s.signal(syscall.SIGTERM)
			s.exited()
		}
		// 0 lost: every participant who saw their result screen has a
		// stored result with every answer they gave.
		lost := 0
		st := db(b, data)
		for resume, seed := range r.seed {
			// The screen shows the code as XXXXX-XXXXX; the store keys it
			// without the dash.
			p, err := st.ByResumeCode(context.Background(), "e2e", strings.ReplaceAll(resume, "-", ""))
			if err != nil || p.Result == nil || !reflect.DeepEqual(p.Result.AnswerMap(), sshsim.RandomPlan(len(ids), seed).Answers(ids)) {
				lost++
			}
		}
		done, err := st.Results(context.Background(), "e2e", 0)
		if err != nil {
			b.Fatal(err)
		}
		what := fmt.Sprintf("%d instance(s) on PostgreSQL", len(servers))
		if sqlite {
			what = "1 instance on SQLite"
		}
		r.report(b, fmt.Sprintf("%s, N=%d think %v–%v", what, n*k, lo, hi))
		b.ReportMetric(float64(lost), "lost")
		if lost > 0 {
			b.Errorf("%d of %d participants' stored results lost or changed an answer", lost, len(r.seed))
		}
		answers := float64(max(len(r.lat), 1))
		b.ReportMetric(inst/answers, "instance-cpu-ms/answer")
		b.ReportMetric(dbCPU/answers, "db-cpu-ms/answer")
		b.Logf("CPU: instances %.1f s, database %.1f s, over %d answers", inst/1000, dbCPU/1000, len(r.lat))
		b.Logf("stored results %d, with a lost or changed answer %d", len(done), lost)
	}
}

// load is what drive measured.
type load struct {
	lat     []time.Duration
	done    int
	errs    []string
	elapsed time.Duration
	seed    map[string]uint64 // resume code → the plan's seed, of those who completed
}

// drive connects n participants, spread over addrs in turn, at once;
// each answers the whole questionnaire (items questions) with a random
// plan, thinking lo–hi before each key. atHalf, when not nil, runs once
// every participant is half-way and on screen.
func drive(b *testing.B, addrs []string, n, items int, lo, hi time.Duration, atHalf func()) load {
	var (
		mu      sync.Mutex
		r       = load{seed: map[string]uint64{}}
		half    sync.WaitGroup
		release = make(chan struct{})
	)
	half.Add(n)
	start := time.Now()
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			halfDone := sync.OnceFunc(half.Done)
			defer halfDone()
			fail := func(err error) {
				mu.Lock()
				r.errs = append(r.errs, err.Error())
				mu.Unlock()
			}
			term, err := sshsim.Open(addrs[i%len(addrs)], sshsim.Login{Code: code}, map[string]string{"LANG": "zh_CN.UTF-8"})
			if err != nil {
				fail(err)
				return
			}
			defer term.Close()
			if hi > 0 {
				rnd := rand.New(rand.NewPCG(uint64(i), 7))
				term.Think = func() time.Duration { return lo + time.Duration(rnd.Int64N(int64(hi-lo)+1)) }
			}
			plan := sshsim.RandomPlan(items, uint64(i))
			resume, err := term.Welcome()
			if err != nil {
				fail(err)
				return
			}
			if err := term.Start(items); err != nil {
				fail(err)
				return
			}
			l1, err := term.Answer(plan, 1, items/2)
			if err != nil {
				fail(err)
				return
			}
			halfDone()
			<-release
			l2, err := term.Answer(plan, items/2+1, items)
			if err == nil {
				err = term.Submit()
			}
			mu.Lock()
			r.lat = append(append(r.lat, l1...), l2...)
			mu.Unlock()
			if err != nil {
				fail(err)
				return
			}
			mu.Lock()
			r.done++
			r.seed[resume] = uint64(i)
			mu.Unlock()
		})
	}
	half.Wait()
	if atHalf != nil {
		atHalf()
	}
	close(release)
	wg.Wait()
	r.elapsed = time.Since(start)
	slices.Sort(r.lat)
	return r
}

func (r load) pct(p float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	return r.lat[min(len(r.lat)-1, int(p*float64(len(r.lat))))]
}

// report logs and reports the figures every load benchmark shares.
func (r load) report(b *testing.B, what string) {
	b.ReportMetric(float64(r.done), "completed")
	b.ReportMetric(float64(len(r.errs)), "errors")
	b.ReportMetric(float64(r.pct(0.50).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(r.pct(0.99).Microseconds())/1000, "p99-ms")
	b.Logf("%s: completed=%d errors=%d in %v; key→next screen over %d keys: p50 %v p99 %v max %v",
		what, r.done, len(r.errs), r.elapsed.Round(time.Millisecond), len(r.lat), r.pct(0.5), r.pct(0.99), r.pct(1))
	for i, e := range r.errs {
		if i == 3 {
			b.Logf("… %d more errors", len(r.errs)-3)
			break
		}
		b.Logf("error: %s", e)
	}
}

// benchLoad reads the participants per instance (TANGPING_BENCH_N,
// default 200) and their thinking time (TANGPING_BENCH_THINK, default
// 0.5–1.5 s).
func benchLoad(b *testing.B) (n int, lo, hi time.Duration) {
	n = 200
	if v, err := strconv.Atoi(os.Getenv("TANGPING_BENCH_N")); err == nil && v > 0 {
		n = v
	}
	lo, hi = 500*time.Millisecond, 1500*time.Millisecond
	if v := os.Getenv("TANGPING_BENCH_THINK"); v != "" {
		var err error
		if lo, hi, err = thinkRange(v); err != nil {
			b.Fatal(err)
		}
	}
	return n, lo, hi
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

// cpuMS is the CPU time (user + system) the processes used so far, in
// milliseconds (Linux /proc; clock ticks of 10 ms).
func cpuMS(b *testing.B, pids ...int) float64 {
	total := 0.0
	for _, pid := range pids {
		f := procStat(b, pid)
		total += float64(f[13]+f[14]) * 10
	}
	return total
}

// treeCPUMS is cpuMS of pid, the children it has reaped, and its live
// children (a PostgreSQL server's backends); 0 for pid 0.
func treeCPUMS(b *testing.B, pid int) float64 {
	if pid == 0 {
		return 0
	}
	f := procStat(b, pid)
	total := float64(f[13]+f[14]+f[15]+f[16]) * 10
	dirs, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, d := range dirs {
		data, err := os.ReadFile(d)
		if err != nil {
			continue
		}
		if c := statFields(string(data)); len(c) > 16 && c[3] == int64(pid) {
			total += float64(c[13]+c[14]) * 10
		}
	}
	return total
}

// procStat reads /proc/PID/stat's numeric fields, numbered as proc(5)
// numbers them from 0 (13 utime, 14 stime, 15 cutime, 16 cstime).
func procStat(b *testing.B, pid int) []int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Skipf("no /proc on this system: %v", err)
	}
	return statFields(string(data))
}

func statFields(stat string) []int64 {
	// The command name (field 1) may hold spaces; it ends at the last ')'.
	i := strings.LastIndex(stat, ")")
	if i < 0 {
		return nil
	}
	out := []int64{0, 0}
	for f := range strings.FieldsSeq(stat[i+1:]) {
		v, _ := strconv.ParseInt(f, 10, 64)
		out = append(out, v)
	}
	return out
}

// cpuSeconds is the CPU time (user and system) a process has used, from
// /proc (Linux; clock ticks of 1/100 s).
func cpuSeconds(b testing.TB, pid int) float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Skipf("no /proc on this system: %v", err)
	}
	// The fields after the command name, which is in parentheses.
	f := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+2:]))
	utime, _ := strconv.Atoi(f[11])
	stime, _ := strconv.Atoi(f[12])
	return float64(utime+stime) / 100
}

// rssKB reads a memory figure of a process from /proc (Linux).
func rssKB(b testing.TB, pid int, field string) int {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Skipf("no /proc on this system: %v", err)
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return kb
		}
	}
	b.Fatalf("no %s in /proc/%d/status", field, pid)
	return 0
}
