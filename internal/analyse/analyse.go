// Package analyse is item analysis for bank authors: for every scale of a
// bank (each behaviour and each dimension), each item's mean, SD, floor
// and ceiling shares, corrected item-rest correlation and alpha if the
// item is deleted, with the items worth rewriting flagged
// (docs/validity.md). Results are added one at a time; only integer sums
// are kept, never a person's answers.
package analyse

import (
	"fmt"
	"math"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// DefaultMinN is how many complete results a scale needs before its item
// statistics are shown; MinMinN is the least an author may ask for. Below
// about 30 the standard error of a correlation (about 1/√n) is as large
// as the 0.2 line it is judged against, and a handful of people's answers
// could be read back from exact item figures.
const (
	DefaultMinN = 30
	MinMinN     = 10
)

// Item quality lines (docs/validity.md).
const (
	// MinRestR is the corrected item-rest correlation below which an item
	// does not go with the rest of its scale.
	MinRestR = 0.2
	// MinAlphaRise is how much alpha must rise without an item before the
	// item is flagged: a smaller rise is within what sampling alone
	// produces for a sound item.
	MinAlphaRise = 0.01
)

// Reasons an item is flagged.
const (
	LowRestR   = "low_rest_r"  // item-rest correlation below MinRestR
	AlphaRises = "alpha_rises" // the scale's alpha is higher without it
	NoVariance = "no_variance" // everyone gave it the same answer
)

// Options of an analysis.
type Options struct {
	MinN int
	Lang i18n.Lang
}

// Analyser collects results of one bank.
type Analyser struct {
	b      *bank.Bank
	o      Options
	scales []*acc
	n      int
}

// acc holds one scale's sums over results that answered all its items:
// Σv and Σv·v' for every pair of items, and the counts at 0 and 4.
type acc struct {
	kind, id, name string
	items          []bank.Item
	n              int64
	sum            []int64
	prod           [][]int64
	floor, ceil    []int64
}

// New returns an analyser for results scored with bank b.
func New(b *bank.Bank, o Options) *Analyser {
	if o.MinN < MinMinN {
		o.MinN = DefaultMinN
	}
	a := &Analyser{b: b, o: o}
	add := func(kind, id, name string, keep func(bank.Item) bool) {
		s := &acc{kind: kind, id: id, name: name}
		for _, it := range b.Items {
			if !it.IM && keep(it) {
				s.items = append(s.items, it)
			}
		}
		k := len(s.items)
		s.sum, s.floor, s.ceil = make([]int64, k), make([]int64, k), make([]int64, k)
		s.prod = make([][]int64, k)
		for i := range s.prod {
			s.prod[i] = make([]int64, k)
		}
		a.scales = append(a.scales, s)
	}
	for _, x := range b.Behaviours {
		add("behaviour", x.ID, x.Name.In(o.Lang), func(it bank.Item) bool { return it.Behaviour == x.ID })
	}
	for _, d := range b.Dimensions {
		add("dimension", d.ID, d.Name.In(o.Lang), func(it bank.Item) bool { return it.Dimension == d.ID })
	}
	return a
}

// Add takes one result of the analyser's bank.
func (a *Analyser) Add(r *result.Result) {
	a.n++
	answers := r.AnswerMap()
	v := make([]int64, 0, 16)
	for _, s := range a.scales {
		v = v[:0]
		for _, it := range s.items {
			x, ok := answers[it.ID]
			if !ok {
				break
			}
			v = append(v, int64(it.Value(x)))
		}
		if len(v) != len(s.items) {
			continue // listwise: only results that answered the whole scale
		}
		s.n++
		for i, x := range v {
			s.sum[i] += x
			for j, y := range v {
				s.prod[i][j] += x * y
			}
			if x == 0 {
				s.floor[i]++
			}
			if x == 4 {
				s.ceil[i]++
			}
		}
	}
}

// Analysis is one bank's outcome, ready to render. Exact item-level
// figures: for the bank author's eyes only.
type Analysis struct {
	Bank   result.Instrument `json:"bank"`
	N      int               `json:"n"`
	MinN   int               `json:"min_n"`
	Scales []Scale           `json:"scales"`
}

// Scale is one behaviour or dimension.
type Scale struct {
	Kind string `json:"kind"` // behaviour or dimension
	ID   string `json:"id"`
	Name string `json:"name"`
	// N is the number of results that answered every item of the scale.
	N int `json:"n"`
	// Withheld is true when N is below MinN: then Alpha and Items are
	// empty.
	Withheld bool       `json:"withheld"`
	Alpha    *float64   `json:"alpha"`
	Items    []ItemStat `json:"items"`
}

// ItemStat is one item within its scale, on the keyed value v (0–4,
// higher = more lying-flat). Floor and Ceiling are the shares at v = 0
// and v = 4. RestR and AlphaIfDeleted are nil when undefined.
type ItemStat struct {
	ID             string   `json:"id"`
	Text           string   `json:"text"`
	Keyed          string   `json:"keyed"`
	Mean           float64  `json:"mean"`
	SD             float64  `json:"sd"`
	Floor          float64  `json:"floor"`
	Ceiling        float64  `json:"ceiling"`
	RestR          *float64 `json:"rest_r"`
	AlphaIfDeleted *float64 `json:"alpha_if_deleted"`
	Flags          []string `json:"flags"`
}

// Analysis computes the statistics from the sums.
func (a *Analyser) Analysis() *Analysis {
	out := &Analysis{Bank: result.Instrument{ID: a.b.ID, Version: a.b.Version, SHA256: a.b.SHA256},
		N: a.n, MinN: a.o.MinN, Scales: []Scale{}}
	for _, s := range a.scales {
		sc := Scale{Kind: s.kind, ID: s.id, Name: s.name, N: int(s.n), Items: []ItemStat{}}
		if s.n < int64(a.o.MinN) {
			sc.Withheld = true
			out.Scales = append(out.Scales, sc)
			continue
		}
		st := stats(s.n, s.sum, s.prod)
		sc.Alpha = st.alpha
		for i, it := range s.items {
			is := ItemStat{ID: it.ID, Text: it.Text.In(a.o.Lang), Keyed: it.Keyed, Mean: st.mean[i], SD: math.Sqrt(st.cov[i][i]),
				Floor: float64(s.floor[i]) / float64(s.n), Ceiling: float64(s.ceil[i]) / float64(s.n),
				RestR: st.restR[i], AlphaIfDeleted: st.alphaDel[i], Flags: []string{}}
			switch {
			case st.cov[i][i] == 0:
				is.Flags = append(is.Flags, NoVariance)
			case is.RestR != nil && *is.RestR < MinRestR:
				is.Flags = append(is.Flags, LowRestR)
			}
			if is.AlphaIfDeleted != nil && sc.Alpha != nil && *is.AlphaIfDeleted > *sc.Alpha+MinAlphaRise {
				is.Flags = append(is.Flags, AlphaRises)
			}
			sc.Items = append(sc.Items, is)
		}
		out.Scales = append(out.Scales, sc)
	}
	return out
}

// scaleStats are the figures derived from one scale's sums.
type scaleStats struct {
	mean     []float64
	cov      [][]float64
	alpha    *float64
	restR    []*float64
	alphaDel []*float64
}

// stats turns n, Σv_i and Σv_i·v_j into means, the covariance matrix
// (divisor n − 1), alpha, each item's corrected item-rest correlation and
// alpha without it:
//
//	α = k/(k−1) · (1 − Σ var_i / var_T), T = Σ v_i
//	r_rest(i) = cov(v_i, T − v_i) / √(var_i · var(T − v_i))
//	α without i = (k−1)/(k−2) · (1 − (Σ var − var_i) / var(T − v_i))
func stats(n int64, sum []int64, prod [][]int64) scaleStats {
	k := len(sum)
	st := scaleStats{mean: make([]float64, k), cov: make([][]float64, k), restR: make([]*float64, k), alphaDel: make([]*float64, k)}
	if n < 2 {
		return st
	}
	fn := float64(n)
	for i := range k {
		st.mean[i] = float64(sum[i]) / fn
		st.cov[i] = make([]float64, k)
	}
	for i := range k {
		for j := range k {
			// Integer arithmetic up to the division keeps the sums exact.
			num := prod[i][j]*n - sum[i]*sum[j]
			st.cov[i][j] = float64(num) / (fn * (fn - 1))
		}
	}
	varT, sumVar := 0.0, 0.0
	rowSum := make([]float64, k) // cov(v_i, T)
	for i := range k {
		sumVar += st.cov[i][i]
		for j := range k {
			varT += st.cov[i][j]
			rowSum[i] += st.cov[i][j]
		}
	}
	if k >= 2 && varT > 0 {
		a := float64(k) / float64(k-1) * (1 - sumVar/varT)
		st.alpha = &a
	}
	for i := range k {
		vi := st.cov[i][i]
		covRest := rowSum[i] - vi
		varRest := varT - 2*rowSum[i] + vi
		if vi > 0 && varRest > 0 {
			r := covRest / math.Sqrt(vi*varRest)
			st.restR[i] = &r
		}
		if k >= 3 && varRest > 0 {
			a := float64(k-1) / float64(k-2) * (1 - (sumVar-vi)/varRest)
			st.alphaDel[i] = &a
		}
	}
	return st
}

// Weak lists the flagged items of the shown scales, in scale order.
func (x *Analysis) Weak() []WeakItem {
	var out []WeakItem
	for _, s := range x.Scales {
		for _, it := range s.Items {
			if len(it.Flags) > 0 {
				out = append(out, WeakItem{Scale: s, Item: it})
			}
		}
	}
	return out
}

// WeakItem is a flagged item with its scale.
type WeakItem struct {
	Scale Scale
	Item  ItemStat
}

// Set analyses result files of any number of banks: each result goes to
// the analyser of the bank its sha256 names, so results of two versions
// are never mixed in one statistic.
type Set struct {
	o     Options
	find  func(sha string) *bank.Bank
	by    map[string]*Analyser
	order []string
	ids   map[string]bool
	skip  []Skip
	dups  int
}

// Skip is a file that was not analysed, and why.
type Skip struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

// NewSet returns a set that finds a result's bank with find (nil when
// the bank is not at hand).
func NewSet(find func(sha string) *bank.Bank, o Options) *Set {
	return &Set{o: o, find: find, by: map[string]*Analyser{}, ids: map[string]bool{}}
}

// Skip records a file that could not be read or analysed.
func (s *Set) Skip(file, reason string) { s.skip = append(s.skip, Skip{file, reason}) }

// Add takes one result; a result id seen before counts once, and a result
// whose bank is not at hand is skipped with the reason.
func (s *Set) Add(file string, r *result.Result) {
	l := s.o.Lang
	b := s.find(r.Instrument.SHA256)
	if b == nil || b.ID != r.Instrument.ID {
		s.Skip(file, l.T(fmt.Sprintf("找不到评分所用的题库（%s %s），请用 --bank 或 --banks 给出", r.Instrument.ID, r.Instrument.Version),
			fmt.Sprintf("the bank it was scored with (%s %s) is not at hand; give it with --bank or --banks", r.Instrument.ID, r.Instrument.Version)))
		return
	}
	if s.ids[r.ID] {
		s.dups++
		return
	}
	s.ids[r.ID] = true
	a, ok := s.by[b.SHA256]
	if !ok {
		a = New(b, s.o)
		s.by[b.SHA256] = a
		s.order = append(s.order, b.SHA256)
	}
	a.Add(r)
}

// Report is the outcome of a set: one analysis per bank, in the order
// their first results were read, and the files left out.
type Report struct {
	Analyses   []*Analysis `json:"analyses"`
	Skipped    []Skip      `json:"skipped"`
	Duplicates int         `json:"duplicates"`
}

// Report computes every bank's analysis.
func (s *Set) Report() *Report {
	rep := &Report{Analyses: []*Analysis{}, Skipped: append([]Skip{}, s.skip...), Duplicates: s.dups}
	for _, sha := range s.order {
		rep.Analyses = append(rep.Analyses, s.by[sha].Analysis())
	}
	return rep
}
