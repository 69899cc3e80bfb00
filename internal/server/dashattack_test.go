package server

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/bank"
	gt "github.com/tangping-dev/tangping/internal/group/grouptest"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/store"
	"github.com/tangping-dev/tangping/internal/testkit"
)

var countedRE = regexp.MustCompile(`有效结果 (\d+) 份`)

// TestDashboardAttack watches the projected dashboard as the room does:
// a screen after every completion, and who just finished. The attacker
// takes the screen from before the target finished and the first screen
// that changed after it, and holds the results of everyone else who
// finished in between (colluders), so that only the target is unknown:
// the differencing attack of docs/privacy.md on the dashboard's figures.
// The person must not come back (the criteria of the group report's
// attack tests).
func TestDashboardAttack(t *testing.T) {
	t.Parallel()
	b := testkit.DefaultBank(t)
	const k = 5
	trials := 20
	changedAtOnce := 0
	var got, blind []gt.Recovered
	for i := range trials {
		n := 12 + i%20
		rs := gt.Synth(b, uint64(500+i), n)
		src := &fakeSource{}
		d := detailsPage(b, src, k)
		screens := make([]string, n+1) // screens[j]: after j completions
		for j := 0; j <= n; j++ {
			src.snap = Snapshot{Results: rs[:j]}
			d.Update(d.refresh())
			screens[j] = profileOf(d)
		}
		m := k + i%(n-k) // the target finishes m-th, once the profile shows
		target := rs[m-1]
		before := screens[m-1]
		after := ""
		for j := m; j <= n; j++ {
			if screens[j] != before {
				after = screens[j]
				break
			}
		}
		if after == "" {
			continue // never shown: nothing to attack
		}
		na, nb := counted(after), counted(before)
		if na == m && nb == m-1 {
			changedAtOnce++
		}
		if na < m {
			t.Fatalf("trial %d: the screen after the target counts %d results, fewer than %d", i, na, m)
		}
		var known []*result.Result
		for j := nb; j < na; j++ {
			if j != m-1 {
				known = append(known, rs[j])
			}
		}
		va, vb := gt.ReadText(after), gt.ReadText(before)
		if len(va.Dims) != len(b.Dimensions) || len(va.Behs) != len(b.Behaviours) || (nb >= k && len(vb.Dims) != len(b.Dimensions)) {
			t.Fatalf("trial %d: the attacker reads %d dimensions and %d behaviours off the screen:\n%s", i, len(va.Dims), len(va.Behs), after)
		}
		got = append(got, gt.Difference(target, va, vb, na, known))
		blind = append(blind, gt.Blind(target, append(append([]*result.Result{}, rs[:m-1]...), rs[m:]...)))
	}
	sum := 0
	for _, g := range blind {
		sum += g.Items
	}
	limit := gt.ItemLimit(float64(sum)/float64(max(len(blind), 1)), len(b.Items))
	back, base := 0, 0
	for i := range got {
		if got[i].Back(limit) {
			back++
		}
		if blind[i].Back(limit) {
			base++
		}
	}
	t.Logf("dashboard: person back in %d/%d trials (blind guess: %d); the screen changed on the target's own completion in %d",
		back, trials, base, changedAtOnce)
	if float64(back) > 0.10*float64(trials) {
		t.Errorf("the dashboard gives the person back in %d of %d trials", back, trials)
	}
}

// counted is the number of results a dashboard screen's profile counts,
// or 0 before the profile shows.
func counted(screen string) int {
	m := countedRE.FindStringSubmatch(screen)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// TestDashboardUpdatesOnlyPerBatch: the profile on the trainer's screen
// changes when another K have completed, and at no other completion.
func TestDashboardUpdatesOnlyPerBatch(t *testing.T) {
	t.Parallel()
	b := testkit.DefaultBank(t)
	const k = 4
	rs := gt.Synth(b, 42, 17)
	src := &fakeSource{}
	d := detailsPage(b, src, k)
	prev := ""
	for j := 0; j <= len(rs); j++ {
		src.snap = Snapshot{Results: rs[:j], Counts: store.Counts{Completed: j, Joined: len(rs)}}
		d.Update(d.refresh())
		profile := profileOf(d)
		// Below K the screen says how many have completed, as the counts
		// line does; from K on, the profile moves only per batch.
		if changed := profile != prev; j >= k && changed != (j%k == 0) {
			t.Errorf("after %d completions (K = %d) the profile changed: %v", j, k, changed)
		}
		if j >= k && counted(profile) != j/k*k {
			t.Errorf("after %d completions the profile counts %d, want %d", j, counted(profile), j/k*k)
		}
		if strings.Contains(profile, "Q01") {
			t.Errorf("the dashboard shows item figures")
		}
		prev = profile
	}
}

// detailsPage is a dashboard on a tall screen showing its details page:
// the whole profile, every figure the room can see.
func detailsPage(b *bank.Bank, src Snapshotter, k int) *Dashboard {
	d := NewDashboard(src, info, b, k, "zh")
	d.Update(tea.WindowSizeMsg{Width: 200, Height: 300})
	d.Update(tea.KeyPressMsg{Code: '2', Text: "2"})
	return d
}

// profileOf is the profile on the dashboard's screen, from the report's
// title on (the counts above it change with every completion, as they
// should), or the whole screen before the profile shows.
func profileOf(d *Dashboard) string {
	screen := ansi.Strip(d.View().Content)
	if i := strings.Index(screen, "团体报告"); i >= 0 {
		return screen[i:]
	}
	return screen
}
