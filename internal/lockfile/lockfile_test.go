package lockfile_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/lockfile"
)

func TestLockIsExclusiveAndNamesItsHolder(t *testing.T) {
	t.Parallel()
	p := filepath.Join(t.TempDir(), "x.lock")
	started := time.Date(2026, 5, 1, 9, 30, 0, 0, time.UTC)
	l, err := lockfile.Acquire(p, started)
	if err != nil {
		t.Fatal(err)
	}
	_, err = lockfile.Acquire(p, time.Now())
	var busy *lockfile.BusyError
	if !errors.As(err, &busy) || busy.Holder.PID != os.Getpid() || !busy.Holder.Started.Equal(started) {
		t.Fatalf("second Acquire: %v %+v", err, busy)
	}
	l.Release()
	again, err := lockfile.Acquire(p, time.Now())
	if err != nil {
		t.Fatalf("after Release: %v", err)
	}
	again.Release()
	if st, err := os.Stat(p); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("lock file: %v %v", st.Mode(), err)
	}
}

// TestLockGoesWithAKilledProcess: kill -9 cannot leave a stale lock.
func TestLockGoesWithAKilledProcess(t *testing.T) {
	if os.Getenv("LOCKFILE_HOLD") != "" {
		if _, err := lockfile.Acquire(os.Getenv("LOCKFILE_HOLD"), time.Now()); err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString("held\n")
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	p := filepath.Join(t.TempDir(), "x.lock")
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockGoesWithAKilledProcess$")
	cmd.Env = append(os.Environ(), "LOCKFILE_HOLD="+p)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 5)
	if _, err := out.Read(buf); err != nil || !strings.HasPrefix(string(buf), "held") {
		t.Fatalf("helper: %q %v", buf, err)
	}
	var busy *lockfile.BusyError
	if _, err := lockfile.Acquire(p, time.Now()); !errors.As(err, &busy) || busy.Holder.PID != cmd.Process.Pid {
		t.Fatalf("while held: %v", err)
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	_ = cmd.Wait()
	l, err := lockfile.Acquire(p, time.Now())
	if err != nil {
		t.Fatalf("after kill -9: %v", err)
	}
	l.Release()
}
