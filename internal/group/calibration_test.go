package group_test

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/group"
	"github.com/tangping-dev/tangping/internal/group/synth"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// TestProtectedFiguresAreCalibrated measures how far the protected
// figures move from the exact ones at n = 10, 40 and 200 (the table in
// docs/privacy.md; go test -run Calibrated -v prints it), and checks that
// the ± a report shows holds the exact value about 90% of the time, as it
// says.
func TestProtectedFiguresAreCalibrated(t *testing.T) {
	t.Parallel()
	b, err := bank.Default(i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	trials := 60
	if testing.Short() {
		trials = 20
	}
	if s := os.Getenv("TANGPING_TRIALS"); s != "" { // docs/privacy.md's table: 150
		trials, _ = strconv.Atoi(s)
	}
	var table []string
	table = append(table, "| n | dimension mean | behaviour mean | prevalence | band share | flag count | within ± (means, prevalence) |")
	for _, n := range []int{10, 40, 200} {
		var dm, bm, pv, bs, fc []float64
		in, all := 0, 0
		within := func(d float64, e *float64) {
			all++
			if e != nil && d <= *e+0.05 {
				in++
			}
		}
		for i := range trials {
			g := synth.New(b, uint64(90000+1000*n+i))
			var rs []*result.Result
			for range n {
				r := g.Next()
				rs = append(rs, &r)
			}
			rep := func(exact bool) *group.Report {
				a := group.New(b, group.Options{Lang: i18n.ZH, Exact: exact})
				for _, r := range rs {
					a.Add(r.ID, r)
				}
				return a.Report()
			}
			ex, pr := rep(true), rep(false)
			for j, d := range pr.Dimensions {
				e := ex.Dimensions[j]
				dm = append(dm, math.Abs(*d.Mean-*e.Mean))
				within(math.Abs(*d.Mean-*e.Mean), d.MeanError)
				for k, c := range d.Bands {
					bs = append(bs, 100*math.Abs(float64(c.Count-e.Bands[k].Count))/float64(n))
				}
			}
			for j, x := range pr.Behaviours {
				e := ex.Behaviours[j]
				bm = append(bm, math.Abs(*x.Mean-*e.Mean))
				within(math.Abs(*x.Mean-*e.Mean), x.MeanError)
				d := math.Abs(*x.Prevalence-*e.Prevalence) * 100
				pv = append(pv, d)
				all++
				if x.PrevalenceError != nil && d <= *x.PrevalenceError*100+0.05 {
					in++
				}
			}
			for j, f := range pr.Validity {
				fc = append(fc, math.Abs(float64(f.Count-ex.Validity[j].Count)))
			}
		}
		share := float64(in) / float64(all)
		table = append(table, fmt.Sprintf("| %d | %s points | %s points | %s points | %s points | %s | %.0f%% |",
			n, spread(dm), spread(bm), spread(pv), spread(bs), spread(fc), share*100))
		if share < 0.85 {
			t.Errorf("n=%d: the exact figure lies within the ± shown %.0f%% of the time; the report promises 90%%", n, share*100)
		}
	}
	t.Logf("protected minus exact, over %d synthetic groups each: median / 90th percentile of |difference|\n%s", trials, strings.Join(table, "\n"))
}

// spread is "median / 90th percentile" of xs.
func spread(xs []float64) string {
	s := slices.Clone(xs)
	slices.Sort(s)
	q := func(p float64) float64 { return s[int(p*float64(len(s)-1))] }
	return fmt.Sprintf("%.1f / %.1f", q(0.5), q(0.9))
}
