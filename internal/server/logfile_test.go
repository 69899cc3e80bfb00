package server

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeLogIsCapped: a flood of log lines (18k connections once added
// 1.7 MB in 5 s, without end) keeps serve.log and its one predecessor
// under the cap each, and the newest lines are in serve.log.
func TestServeLogIsCapped(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, LogFile)
	l, err := openLog(path, 10_000)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Repeat("x", 90) + "\n"
	for i := range 5000 {
		if _, err := l.Write([]byte(line)); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
	}
	if _, err := l.Write([]byte("last\n")); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + ".1"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Size() > 10_000 || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %d bytes, mode %o; want at most 10000, 0600", p, fi.Size(), fi.Mode().Perm())
		}
	}
	if data, _ := os.ReadFile(path); !strings.HasSuffix(string(data), "last\n") {
		t.Error("the newest line is not at the end of serve.log")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("%d files in the directory, want serve.log and serve.log.1", len(entries))
	}
}
