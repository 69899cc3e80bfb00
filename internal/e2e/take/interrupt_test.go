//go:build !windows

package take

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// run runs tangping with no terminal, stdin empty, and a deadline: the
// cases below used to hang for ever.
func run(t *testing.T, env []string, args ...string) (code int, out string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = env
	b, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("tangping %s still running after 15 s", strings.Join(args, " "))
	}
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), string(b)
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, string(b)
}

// TestDashOnATerminalEndsOnSignal: `report -` waiting on a terminal
// ignored Ctrl+C and SIGTERM. Both now end it at once with exit 130.
func TestDashOnATerminalEndsOnSignal(t *testing.T) {
	for _, how := range []string{"ctrl+c", "sigterm"} {
		t.Run(how, func(t *testing.T) {
			h := newHome(t)
			tt := startTTY(t, h.env(), "report", "-")
			tt.waitFor("Ctrl+D") // it says it is reading the keyboard
			start := time.Now()
			if how == "ctrl+c" {
				tt.send("\x03") // the terminal turns it into SIGINT
			} else if err := tt.cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			if code := tt.exitCode(); code != 130 {
				t.Errorf("exit %d, want 130; screen:\n%s", code, tt.text())
			}
			if took := time.Since(start); took > 1500*time.Millisecond {
				t.Errorf("took %v to end; the command itself should stop the wait", took)
			}
			// the process may be gone before the pty's last bytes are
			// read: wait for them rather than look once
			tt.waitFor("已中断")
		})
	}
}

// TestFIFOsAreRefusedAtOnce: a FIFO named as a result, or lying among a
// group's files, blocked report and group for ever.
func TestFIFOsAreRefusedAtOnce(t *testing.T) {
	t.Parallel()
	h := newHome(t)
	dir := filepath.Join(h.dir, "results")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "x.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs: %v", err)
	}
	code, out := run(t, h.env(), "report", fifo)
	if code != 2 || !strings.Contains(out, "命名管道") {
		t.Errorf("report FIFO: exit %d\n%s", code, out)
	}
	code, out = run(t, h.env(), "group", dir, "--format", "md")
	if code != 0 || !strings.Contains(out, "x.json") || !strings.Contains(out, "命名管道") {
		t.Errorf("group with a FIFO: exit %d\n%s", code, out)
	}
	code, out = run(t, h.env(), "score", "--answers", fifo)
	if code != 2 || !strings.Contains(out, "命名管道") {
		t.Errorf("score --answers FIFO: exit %d\n%s", code, out)
	}
}

// TestOneTakePerStateFolder: while one take runs, a second on the same
// state folder is refused, names the first and changes nothing; after
// the first is killed with -9 the lock is gone and the progress resumes.
func TestOneTakePerStateFolder(t *testing.T) {
	t.Parallel()
	h, tt := toAboutYou(t)
	tt.send("\t\t\t\r")
	tt.waitFor("第 1/46 题")
	tt.send(keys(3))
	eventually(t, "3 saved answers", func() bool { return h.answered() == 3 })

	code, out := run(t, h.env(), "take", "--accessible", "--anonymous")
	want := fmt.Sprintf("进程 %d", tt.cmd.Process.Pid)
	if code != 1 || !strings.Contains(out, want) {
		t.Errorf("second take: exit %d, want 1 naming %q:\n%s", code, want, out)
	}
	if n := h.answered(); n != 3 {
		t.Errorf("progress changed by the second take: %d answers", n)
	}

	if err := tt.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	tt.exitCode()
	tt = startTTY(t, h.env(), "take")
	tt.waitFor("已答 3/46 题")
}
