package group

import (
	"fmt"
	"math"
	"sort"

	"github.com/tangping-dev/tangping/internal/i18n"
)

// The protected release (docs/privacy.md). A protected report shows
// only figures computed from noisy totals:
//
//   - each dimension's and behaviour's sum of scores gets discrete
//     Laplace noise, and its mean is that sum over the (noisy) number of
//     results with a score;
//   - each scale's counts by band (and "no score") get geometric noise,
//     and so do the counts of each validity flag; the counts are then
//     made whole and non-negative, adding up to n;
//   - item tables show only when n ≥ MinItemN, their counts noisy too;
//   - there is no median, minimum, maximum, standard deviation or
//     Cronbach's alpha: the first three are one or two people's scores,
//     and alpha is exact item-covariance data.
//
// Budgets are per figure, for "one person's answers replaced by any
// others" (n itself is shown exactly: who took part is known in a room).
// A sum of scores in tenths (centred on 50) moves by at most 1000 when one person's
// answers change, a count by 1, a table of counts by 2 in all (one cell
// down, another up).
const (
	EpsilonMean  = 4.0 // each scale's sum of scores: Laplace noise of scale 25 points
	EpsilonBands = 2.0 // each scale's counts by band
	EpsilonFlag  = 1.0 // each validity flag's count
	EpsilonItem  = 0.5 // each item's counts by answer
	// MinItemN is the smallest group whose item table a protected report
	// shows.
	MinItemN = 100
	// Confidence is how often the true figure lies within the ± shown.
	Confidence = 0.9
)

const (
	sensSum   = 1000 // a score in tenths of a point, 0–100
	sensTable = 2
	sensCount = 1
)

func geoAlpha(eps, sens float64) float64 { return math.Exp(-eps / sens) }

// Protection describes how the report's figures are protected. JSON is a
// contract (docs/privacy.md): add fields, don't rename them.
type Protection struct {
	// Mode is "protected" (noisy figures, the default) or "exact" (the
	// trainer's own eyes only).
	Mode string `json:"mode"`
	// Epsilon is the report's ε for one person: the sum of the budgets of
	// every figure about them in this report (whole group, their
	// subgroup, items). 0 in exact mode.
	Epsilon float64 `json:"epsilon"`
	// Budgets are the ε of each kind of figure.
	Budgets *Budgets `json:"budgets,omitempty"`
	// MinItemN is the smallest n whose item table is shown.
	MinItemN int `json:"min_item_n,omitempty"`
	// Confidence: the ± figures hold the true value this often.
	Confidence float64 `json:"confidence,omitempty"`
	// Releases is how many noisy releases make up each figure: 1 for a
	// report, more on serve's live dashboard (docs/privacy.md).
	Releases int `json:"releases,omitempty"`
	// Live marks serve's live profile, which changes only when another
	// Batch results have completed and shows no item table.
	Live  bool `json:"live,omitempty"`
	Batch int  `json:"batch,omitempty"`
	// Note says it in plain words, in the report's language.
	Note string `json:"note"`
}

// Budgets are the ε of each figure of a protected release.
type Budgets struct {
	Mean  float64 `json:"mean"`
	Bands float64 `json:"bands"`
	Flag  float64 `json:"flag"`
	Item  float64 `json:"item"`
}

// tally is what a protected release adds noise to: the exact totals of
// one group of results, then the same totals with noise (summed over
// several releases on the dashboard).
type tally struct {
	n      int
	flags  []float64 // knownFlags, then "any flag"
	scales []scaleTally
	items  [][]float64 // per item: missing, then answers 0–4; nil when not released
}

// scaleTally is one dimension or behaviour: the sum of scores' distances
// from 50 in tenths,
// and the counts of its cells (see cells).
type scaleTally struct {
	tenths float64
	cells  []float64
}

