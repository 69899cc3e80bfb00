package serve

import (
	"fmt"
	"os"
	"runtime"
	"sync"
	"testing"

	"github.com/tangping-dev/tangping/internal/server"
	"github.com/tangping-dev/tangping/internal/sshsim"
)

// sessionMemory starts the real binary, opens n participants whose
// clients claim a w×h window (the emulated screens are clamped as the
// server clamps, so the test itself stays small) and returns the growth
// of the server's resident memory per session once every welcome screen
// shows, and the server's peak.
func sessionMemory(t testing.TB, n, w, h int) (perSessionKB float64, peakKB int) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	s := serve(t, t.TempDir()+"/data")
	base := rssKB(t, s.cmd.Process.Pid, "VmRSS")
	terms := make([]*sshsim.Terminal, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			term, err := sshsim.OpenClaiming(s.addr, sshsim.Login{Code: code}, nil, w, h,
				min(w, server.MaxWindowWidth), min(h, server.MaxWindowHeight))
			if err == nil {
				_, err = term.Welcome()
			}
			terms[i], errs[i] = term, err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("participant %d (%d×%d): %v", i, w, h, err)
		}
	}
	mid := rssKB(t, s.cmd.Process.Pid, "VmRSS")
	peakKB = rssKB(t, s.cmd.Process.Pid, "VmHWM")
	for _, term := range terms {
		term.Close()
	}
	return float64(mid-base) / float64(n), peakKB
}

// TestHugeWindowsStayWithinTheirCap: clients claiming 5000×5000 (one such
// session took 3.2 GB) cost the server a bounded amount each.
func TestHugeWindowsStayWithinTheirCap(t *testing.T) {
	per, peak := sessionMemory(t, 5, 5000, 5000)
	t.Logf("5000×5000: %.0f KB/session, server peak %d KB", per, peak)
	if per > 8<<10 {
		t.Errorf("a 5000×5000 session costs the server %.0f KB, want under 8 MB", per)
	}
}

// BenchmarkSessionMemory reports the server's memory per session on the
// welcome screen for a usual window, the clamp's size and a 5000×5000
// claim (TANGPING_BENCH_N sessions each, default 20):
//
//	go test -run '^$' -bench SessionMemory -benchtime 1x ./internal/e2e/serve
func BenchmarkSessionMemory(b *testing.B) {
	n := 20
	if v := os.Getenv("TANGPING_BENCH_N"); v != "" {
		fmt.Sscan(v, &n)
	}
	for _, sz := range [][2]int{{80, 24}, {server.MaxWindowWidth, server.MaxWindowHeight}, {5000, 5000}} {
		b.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(b *testing.B) {
			for range b.N {
				per, peak := sessionMemory(b, n, sz[0], sz[1])
				b.ReportMetric(per, "KB/session")
				b.ReportMetric(float64(peak), "peak-KB")
			}
		})
	}
}
