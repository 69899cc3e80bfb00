package score

import (
	"math"
	"slices"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// Engine scores answers with one bank. It works out once which items
// make up each scale, where the consistency pairs and the IM items stand
// and which rules apply, so that scoring a result walks small index lists
// instead of searching the bank (group verifies every file it reads
// through it; docs/performance.md). It holds nothing that changes: one
// Engine is safe for concurrent use.
//
// Scoring reads answers by the item's position in the bank: vals[i] is
// the raw answer (0–4) to b.Items[i], or Unanswered; ms[i] its time, or
// NoTime.
type Engine struct {
	b        *bank.Bank
	index    map[string]int // item id → position
	value    []valueFn      // per item: raw answer → lying-flat value
	im       []int          // IM items
	behs     []scaleItems
	dims     []scaleItems
	pairs    [][2]int // positions of both items; pairs naming an unknown item are left out
	diff     int      // the difference that makes a pair inconsistent
	rules    []bank.Rule
	flagAt   float64
	minShare float64
}

// Unanswered and NoTime mark an item without an answer or a time: values
// no answer or time can have, so that even out-of-range input scores as
// the rules say.
const (
	Unanswered = math.MinInt
	NoTime     = math.MinInt64
)

type valueFn bool // true: keyed active, v = 4 − r

func (active valueFn) of(r int) int {
	if active {
		return 4 - r
	}
	return r
}

type scaleItems []int

// New returns the engine of b.
func New(b *bank.Bank) *Engine {
	e := &Engine{b: b, index: make(map[string]int, len(b.Items)), value: make([]valueFn, len(b.Items)),
		flagAt: flagAt(b.Scoring.BehaviourBands), minShare: b.Scoring.MinAnswered}
	beh := make(map[string]int, len(b.Behaviours))
	for i, x := range b.Behaviours {
		beh[x.ID] = i
	}
	dim := make(map[string]int, len(b.Dimensions))
	for i, d := range b.Dimensions {
		dim[d.ID] = i
	}
	e.behs = make([]scaleItems, len(b.Behaviours))
	e.dims = make([]scaleItems, len(b.Dimensions))
	for i, it := range b.Items {
		if _, dup := e.index[it.ID]; !dup {
			e.index[it.ID] = i // b.Item finds the first
		}
		e.value[i] = it.Keyed == bank.KeyedActive
		if it.IM {
			e.im = append(e.im, i)
			continue
		}
		// A behaviour or dimension listed twice is scored twice, each
		// time over the same items, as the bank's order says.
		for j, x := range b.Behaviours {
			if it.Behaviour == x.ID {
				e.behs[j] = append(e.behs[j], i)
			}
		}
		for j, d := range b.Dimensions {
			if it.Dimension == d.ID {
				e.dims[j] = append(e.dims[j], i)
			}
		}
	}
	for _, p := range b.Validity.Pairs {
		a, aok := e.index[p[0]]
		c, cok := e.index[p[1]]
		if aok && cok {
			e.pairs = append(e.pairs, [2]int{a, c})
		}
	}
	e.diff = bank.DefaultPairDifference
	if r, ok := b.Validity.Rule(bank.CheckInconsistentPairs); ok {
		e.diff = r.Difference
	}
	// Flags are raised in one fixed order, whatever the rules' order.
	for _, c := range bank.Checks {
		if r, ok := b.Validity.Rule(c); ok {
			e.rules = append(e.rules, r)
		}
	}
	return e
}

// Bank is the engine's bank.
func (e *Engine) Bank() *bank.Bank { return e.b }

// Position returns the position of the item with the given id.
func (e *Engine) Position(id string) (int, bool) {
	i, ok := e.index[id]
	return i, ok
}

// Score computes the whole result document.
func (e *Engine) Score(in Input) result.Result {
	b := e.b
	vals := make([]int, len(b.Items))
	ms := make([]int64, len(b.Items))
	for i, it := range b.Items {
		vals[i], ms[i] = Unanswered, NoTime
		if r, ok := in.Answers[it.ID]; ok {
			vals[i] = r
		}
		if t, ok := in.MS[it.ID]; ok {
			ms[i] = t
		}
	}
	r := result.Result{
		SchemaVersion: result.SchemaVersion,
		ID:            in.ID,
		Instrument:    result.Instrument{ID: b.ID, Version: b.Version, SHA256: b.SHA256},
		Lang:          string(in.Lang),
		Respondent:    in.Respondent.Cleaned(),
		StartedAt:     in.StartedAt,
		CompletedAt:   in.CompletedAt,
		Answers:       answers(b, in),
	}
	e.Figures(&r, vals, ms, in.Lang)
	return r
}

// Figures computes what a result says about the answers — behaviours,
// dimensions, validity and recommendations — into r, from the raw
// answers and times by item position.
func (e *Engine) Figures(r *result.Result, vals []int, ms []int64, lang i18n.Lang) {
	b := e.b
	// One backing array for every score and band: two allocations
	// instead of two per scale.
	scores := make([]float64, len(e.behs)+len(e.dims))
	bands := make([]int, len(e.behs)+len(e.dims))
	bd := b.Scoring.BehaviourBands
	r.Behaviours = make([]result.Behaviour, len(e.behs))
	for j, items := range e.behs {
		x := &b.Behaviours[j]
		m, answered, ok := e.mean(items, vals)
		s := &r.Behaviours[j]
		*s = result.Behaviour{ID: x.ID, Name: x.Name.In(lang), Answered: answered, Items: len(items)}
		if ok {
			scores[j] = 100 * m / 4
			bands[j] = Band(scores[j], bd.Cuts)
			s.Score, s.Band, s.BandLabel = &scores[j], &bands[j], label(bd, bands[j], lang)
			s.Flagged = scores[j] >= e.flagAt
		}
	}
	dd := b.Scoring.DimensionBands
	r.Dimensions = make([]result.Dimension, len(e.dims))
	for j, items := range e.dims {
		d := &b.Dimensions[j]
		m, answered, ok := e.mean(items, vals)
		s := &r.Dimensions[j]
		*s = result.Dimension{ID: d.ID, Name: d.Name.In(lang), Answered: answered, Items: len(items)}
		if ok {
			k := len(e.behs) + j
			scores[k] = 100 - 100*m/4
			bands[k] = Band(scores[k], dd.Cuts)
			s.Score, s.Band, s.BandLabel = &scores[k], &bands[k], label(dd, bands[k], lang)
		}
	}
	r.Validity = e.validity(vals, ms)
	r.Recommendations = Recommendations(b, r.Behaviours, r.Dimensions, lang)
}

// mean returns the mean lying-flat value over the answered items among
// items, how many were answered, and whether that meets the min share.
func (e *Engine) mean(items []int, vals []int) (mean float64, answered int, ok bool) {
	sum := 0
	for _, i := range items {
		if r := vals[i]; r != Unanswered {
			sum += e.value[i].of(r)
			answered++
		}
	}
	if answered == 0 || !enough(answered, len(items), e.minShare) {
		return 0, answered, false
	}
	return float64(sum) / float64(answered), answered, true
}

// validity computes the validity figures and raises the flags of the
// bank's rules (docs/validity.md). The four figures are always computed;
// a flag is raised only by a rule the bank has.
func (e *Engine) validity(vals []int, ms []int64) result.Validity {
	v := result.Validity{Flags: []string{}}
	for _, i := range e.im {
		if r := vals[i]; r != Unanswered && e.value[i].of(r) == 0 {
			v.IMCount++
		}
	}
	for _, p := range e.pairs {
		ra, rc := vals[p[0]], vals[p[1]]
		if ra != Unanswered && rc != Unanswered && absInt(e.value[p[0]].of(ra)-e.value[p[1]].of(rc)) >= e.diff {
			v.InconsistentPairs++
		}
	}
	best, run, prev := 0, 0, Unanswered
	for _, r := range vals {
		switch {
		case r == Unanswered:
			run, prev = 0, Unanswered
			continue
		case r == prev:
			run++
		default:
			run, prev = 1, r
		}
		best = max(best, run)
	}
	v.LongestRun = best
	v.MedianMS = medianOf(vals, ms)
	for _, r := range e.rules {
		var x float64
		switch r.Check {
		case bank.CheckIMCount:
			x = float64(v.IMCount)
		case bank.CheckInconsistentPairs:
			x = float64(v.InconsistentPairs)
		case bank.CheckLongestRun:
			x = float64(v.LongestRun)
		case bank.CheckMedianMS:
			if v.MedianMS == nil {
				continue
			}
			x = *v.MedianMS
		}
		if r.Raised(x) {
			v.Flags = append(v.Flags, r.Flag())
		}
	}
	return v
}

// medianOf is the median time over answered items that have a time, or
// nil when none has one (answers typed in from paper, say).
func medianOf(vals []int, ms []int64) *float64 {
	var buf [128]int64
	xs := buf[:0]
	for i, r := range vals {
		if r != Unanswered && ms[i] != NoTime {
			xs = append(xs, ms[i])
		}
	}
	if len(xs) == 0 {
		return nil
	}
	slices.Sort(xs)
	n := len(xs)
	var m float64
	if n%2 == 1 {
		m = float64(xs[n/2])
	} else {
		m = float64(xs[n/2-1]+xs[n/2]) / 2
	}
	return &m
}