// cells lays out a scale's counts: "no score", then each band; for a
// behaviour whose flag line is not a band boundary, each band twice
// (unflagged, flagged).
func (d scaleDef) cells(acc *scaleAcc, n int) []float64 {
	k := max(len(d.labels), len(acc.bands))
	split := d.flagFrom == 0
	out := []float64{float64(n - acc.m.n)}
	for b := range k {
		c, f := 0, 0
		if b < len(acc.bands) {
			c, f = acc.bands[b], acc.flaggedIn[b]
		}
		if split {
			out = append(out, float64(c-f), float64(f))
		} else {
			out = append(out, float64(c))
		}
	}
	return out
}

// exactTally is g's totals; items only when asked.
func (s *section) exactTally(g *statsAcc, items bool) tally {
	g.grow(s)
	t := tally{n: g.n}
	for _, f := range knownFlags {
		t.flags = append(t.flags, float64(g.flags[f]))
	}
	t.flags = append(t.flags, float64(g.anyF))
	for i, d := range s.dims {
		t.scales = append(t.scales, scaleTally{float64(g.dims[i].tenths), d.cells(&g.dims[i], g.n)})
	}
	for i, d := range s.behs {
		t.scales = append(t.scales, scaleTally{float64(g.behs[i].tenths), d.cells(&g.behs[i], g.n)})
	}
	if items {
		for _, it := range s.items {
			c := []float64{0}
			answered := 0
			for _, x := range it.counts {
				c = append(c, float64(x))
				answered += x
			}
			c[0] = float64(g.n - answered)
			t.items = append(t.items, c)
		}
	}
	return t
}

// addNoise adds one release's noise to t, drawn from the seed of the
// set t counts. Each figure has its own generator, named by what it is,
// so that a figure's noise does not depend on which other figures are
// shown.
func (s *section) addNoise(t *tally, seed digest) {
	z := newNoise(seed)
	aSum, aTab := geoAlpha(EpsilonMean, sensSum), geoAlpha(EpsilonBands, sensTable)
	aFlag, aItem := geoAlpha(EpsilonFlag, sensCount), geoAlpha(EpsilonItem, sensTable)
	for i := range t.flags {
		name := "any"
		if i < len(knownFlags) {
			name = knownFlags[i]
		}
		t.flags[i] += float64(geometric2(z.rng("flag/"+name), aFlag))
	}
	ids := s.scaleIDs()
	for i := range t.scales {
		sc := &t.scales[i]
		sc.tenths += float64(geometric2(z.rng("sum/"+ids[i]), aSum))
		rng := z.rng("cells/" + ids[i])
		for c := range sc.cells {
			sc.cells[c] += float64(geometric2(rng, aTab))
		}
	}
	for i := range t.items {
		rng := z.rng("item/" + s.items[i].id)
		for c := range t.items[i] {
			t.items[i][c] += float64(geometric2(rng, aItem))
		}
	}
}

func (s *section) scaleIDs() []string {
	var out []string
	for _, d := range s.dims {
		out = append(out, "D:"+d.id)
	}
	for _, d := range s.behs {
		out = append(out, "B:"+d.id)
	}
	return out
}

// add sums another release's noisy totals into t (serve's dashboard).
func (t *tally) add(o tally) {
	t.n += o.n
	for i := range o.flags {
		t.flags[i] += o.flags[i]
	}
	for i := range o.scales {
		t.scales[i].tenths += o.scales[i].tenths
		for c := range o.scales[i].cells {
			t.scales[i].cells[c] += o.scales[i].cells[c]
		}
	}
	for i := range o.items {
		for c := range o.items[i] {
			t.items[i][c] += o.items[i][c]
		}
	}
}

