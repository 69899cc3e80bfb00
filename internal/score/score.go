// Package score is the scoring engine: bank + answers → result, exactly as
// the scoring contract says (docs/architecture.md, "Contracts"). It does no I/O and reads no
// clock; the caller passes the id and the times in.
package score

import (
	"slices"
	"sort"
	"time"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// Input is everything scoring needs besides the bank.
type Input struct {
	ID          string
	Lang        i18n.Lang
	Respondent  result.Respondent
	StartedAt   time.Time
	CompletedAt time.Time
	// Answers maps item id to the raw answer r (0–4). Unanswered items
	// are absent.
	Answers map[string]int
	// MS maps item id to the time spent on it in milliseconds. It is
	// empty when times were not recorded (an answers file).
	MS map[string]int64
}

// Score computes the whole result document.
func Score(b *bank.Bank, in Input) result.Result {
	r := result.Result{
		SchemaVersion: result.SchemaVersion,
		ID:            in.ID,
		Instrument:    result.Instrument{ID: b.ID, Version: b.Version, SHA256: b.SHA256},
		Lang:          string(in.Lang),
		Respondent:    in.Respondent.Cleaned(),
		StartedAt:     in.StartedAt,
		CompletedAt:   in.CompletedAt,
		Answers:       answers(b, in),
		Behaviours:    Behaviours(b, in.Answers, in.Lang),
		Dimensions:    Dimensions(b, in.Answers, in.Lang),
		Validity:      Validity(b, in.Answers, in.MS),
	}
	r.Recommendations = Recommendations(b, r.Behaviours, r.Dimensions, in.Lang)
	return r
}

func answers(b *bank.Bank, in Input) []result.Answer {
	out := make([]result.Answer, len(b.Items))
	for i, it := range b.Items {
		out[i].Item = it.ID
		if r, ok := in.Answers[it.ID]; ok {
			r := r
			out[i].Value = &r
		}
		if ms, ok := in.MS[it.ID]; ok {
			ms := ms
			out[i].MS = &ms
		}
	}
	return out
}

// meanV returns the mean lying-flat value v over the answered items among
// ids, how many were answered, and whether that meets the min share.
func meanV(b *bank.Bank, ids []bank.Item, answers map[string]int) (mean float64, answered int, ok bool) {
	sum := 0
	for _, it := range ids {
		if r, has := answers[it.ID]; has {
			sum += it.Value(r)
			answered++
		}
	}
	if answered == 0 || !enough(answered, len(ids), b.Scoring.MinAnswered) {
		return 0, answered, false
	}
	return float64(sum) / float64(answered), answered, true
}

// enough applies the 80% rule: answered/total must reach min. The small
// tolerance keeps 4 of 5 at exactly 0.8 from failing on float rounding.
func enough(answered, total int, min float64) bool {
	return float64(answered) >= min*float64(total)-1e-9
}

// Band returns the 1-based band of score under the cut points: below
// cuts[0] is band 1, at or above the last cut is band len(cuts)+1.
func Band(score float64, cuts []float64) int {
	band := 1
	for _, c := range cuts {
		if score >= c {
			band++
		}
	}
	return band
}

func label(bd bank.Bands, band int, lang i18n.Lang) string {
	if band >= 1 && band <= len(bd.Labels) {
		return bd.Labels[band-1].In(lang)
	}
	return ""
}

// Behaviours scores every behaviour: 100 × mean(v) / 4, higher = more
// lying-flat; flagged at or above the bank's flag_at.
func Behaviours(b *bank.Bank, answers map[string]int, lang i18n.Lang) []result.Behaviour {
	bd := b.Scoring.BehaviourBands
	out := make([]result.Behaviour, 0, len(b.Behaviours))
	for _, x := range b.Behaviours {
		items := itemsWhere(b, func(it bank.Item) bool { return !it.IM && it.Behaviour == x.ID })
		m, answered, ok := meanV(b, items, answers)
		s := result.Behaviour{ID: x.ID, Name: x.Name.In(lang), Answered: answered, Items: len(items)}
		if ok {
			score := 100 * m / 4
			band := Band(score, bd.Cuts)
			s.Score, s.Band, s.BandLabel = &score, &band, label(bd, band, lang)
			s.Flagged = score >= flagAt(bd)
		}
		out = append(out, s)
	}
	return out
}

func flagAt(bd bank.Bands) float64 {
	if bd.FlagAt != nil {
		return *bd.FlagAt
	}
	return bank.DefaultFlagAt
}

// Dimensions scores every dimension: 100 − 100 × mean(v) / 4, higher =
// better conduct.
func Dimensions(b *bank.Bank, answers map[string]int, lang i18n.Lang) []result.Dimension {
	bd := b.Scoring.DimensionBands
	out := make([]result.Dimension, 0, len(b.Dimensions))
	for _, d := range b.Dimensions {
		items := itemsWhere(b, func(it bank.Item) bool { return !it.IM && it.Dimension == d.ID })
		m, answered, ok := meanV(b, items, answers)
		s := result.Dimension{ID: d.ID, Name: d.Name.In(lang), Answered: answered, Items: len(items)}
		if ok {
			score := 100 - 100*m/4
			band := Band(score, bd.Cuts)
			s.Score, s.Band, s.BandLabel = &score, &band, label(bd, band, lang)
		}
		out = append(out, s)
	}
	return out
}

func itemsWhere(b *bank.Bank, keep func(bank.Item) bool) []bank.Item {
	var out []bank.Item
	for _, it := range b.Items {
		if keep(it) {
			out = append(out, it)
		}
	}
	return out
}

// Validity computes the validity figures and raises the flags of the
// bank's rules (docs/validity.md). The four figures are always computed;
// a flag is raised only by a rule the bank has. The pairs are counted at
// the difference of the bank's inconsistency rule, or the default when it
// has none.
func Validity(b *bank.Bank, answers map[string]int, ms map[string]int64) result.Validity {
	v := result.Validity{Flags: []string{}}
	for _, it := range b.Items {
		if r, ok := answers[it.ID]; ok && it.IM && it.Value(r) == 0 {
			v.IMCount++
		}
	}
	diff := bank.DefaultPairDifference
	if r, ok := b.Validity.Rule(bank.CheckInconsistentPairs); ok {
		diff = r.Difference
	}
	v.InconsistentPairs = inconsistentPairs(b, answers, diff)
	v.LongestRun = longestRun(b, answers)
	v.MedianMS = medianMS(b, answers, ms)

	figure := map[string]float64{
		bank.CheckIMCount:           float64(v.IMCount),
		bank.CheckInconsistentPairs: float64(v.InconsistentPairs),
		bank.CheckLongestRun:        float64(v.LongestRun),
	}
	if v.MedianMS != nil {
		figure[bank.CheckMedianMS] = *v.MedianMS
	}
	// Flags are raised in one fixed order, whatever the rules' order.
	for _, c := range bank.Checks {
		r, ok := b.Validity.Rule(c)
		x, has := figure[c]
		if ok && has && r.Raised(x) {
			v.Flags = append(v.Flags, r.Flag())
		}
	}
	return v
}

// inconsistentPairs counts the consistency pairs whose two items are both
// answered and whose keyed values v differ by diff or more.
func inconsistentPairs(b *bank.Bank, answers map[string]int, diff int) int {
	n := 0
	for _, p := range b.Validity.Pairs {
		a, aok := b.Item(p[0])
		c, cok := b.Item(p[1])
		ra, ansA := answers[p[0]]
		rc, ansC := answers[p[1]]
		if aok && cok && ansA && ansC && absInt(a.Value(ra)-c.Value(rc)) >= diff {
			n++
		}
	}
	return n
}

// longestRun is the longest run of identical raw answers in presentation
// order; an unanswered item breaks a run.
func longestRun(b *bank.Bank, answers map[string]int) int {
	best, run, prev := 0, 0, -1
	for _, it := range b.Items {
		r, ok := answers[it.ID]
		switch {
		case !ok:
			run, prev = 0, -1
			continue
		case r == prev:
			run++
		default:
			run, prev = 1, r
		}
		best = max(best, run)
	}
	return best
}

// medianMS is the median time over answered items that have a time, or
// nil when none has one (answers typed in from paper, say).
func medianMS(b *bank.Bank, answers map[string]int, ms map[string]int64) *float64 {
	var xs []int64
	for _, it := range b.Items {
		if _, ok := answers[it.ID]; !ok {
			continue
		}
		if t, ok := ms[it.ID]; ok {
			xs = append(xs, t)
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

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Recommendations picks the targeted measures: those of the flagged
// behaviours, most pronounced first, then those of the dimensions in the
// two lowest bands, weakest first. When nothing is flagged or weak, the
// most pronounced scored behaviour's measures are given, so everyone gets
// something to work on.
func Recommendations(b *bank.Bank, behs []result.Behaviour, dims []result.Dimension, lang i18n.Lang) []result.Recommendation {
	out := []result.Recommendation{}
	addB := func(id string) {
		if x, ok := b.Behaviour(id); ok {
			for _, t := range x.Recommendations {
				out = append(out, result.Recommendation{For: id, Text: t.In(lang)})
			}
		}
	}
	sortedB := SortBehaviours(behs)
	for _, x := range sortedB {
		if x.Flagged {
			addB(x.ID)
		}
	}
	weak := append([]result.Dimension(nil), dims...)
	sort.SliceStable(weak, func(i, j int) bool { return scoreOr(weak[i].Score, 101) < scoreOr(weak[j].Score, 101) })
	for _, d := range weak {
		if d.Band == nil || *d.Band > 2 {
			continue
		}
		if x, ok := b.Dimension(d.ID); ok {
			for _, t := range x.Recommendations {
				out = append(out, result.Recommendation{For: d.ID, Text: t.In(lang)})
			}
		}
	}
	if len(out) == 0 && len(sortedB) > 0 && sortedB[0].Score != nil && *sortedB[0].Score > 0 {
		addB(sortedB[0].ID)
	}
	return out
}

// SortBehaviours returns the behaviours from most to least pronounced;
// unscored ones come last, and ties keep the bank's order.
func SortBehaviours(behs []result.Behaviour) []result.Behaviour {
	s := append([]result.Behaviour(nil), behs...)
	sort.SliceStable(s, func(i, j int) bool { return scoreOr(s[i].Score, -1) > scoreOr(s[j].Score, -1) })
	return s
}

func scoreOr(p *float64, def float64) float64 {
	if p == nil {
		return def
	}
	return *p
}
