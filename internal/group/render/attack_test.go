package render_test

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/tangping-dev/tangping/internal/group"
	gt "github.com/tangping-dev/tangping/internal/group/grouptest"
	"github.com/tangping-dev/tangping/internal/group/render"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/testkit"
)

// The attacks of docs/privacy.md, run as an audience would: read what a
// report prints, in every format, and try to get one person back. A
// person comes back when the attacker gets more than 2 of the 6 dimension
// or 3 of the 10 behaviour scores within 2.5 points, or more answers
// right than a blind guess plus 10 points (grouptest.ItemLimit). Each
// attack runs over many random synthetic groups, and the tests assert on
// the success rate.

// maxSuccess is the highest share of trials in which the person may come
// back. A blind guess (everyone is average) meets the criteria now and
// then, because a typical person's scores sit near the group's; the tests
// log that baseline beside the attack's rate.
const maxSuccess = 0.10

// TestDifferencingEveryFormat: two reports, on a group and on the same
// group less one person (a late submitter, a file removed), in every
// format, at small and large n (items show from group.MinItemN).
func TestDifferencingEveryFormat(t *testing.T) {
	t.Parallel()
	b := testkit.DefaultBank(t)
	items := len(b.Items)
	trials := 25
	o := group.Options{Lang: i18n.ZH}
	for _, n := range []int{10, 40, 120} {
		type trial struct {
			target *result.Result
			a, b   *group.Report // with and without the target
		}
		var ts []trial
		blindSum, base := 0, 0
		var blind []gt.Recovered
		for i := range trials {
			seed := uint64(1000*n + i)
			rs := gt.Synth(b, seed, n)
			k := rand.New(rand.NewPCG(seed, 1)).IntN(n)
			rest := append(append([]*result.Result{}, rs[:k]...), rs[k+1:]...)
			g := gt.Blind(rs[k], rest)
			blindSum += g.Items
			blind = append(blind, g)
			ts = append(ts, trial{rs[k], gt.Report(b, o, rs), gt.Report(b, o, rest)})
		}
		limit := gt.ItemLimit(float64(blindSum)/float64(trials), items)
		for _, g := range blind {
			if g.Back(limit) {
				base++
			}
		}
		for _, f := range gt.Formats {
			back := 0
			var sum gt.Recovered
			for _, tr := range ts {
				va, err := f.Read(tr.a)
				if err != nil {
					t.Fatal(err)
				}
				vb, err := f.Read(tr.b)
				if err != nil {
					t.Fatal(err)
				}
				got := gt.Difference(tr.target, va, vb, n, nil)
				sum.Items += got.Items
				sum.Dims += got.Dims
				sum.Behs += got.Behs
				if got.Back(limit) {
					back++
				}
			}
			rate := float64(back) / float64(trials)
			t.Logf("%s, n=%d: person back in %d/%d trials (blind guess: %d); mean recovered: %.1f answers, %.2f dimensions, %.2f behaviours",
				f.Name, n, back, trials, base, float64(sum.Items)/float64(trials), float64(sum.Dims)/float64(trials), float64(sum.Behs)/float64(trials))
			if rate > maxSuccess || back > base+trials/20 {
				t.Errorf("%s, n=%d: differencing brings the person back in %.0f%% of trials (at most %.0f%%, and no more than 5 points above the blind guess, allowed)",
					f.Name, n, rate*100, maxSuccess*100)
			}
		}
	}
}

// groupMeans reads each subgroup's dimension and behaviour means, by
// group name, from a JSON report: every other format renders the same
// Report, and JSON gives every figure of every subgroup.
func groupMeans(t *testing.T, r *group.Report) map[string]*gt.View {
	t.Helper()
	var b bytes.Buffer
	if err := render.JSON(&b, r); err != nil {
		t.Fatal(err)
	}
	out, err := gt.ReadGroups(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCrossTabulation: a --by unit and a --by role report of one set,
// and a roster that says who is in which unit and role. The target is the
// only 处长 outside 乙局, and everyone in 乙局 is a 处长: so 处长's total
// minus 乙局's total is the target. Every subgroup has at least K = 5
// people, so the k-anonymity rules show them all.
func TestCrossTabulation(t *testing.T) {
	t.Parallel()
	b := testkit.DefaultBank(t)
	trials := 60
	back, base := 0, 0
	for i := range trials {
		rs := gt.Synth(b, uint64(7000+i), 16)
		set := func(r *result.Result, u, role string) { r.Respondent.Unit, r.Respondent.Role = u, role }
		target := rs[0]
		set(target, "甲局", "处长")
		for j := 1; j <= 5; j++ {
			set(rs[j], "甲局", "科员") // 甲局: the target and five 科员
		}
		for j := 6; j <= 10; j++ {
			set(rs[j], "乙局", "处长") // 乙局: five 处长
		}
		for j := 11; j <= 15; j++ {
			set(rs[j], "丙局", "科员") // 丙局: five 科员
		}
		byUnit := groupMeans(t, gt.Report(b, group.Options{Lang: i18n.ZH, By: group.ByUnit}, rs))
		byRole := groupMeans(t, gt.Report(b, group.Options{Lang: i18n.ZH, By: group.ByRole}, rs))
		role, unit := byRole["处长"], byUnit["乙局"]
		if role == nil || unit == nil {
			t.Fatalf("trial %d: subgroups 处长 and 乙局 are not both shown", i)
		}
		// 6 × mean of 处长 − 5 × mean of 乙局 is the target.
		var got gt.Recovered
		for _, d := range target.Dimensions {
			est := gt.Grid(6*role.Dims[d.Name]-5*unit.Dims[d.Name], d.Items)
			if d.Score != nil && math.Abs(est-*d.Score) <= 2.5 {
				got.Dims++
			}
		}
		for _, x := range target.Behaviours {
			est := gt.Grid(6*role.Behs[x.Name]-5*unit.Behs[x.Name], x.Items)
			if x.Score != nil && math.Abs(est-*x.Score) <= 2.5 {
				got.Behs++
			}
		}
		// No item table per subgroup: only the scales are at stake.
		if got.Back(float64(len(b.Items))) {
			back++
		}
		if gt.Blind(target, rs[1:]).Back(float64(len(b.Items))) {
			base++
		}
	}
	rate := float64(back) / float64(trials)
	t.Logf("cross-tab: person back in %d/%d trials (blind guess: %d)", back, trials, base)
	if rate > maxSuccess {
		t.Errorf("two breakdowns bring the person back in %.0f%% of trials (at most %.0f%% allowed)", rate*100, maxSuccess*100)
	}
}
