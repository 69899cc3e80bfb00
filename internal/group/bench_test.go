package group_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/group"
	"github.com/tangping-dev/tangping/internal/group/collect"
	"github.com/tangping-dev/tangping/internal/group/synth"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/verify"
)

// BenchmarkGroupFiles aggregates result files the way tangping group does:
// walk, read, decode and verify every file through a verify.Verifier with
// the parallel reader, add to one aggregator, build the report. It uses 2,000 files;
// TANGPING_BENCH_N=100000 runs the full-size benchmark (generating the
// files takes about half a minute and is not timed):
//
//	TANGPING_BENCH_N=100000 go test -run '^$' -bench GroupFiles -benchtime 1x \
//	    -cpuprofile cpu.out ./internal/group
//
// bench/group/run.sh measures the built binary's wall time and peak RSS.
func BenchmarkGroupFiles(b *testing.B) {
	n := 2000
	if s := os.Getenv("TANGPING_BENCH_N"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	bk, err := bank.Default(i18n.ZH)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	g := synth.New(bk, 1)
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("batch%03d", i/1000))
		if i%1000 == 0 {
			if err := os.MkdirAll(sub, 0o700); err != nil {
				b.Fatal(err)
			}
		}
		r := g.Next()
		data, _ := result.Encode(&r)
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("r%06d.json", i)), data, 0o600); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	var peak uint64
	for b.Loop() {
		start := time.Now()
		agg := group.New(bk, group.Options{Lang: i18n.ZH, By: group.ByUnit})
		v := &verify.Verifier{Banks: bank.NewRegistry(i18n.ZH), Lang: i18n.ZH}
		read := func(path string) (*result.Result, error) {
			r, _, err := v.Read(path)
			return r, err
		}
		err := collect.Read(context.Background(), []string{dir}, collect.Options{Lang: i18n.ZH, Read: read},
			func(path string, r *result.Result, err error) error {
				if err != nil {
					agg.Skip(path, collect.Reason(err))
				} else {
					agg.Add(path, r)
				}
				return nil
			})
		if err != nil {
			b.Fatal(err)
		}
		if rep := agg.Report(); rep.N != n {
			b.Fatalf("n = %d, want %d", rep.N, n)
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapSys)
		b.ReportMetric(float64(time.Since(start).Microseconds())/float64(n), "µs/file")
	}
	b.ReportMetric(float64(peak)/(1<<20), "MB-heap-sys")
}

// BenchmarkAggregatorAdd is the statistics core alone, without files:
// what each result costs the aggregator (and the live dashboard).
func BenchmarkAggregatorAdd(b *testing.B) {
	bk, err := bank.Default(i18n.ZH)
	if err != nil {
		b.Fatal(err)
	}
	g := synth.New(bk, 1)
	rs := make([]result.Result, 1000)
	for i := range rs {
		rs[i] = g.Next()
	}
	agg := group.New(bk, group.Options{Lang: i18n.ZH, By: group.ByUnit})
	i := 0
	for b.Loop() {
		r := rs[i%len(rs)]
		r.ID = strconv.Itoa(i)
		agg.Add("x.json", &r)
		i++
	}
}
