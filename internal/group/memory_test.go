package group_test

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/group"
	"github.com/tangping-dev/tangping/internal/group/synth"
	"github.com/tangping-dev/tangping/internal/i18n"
)

// What group keeps per result counted is the one thing that grows with
// the number of files (100,000 files must stay under 100 MB,
// docs/performance.md). Each counted result keeps its six dimension
// scores, its digest, and what finds a later copy of it: its id, its
// sitting and its file name. With the id and the file name kept as
// strings in two maps it was 355 bytes; now about 215, and the bound is
// 280.
func TestMemoryPerResultCounted(t *testing.T) {
	bk, err := bank.Default(i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	g := synth.New(bk, 7)
	base := g.Next()
	const n = 20_000
	agg := group.New(bk, group.Options{Lang: i18n.ZH})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := range n {
		r := base
		// A distinct result as group reads them: its own id, sitting
		// and file name, strings of its own.
		r.ID = fmt.Sprintf("%08x-1f2e-4d3c-8b7a-%012x", i, i*7919)
		r.CompletedAt = base.CompletedAt.Add(time.Duration(i) * time.Second)
		agg.Add(fmt.Sprintf("/data/session-2026-05-14/d%03d/result-%08d.json", i/1000, i), &r)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(agg)
	per := float64(after.HeapAlloc-before.HeapAlloc) / n
	t.Logf("%.0f bytes kept per result counted", per)
	if per > 280 {
		t.Errorf("group keeps %.0f bytes per result counted, want at most 280", per)
	}
	if rep := agg.Report(); rep.Files != n || len(rep.Duplicates) != 0 {
		t.Fatalf("counted %d files with %d duplicates, want %d distinct", rep.Files, len(rep.Duplicates), n)
	}
}