// estimate turns noisy totals, the sum of m releases, into the figures a
// protected report shows, with their ± at Confidence.
func (s *section) estimate(t tally, m int, l i18n.Lang) (Stats, []Item) {
	st := Stats{N: t.n}
	hSum := halfWidth90(geoAlpha(EpsilonMean, sensSum), m) / 10
	hNone := halfWidth90(geoAlpha(EpsilonBands, sensTable), m) // the "no score" cell
	aTab := geoAlpha(EpsilonBands, sensTable)
	hTab := halfWidth90(aTab, m)
	hFlag := halfWidth90(geoAlpha(EpsilonFlag, sensCount), m)
	hItem := halfWidth90(geoAlpha(EpsilonItem, sensTable), m)
	for i, f := range knownFlags {
		c := clampCount(t.flags[i], t.n)
		st.Validity = append(st.Validity, FlagCount{Flag: f, Label: flagLabel(f, l), Count: c, Error: hFlag})
	}
	st.AnyFlag = clampCount(t.flags[len(knownFlags)], t.n)
	st.AnyFlagError = hFlag
	for i, d := range s.dims {
		sc := t.scales[i]
		cells := project(sc.cells, t.n)
		out := Dimension{ID: d.id, Name: d.name, N: t.n - cells[0], Bands: bandCounts(d.labels, cells[1:]), BandsError: new(hTab)}
		out.Mean, out.MeanError = noisyMean(sc.tenths, out.N, hSum, hNone)
		st.Dimensions = append(st.Dimensions, out)
	}
	for j, d := range s.behs {
		sc := t.scales[len(s.dims)+j]
		cells := project(sc.cells, t.n)
		bands, flagged := cells[1:], 0
		if d.flagFrom == 0 { // unflagged and flagged counted apart
			bands = make([]int, len(cells[1:])/2)
			for b := range bands {
				bands[b] = cells[1+2*b] + cells[2+2*b]
				flagged += cells[2+2*b]
			}
		} else {
			for b := d.flagFrom - 1; b >= 0 && b < len(bands); b++ {
				flagged += bands[b]
			}
		}
		out := Behaviour{ID: d.id, Name: d.name, N: t.n - cells[0], Flagged: flagged, Bands: bandCounts(d.labels, bands), BandsError: new(hTab)}
		out.Mean, out.MeanError = noisyMean(sc.tenths, out.N, hSum, hNone)
		if out.N > 0 {
			// The flagged count adds up several noisy cells.
			summed := len(bands) - max(d.flagFrom-1, 0)
			if d.flagFrom == 0 {
				summed = len(bands)
			}
			// Delta method: the flagged count's noise, and the noisy
			// count it is divided by.
			h := halfWidth90(aTab, m*max(summed, 1))
			p := float64(flagged) / float64(out.N)
			out.Prevalence = new(round(p, 3))
			out.PrevalenceError = new(round(math.Min(math.Hypot(h, p*hNone)/float64(out.N), 1), 3))
		}
		st.Behaviours = append(st.Behaviours, out)
	}
	items := []Item{}
	for i, c := range t.items {
		cells := project(c, t.n)
		it := s.itemInfo(i, l)
		copy(it.Counts[:], cells[1:])
		it.Missing = cells[0]
		it.N = t.n - it.Missing
		it.CountsError = new(hItem)
		if it.N > 0 {
			sum := 0
			for r, x := range it.Counts {
				sum += r * x
			}
			it.Mean = new(round(float64(sum)/float64(it.N), 2))
		}
		items = append(items, it)
	}
	return st, items
}

// noisyMean is the mean of n scores from the noisy sum of their
// distances from 50 in tenths, within 0–100, with its ± in points: that
// of the sum, and (delta method) that of the noisy n, weighted by the
// mean's distance from 50.
func noisyMean(tenths float64, n int, hSum, hN float64) (*float64, *float64) {
	if n <= 0 {
		return nil, nil
	}
	m := math.Min(math.Max(50+tenths/10/float64(n), 0), 100)
	return new(round(m, 1)), new(round(math.Hypot(hSum, math.Abs(m-50)*hN)/float64(n), 1))
}

// round keeps d decimals: protected figures carry no false precision.
func round(x float64, d int) float64 {
	p := math.Pow(10, float64(d))
	return math.Round(x*p) / p
}

func clampCount(x float64, n int) int {
	return int(math.Min(math.Max(math.Round(x), 0), float64(n)))
}

