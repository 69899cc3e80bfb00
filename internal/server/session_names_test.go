package server

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/tangping-dev/tangping/internal/testkit"
)

// A session keeps the names setting it started with: participants were
// told on their welcome screen, so a restart (or, on a shared database,
// another instance) with the other setting is refused.
func TestSessionKeepsItsNamesSetting(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data")
	s := startServer(t, Config{Dir: dir, Session: "s", CollectNames: true})
	if err := s.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	cfg := Config{Dir: dir, Session: "s", Code: testCode, Bank: testkit.DefaultBank(t), Listen: "127.0.0.1:0"}
	_, err := Open(cfg)
	var nm *NamesMismatch
	if !errors.As(err, &nm) || !nm.Kept || nm.Session != "s" {
		t.Fatalf("reopening a names session without names: %v; want NamesMismatch", err)
	}
	cfg.CollectNames = true
	again, err := Open(cfg)
	if err != nil {
		t.Fatalf("reopening with the same setting: %v", err)
	}
	_ = again.Shutdown(context.Background())
}
