package server

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/testkit"
)

const testCode = "K7M2PQ4X"

// startServer serves a fresh data directory on a loopback port.
func startServer(t testing.TB, cfg Config) *Server {
	t.Helper()
	if cfg.Dir == "" {
		cfg.Dir = filepath.Join(t.TempDir(), "data")
	}
	cfg.Listen = "127.0.0.1:0"
	if cfg.Session == "" {
		cfg.Session = "test"
	}
	if cfg.Code == "" {
		cfg.Code = testCode
	}
	if cfg.Bank == nil {
		cfg.Bank = testkit.DefaultBank(t)
	}
	cfg.JoinHost = "127.0.0.1"
	s, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- s.Serve() }()
	t.Cleanup(func() {
		_ = s.Shutdown(context.Background())
		if err := <-served; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return s
}

// quickWrongCodes answers wrong codes after 50 ms instead of the 2 s a
// real server waits, for tests that check which codes pass, not the pace.
var quickWrongCodes = Limits{WrongDelay: 50 * time.Millisecond, WrongEvery: 10 * time.Millisecond}