// project turns noisy counts into whole, non-negative counts that add up
// to total: the nearest such vector (Euclidean projection onto the
// simplex), then rounded by largest remainder. It uses only the noisy
// counts and the public total, so it adds nothing to what they reveal.
func project(y []float64, total int) []int {
	k := len(y)
	out := make([]int, k)
	if k == 0 || total <= 0 {
		return out
	}
	// λ with Σ max(y_i − λ, 0) = total (Duchi et al., 2008).
	u := append([]float64(nil), y...)
	sort.Sort(sort.Reverse(sort.Float64Slice(u)))
	cum, lambda := 0.0, 0.0
	for j, v := range u {
		cum += v
		if l := (cum - float64(total)) / float64(j+1); v-l > 0 {
			lambda = l
		}
	}
	x := make([]float64, k)
	for i, v := range y {
		x[i] = math.Max(v-lambda, 0)
	}
	// Largest remainder rounding to whole counts adding up to total.
	sum := 0
	type rem struct {
		i int
		r float64
	}
	var rs []rem
	for i, v := range x {
		out[i] = int(math.Floor(v))
		sum += out[i]
		rs = append(rs, rem{i, v - math.Floor(v)})
	}
	sort.SliceStable(rs, func(a, b int) bool { return rs[a].r > rs[b].r })
	for j := 0; sum < total && j < len(rs); j++ {
		out[rs[j].i]++
		sum++
	}
	return out
}

// itemInfo is item i's description, without figures.
func (s *section) itemInfo(i int, l i18n.Lang) Item {
	x := Item{ID: s.items[i].id}
	if s.bank != nil {
		if bi, ok := s.bank.Item(x.ID); ok {
			x.Text, x.Behaviour, x.Dimension, x.Keyed, x.IM = bi.Text.In(l), bi.Behaviour, bi.Dimension, bi.Keyed, bi.IM
		}
	}
	return x
}

// epsilon is a protected release's ε for one person: every figure about
// them, in the whole group, in their subgroup when sub, and in the item
// table when items.
func (s *section) epsilon(sub, items bool) float64 {
	per := float64(len(knownFlags)+1)*EpsilonFlag + float64(len(s.dims)+len(s.behs))*(EpsilonMean+EpsilonBands)
	eps := per
	if sub {
		eps += per
	}
	if items {
		eps += float64(len(s.items)) * EpsilonItem
	}
	return eps
}

func protectionNote(eps float64, releases int, l i18n.Lang) string {
	s := l.T(fmt.Sprintf("本报告的数字加了差分隐私保护（ε = %.0f，见 docs/privacy.md）：每个数字都带有随机噪声，从这份报告、或两份报告之差，都推算不出某一个人的作答或得分；同一批结果每次生成的数字都相同。“约 X（±Y）”表示真实值有 90%% 的把握在 X±Y 之内。不显示中位数、最低、最高、标准差和 α。", eps),
		fmt.Sprintf("The figures of this report are protected by differential privacy (ε = %.0f, see docs/privacy.md): every figure carries random noise, so neither this report nor the difference of two reports gives any one person's answers or scores; the same set of results always gives the same figures. \"about X (±Y)\" means the true value lies within X±Y with 90%% confidence. No median, minimum, maximum, standard deviation or alpha is shown.", eps))
	if releases > 1 {
		s += l.T(fmt.Sprintf("（实时画像：每个数字由 %d 次带噪汇总相加而成。）", releases),
			fmt.Sprintf(" (Live profile: each figure adds up %d noisy releases.)", releases))
	}
	return s
}

// ExactWarning is the warning an exact report carries, in the report
// and on stderr.
func ExactWarning(l i18n.Lang) string {
	return l.T("精确模式（--exact）：本报告的数字未加保护，比较两份报告就能还原某一个人的作答。只供培训者本人查看，不要展示、打印或发送给任何人。",
		"Exact mode (--exact): the figures of this report are unprotected; comparing two such reports gives one person's answers back. For the trainer's own eyes only: do not show, print or send it to anyone.")
}
