//go:build !windows

package take

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"

	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/testkit"
)

// bin is the tangping binary, built once for the package.
var bin string

func TestMain(m *testing.M) {
	os.Exit(testkit.RunWithBinary(m, &bin))
}

// home is a private state directory and home for one test.
type home struct {
	t     *testing.T
	dir   string
	state string // $XDG_STATE_HOME/tangping
}

func newHome(t *testing.T) *home {
	d := t.TempDir()
	return &home{t: t, dir: d, state: filepath.Join(d, "state", "tangping")}
}

func (h *home) env(extra ...string) []string {
	return append([]string{
		"HOME=" + h.dir, "XDG_STATE_HOME=" + filepath.Join(h.dir, "state"),
		"PATH=" + os.Getenv("PATH"), "TERM=xterm-256color", "LANG=zh_CN.UTF-8",
	}, extra...)
}

// progress reads the saved progress, or nil when there is none.
func (h *home) progress() map[string]any {
	files, _ := filepath.Glob(filepath.Join(h.state, "progress", "*.json"))
	if len(files) != 1 {
		return nil
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		return nil
	}
	var m map[string]any
	if json.Unmarshal(data, &m) != nil {
		return nil
	}
	return m
}

func (h *home) answered() int {
	p := h.progress()
	if p == nil {
		return 0
	}
	a, _ := p["answers"].(map[string]any)
	return len(a)
}

// results lists the result files written under the state directory.
func (h *home) results() []string {
	files, _ := filepath.Glob(filepath.Join(h.state, "results", "*.json"))
	return files
}

// eventually polls cond until it holds or the deadline passes.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// tty is tangping running in a pseudo-terminal of 80×24.
type tty struct {
	t    testing.TB
	cmd  *exec.Cmd
	f    *os.File
	mu   sync.Mutex
	out  bytes.Buffer
	done chan struct{}
	err  error
}

func startTTY(t testing.TB, env []string, args ...string) *tty {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
	if err != nil {
		t.Fatal(err)
	}
	tt := &tty{t: t, cmd: cmd, f: f, done: make(chan struct{})}
	go func() {
		buf := make([]byte, 4096)
		bg, da := 0, 0
		for {
			n, err := f.Read(buf)
			tt.mu.Lock()
			tt.out.Write(buf[:n])
			// Answer the background-colour (OSC 11) and device-attribute
			// (DA1) queries as a dark xterm does: a program that waits
			// for the answers would otherwise stall until its timeout.
			askedBG := strings.Count(tt.out.String(), "\x1b]11;?")
			askedDA := strings.Count(tt.out.String(), "\x1b[c")
			tt.mu.Unlock()
			for ; bg < askedBG; bg++ {
				_, _ = f.Write([]byte("\x1b]11;rgb:0000/0000/0000\x1b\\"))
			}
			for ; da < askedDA; da++ {
				_, _ = f.Write([]byte("\x1b[?62;22c"))
			}
			if err != nil {
				break
			}
		}
	}()
	go func() {
		tt.err = cmd.Wait()
		close(tt.done)
	}()
	t.Cleanup(func() {
		select {
		case <-tt.done:
		default:
			_ = cmd.Process.Kill()
			<-tt.done
		}
		f.Close()
	})
	return tt
}

// text is everything drawn so far with the escape codes taken out.
func (tt *tty) text() string {
	tt.mu.Lock()
	defer tt.mu.Unlock()
	return ansi.Strip(tt.out.String())
}

func (tt *tty) raw() string {
	tt.mu.Lock()
	defer tt.mu.Unlock()
	return tt.out.String()
}

// waitFor waits until s has been drawn. Only text drawn in one piece (a
// whole new screen, or what is printed after exit) can be waited for
// this way: the renderer redraws only the cells that change.
func (tt *tty) waitFor(s string) {
	tt.t.Helper()
	eventually(tt.t, fmt.Sprintf("%q on screen; screen so far:\n%s", s, tail(tt.text())), func() bool {
		return strings.Contains(tt.text(), s)
	})
}

func tail(s string) string {
	if len(s) > 3000 {
		return s[len(s)-3000:]
	}
	return s
}

func (tt *tty) send(s string) {
	tt.t.Helper()
	if _, err := tt.f.Write([]byte(s)); err != nil {
		tt.t.Fatal(err)
	}
}

// exitCode waits for the program to end.
func (tt *tty) exitCode() int {
	tt.t.Helper()
	select {
	case <-tt.done:
	case <-time.After(20 * time.Second):
		tt.t.Fatalf("tangping did not exit; screen:\n%s", tail(tt.text()))
	}
	if ee, ok := tt.err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	if tt.err != nil {
		tt.t.Fatal(tt.err)
	}
	return 0
}

func readResult(t *testing.T, path string) *result.Result {
	t.Helper()
	r, err := result.Read(path, i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("%s has mode %o, want 600", path, fi.Mode().Perm())
	}
	return r
}

// keys is a questionnaire typed with keys 1–5 cycling; want is what it
// records: raw value = key − 1.
func keys(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteByte(byte('1' + i%5))
	}
	return b.String()
}

func wantRaw(i int) int { return i % 5 }
