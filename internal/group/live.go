package group

import (
	"fmt"
	"math/bits"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/result"
)

// Live is the profile serve's live dashboard shows (docs/privacy.md): the
// protected figures of results in completion order, counting only whole
// batches of batch results, so that the profile changes only when a batch
// completes and never on one person's completion. Its figures come from
// the binary-tree mechanism of continual release: the batches are split
// into dyadic blocks (batches 0–3, 4–5, 6, say), each block's totals get
// their own noise, seeded by the block's results, and the profile is
// their sum. A person's results thus enter at most ⌊log₂ T⌋+1 noisy
// blocks over T batches, however often the dashboard updates. It shows
// no item table and no subgroups.
func Live(b *bank.Bank, o Options, results []*result.Result, batch int) *Report {
	o.Exact, o.By = false, ByNone
	batch = max(batch, 1)
	t := len(results) / batch
	use := results[:t*batch]
	a := New(b, o)
	for _, r := range use {
		a.Add("result-"+r.ID+".json", r)
	}
	blocks := dyadic(t)
	for _, key := range a.order {
		s := a.sections[key]
		var sum *tally
		for _, blk := range blocks {
			part := newSection(s.inst, s.bank, o.Lang, "")
			for _, r := range use[blk[0]*batch : blk[1]*batch] {
				if r.Instrument.ID+"\x00"+r.Instrument.Version == key {
					part.add(r, "")
				}
			}
			g := part.groups[""]
			if g == nil {
				continue
			}
			// Scales the block has not seen yet (results without a bank)
			// line up with the whole section's.
			part.dims, part.behs, part.items = s.dims, s.behs, s.items
			tl := part.exactTally(g, false)
			part.addNoise(&tl, setSeed(g.digests))
			if sum == nil {
				sum = &tl
			} else {
				sum.add(tl)
			}
		}
		if sum != nil {
			s.live = &liveTally{t: *sum, releases: len(blocks)}
		}
	}
	rep := a.Report()
	if rep.Protection.Mode == ModeProtected && t > 0 {
		levels := bits.Len(uint(t)) // ⌊log₂ t⌋ + 1
		eps := 0.0
		for _, s := range a.sections {
			eps = max(eps, s.epsilon(false, false)*float64(levels))
		}
		rep.Protection.Epsilon = eps
		rep.Protection.Releases = len(blocks)
		rep.Protection.Live = true
		rep.Protection.Batch = batch
		rep.Protection.MinItemN = 0
		rep.Protection.Note = protectionNote(eps, len(blocks), o.Lang) + liveNote(batch, o)
	}
	return rep
}

// liveTally is a section's live profile: noisy totals summed over
// releases blocks.
type liveTally struct {
	t        tally
	releases int
}

// dyadic splits batches 0…t−1 into blocks [i, i+2^k) aligned on their
// size, largest first: 0–3, 4–5, 6 for t = 7.
func dyadic(t int) [][2]int {
	var out [][2]int
	for i := 0; i < t; {
		p := 1
		for i%(2*p) == 0 && i+2*p <= t {
			p *= 2
		}
		out = append(out, [2]int{i, i + p})
		i += p
	}
	return out
}

func liveNote(batch int, o Options) string {
	return o.Lang.T(fmt.Sprintf(" 实时画像每满 %d 人完成才更新一次，不含题目统计。", batch),
		fmt.Sprintf(" The live profile changes only when another %d have completed, and shows no item figures.", batch))
}
