//go:build linux

package result_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/tangping-dev/tangping/internal/result"
)

// TestTempFileStaysInTheTargetFolder: the atomic writer used to put its
// temporary file in $TMPDIR whenever that was on the same file system, so
// a kill -9 left a person's answers outside the private state folder.
// inotify watches $TMPDIR while a result is written elsewhere.
func TestTempFileStaysInTheTargetFolder(t *testing.T) {
	base := t.TempDir()
	tmp := filepath.Join(base, "tmp")
	target := filepath.Join(base, "state", "r.json")
	if err := os.MkdirAll(tmp, 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TMPDIR", tmp)
	fd, err := unix.InotifyInit1(unix.IN_NONBLOCK | unix.IN_CLOEXEC)
	if err != nil {
		t.Skipf("no inotify: %v", err)
	}
	defer unix.Close(fd)
	if _, err := unix.InotifyAddWatch(fd, tmp, unix.IN_CREATE|unix.IN_MOVED_FROM); err != nil {
		t.Skipf("inotify: %v", err)
	}
	if err := result.WriteAtomic(target, []byte("{}\n")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 4096)
	if n, _ := unix.Read(fd, buf); n > 0 {
		t.Errorf("the writer created a file in $TMPDIR (%d bytes of inotify events)", n)
	}
	entries, _ := os.ReadDir(filepath.Dir(target))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "r.json" {
		t.Errorf("target folder holds %v", names)
	}
}
