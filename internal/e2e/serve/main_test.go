package serve

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/server"
	"github.com/tangping-dev/tangping/internal/sshsim"
	"github.com/tangping-dev/tangping/internal/store"
	"github.com/tangping-dev/tangping/internal/testkit"
)

// bin is the tangping binary, built once for the package.
var bin string

// pg is the package's throwaway PostgreSQL server, started by the first
// test that needs one.
var pg testkit.PGHarness

// pgDurable is the benchmark's server: fsync on, as in production.
var pgDurable = testkit.PGHarness{Durable: true}

// pgOutage is the server the outage tests stop and restart: their own,
// so that the tests on pg run beside them (docs/architecture.md §8).
// outage lets one of them at a time take it down.
var (
	pgOutage testkit.PGHarness
	outage   sync.Mutex
)

// The tests here wait on child processes, frames and a browser, not on
// the CPU: up to eight run at once.
func TestMain(m *testing.M) {
	testkit.WaitingTests(8)
	os.Exit(pg.Run(func() int {
		return pgOutage.Run(func() int {
			return pgDurable.Run(func() int { return testkit.RunWithBinary(m, &bin) })
		})
	}))
}

const code = "K7M2PQ4X"

// served is `tangping serve` running with its output in a pipe (so the
// dashboard is the plain-text one).
type served struct {
	t    testing.TB
	cmd  *exec.Cmd
	dir  string
	home string
	addr string
	out  *sshsim.Buffer
	done chan struct{}
	err  error
}

var portRe = regexp.MustCompile(`ssh -p (\d+) localhost`)

// serve starts `tangping serve --data dir` (a folder or a database URL);
// each has its own HOME, so instances on one database keep separate logs.
func serve(t testing.TB, dir string, args ...string) *served {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "--data", dir, "--code", code, "--listen", "127.0.0.1:0", "--session", "e2e"}, args...)...)
	home := t.TempDir()
	cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "LANG=zh_CN.UTF-8"}
	s := &served{t: t, cmd: cmd, dir: dir, home: home, out: &sshsim.Buffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = s.out, s.out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.err = cmd.Wait(); close(s.done) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-s.done
	})
	s.waitOutput("the join command", portRe.MatchString)
	s.addr = "127.0.0.1:" + portRe.FindStringSubmatch(s.out.String())[1]
	return s
}

// waitOutput polls the server's output until ok holds.
func (s *served) waitOutput(what string, ok func(string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		out := s.out.String()
		if ok(out) {
			return out
		}
		select {
		case <-s.done:
			s.t.Fatalf("tangping serve exited (%v) while waiting for %s:\n%s", s.err, what, out)
		default:
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("timed out waiting for %s:\n%s", what, out)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// exited waits for the process to end and returns its exit code.
func (s *served) exited() int {
	s.t.Helper()
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		s.t.Fatalf("tangping serve did not exit:\n%s", s.out.String())
	}
	return s.cmd.ProcessState.ExitCode()
}

func (s *served) signal(sig syscall.Signal) {
	s.t.Helper()
	if err := s.cmd.Process.Signal(sig); err != nil {
		s.t.Fatal(err)
	}
}

// db opens the server's database as the next start would.
func db(t testing.TB, dir string) store.Store {
	t.Helper()
	st, err := server.OpenData(context.Background(), dir, i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

func progress(t testing.TB, st store.Store, resume string) map[string]int {
	t.Helper()
	p := byCode(t, st, resume)
	if p.Progress == nil {
		return map[string]int{}
	}
	return p.Progress.Answers
}

func itemIDs(t testing.TB) []string {
	b, err := bank.Default(i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(b.Items))
	for i, it := range b.Items {
		ids[i] = it.ID
	}
	return ids
}

// tangping runs the binary to completion and returns its stdout.
func tangping(t testing.TB, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = []string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH"), "LANG=zh_CN.UTF-8"}
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	if err := cmd.Run(); err != nil {
		t.Fatalf("tangping %s: %v\n%s", strings.Join(args, " "), err, e.String())
	}
	return o.String()
}

// byCode reads one participant by the resume code their screen showed
// (ABCDE-FGHJK: the store keeps it without the dash).
func byCode(t testing.TB, st store.Store, resume string) store.Participant {
	t.Helper()
	p, err := st.ByResumeCode(context.Background(), "e2e", strings.ReplaceAll(resume, "-", ""))
	if err != nil {
		t.Fatal(err)
	}
	return p
}
