package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeLogStaysUnderItsCap: serve's log, flooded with 12 MiB of
// connection events, takes at most twice its cap on disk (it grew
// without end: 18k connections added 1.7 MB in 5 s).
func TestServeLogStaysUnderItsCap(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	logger, f, err := openServeLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	for range 12 << 10 {
		logger.Info("connection refused", "addr", "192.0.2.1", "reason", strings.Repeat("x", 960))
	}
	f.Close()
	var total int64
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		fi, err := os.Stat(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		total += fi.Size()
	}
	if total > 10<<20 {
		t.Errorf("the log takes %d bytes on disk, want at most 10 MiB", total)
	}
}
