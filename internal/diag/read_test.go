package diag_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/i18n"
)

// within fails the test when f has not returned after d: the attacks
// below used to hang for ever.
func within(t *testing.T, d time.Duration, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { f(); close(done) }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("still waiting after %v", d)
	}
}

// TestReadFromEndsOnCancel: "-" waiting on a terminal nobody types into
// returns as soon as the command is interrupted.
func TestReadFromEndsOnCancel(t *testing.T) {
	t.Parallel()
	r, w := io.Pipe()
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	within(t, 5*time.Second, func() {
		_, err := diag.ReadFrom(ctx, r, diag.Stdin, 1<<20, i18n.EN)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want context.Canceled", err)
		}
	})
}

func TestReadRegularGivesTheFile(t *testing.T) {
	t.Parallel()
	p := filepath.Join(t.TempDir(), "a.json")
	if err := os.WriteFile(p, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	data, fi, err := diag.ReadRegular(p, 10, i18n.EN)
	st, _ := os.Stat(p)
	if err != nil || string(data) != "{}" || !os.SameFile(fi, st) {
		t.Errorf("got %q, %v, %v", data, fi, err)
	}
	if _, _, err := diag.ReadRegular(p, 1, i18n.EN); err == nil || !strings.Contains(err.Error(), "larger than 1 bytes") {
		t.Errorf("over the limit: %v", err)
	}
	if _, _, err := diag.ReadRegular(filepath.Dir(p), 10, i18n.EN); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Errorf("a folder: %v", err)
	}
}
