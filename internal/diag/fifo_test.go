//go:build unix

package diag_test

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/i18n"
)

// TestReadFileRefusesFIFO: `tangping report x.json` where x.json is a
// FIFO blocked for ever, deaf to Ctrl+C. It is refused at once.
func TestReadFileRefusesFIFO(t *testing.T) {
	t.Parallel()
	p := filepath.Join(t.TempDir(), "x.json")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	within(t, 5*time.Second, func() {
		_, err := diag.ReadFile(p, 1<<20, i18n.EN)
		if err == nil || !strings.Contains(err.Error(), "named pipe (FIFO), not a regular file") {
			t.Errorf("got %v", err)
		}
	})
}
