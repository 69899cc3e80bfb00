// Package score is the scoring engine: bank + answers → result, exactly as
// the scoring contract says (docs/architecture.md, "Contracts"). It does no I/O and reads no
// clock; the caller passes the id and the times in.
package score

import (
	"cmp"
	"slices"
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

// Score computes the whole result document. A caller that scores many
// answer sets with one bank keeps an Engine (New) instead.
func Score(b *bank.Bank, in Input) result.Result {
	return New(b).Score(in)
}

// answers lists every item in the bank's order with its answer and time;
// the values live in two arrays rather than one allocation each.
func answers(b *bank.Bank, in Input) []result.Answer {
	out := make([]result.Answer, len(b.Items))
	vals := make([]int, len(b.Items))
	times := make([]int64, len(b.Items))
	for i, it := range b.Items {
		out[i].Item = it.ID
		if r, ok := in.Answers[it.ID]; ok {
			vals[i] = r
			out[i].Value = &vals[i]
		}
		if ms, ok := in.MS[it.ID]; ok {
			times[i] = ms
			out[i].MS = &times[i]
		}
	}
	return out
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
	return figures(b, answers, nil, lang).Behaviours
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
	return figures(b, answers, nil, lang).Dimensions
}

// Validity computes the validity figures and raises the flags of the
// bank's rules (docs/validity.md). The four figures are always computed;
// a flag is raised only by a rule the bank has. The pairs are counted at
// the difference of the bank's inconsistency rule, or the default when it
// has none.
func Validity(b *bank.Bank, answers map[string]int, ms map[string]int64) result.Validity {
	return figures(b, answers, ms, i18n.ZH).Validity
}

func figures(b *bank.Bank, answers map[string]int, ms map[string]int64, lang i18n.Lang) result.Result {
	return New(b).Score(Input{Lang: lang, Answers: answers, MS: ms})
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
	out := make([]result.Recommendation, 0, 8)
	addB := func(id string) {
		if x, ok := b.Behaviour(id); ok {
			for _, t := range x.Recommendations {
				out = append(out, result.Recommendation{For: id, Text: t.In(lang)})
			}
		}
	}
	var buf [64]int
	sortedB := byScore(buf[:0], len(behs), func(i int) float64 { return scoreOr(behs[i].Score, -1) }, true)
	for _, i := range sortedB {
		if behs[i].Flagged {
			addB(behs[i].ID)
		}
	}
	var dbuf [64]int
	for _, i := range byScore(dbuf[:0], len(dims), func(i int) float64 { return scoreOr(dims[i].Score, 101) }, false) {
		d := &dims[i]
		if d.Band == nil || *d.Band > 2 {
			continue
		}
		if x, ok := b.Dimension(d.ID); ok {
			for _, t := range x.Recommendations {
				out = append(out, result.Recommendation{For: d.ID, Text: t.In(lang)})
			}
		}
	}
	if len(out) == 0 && len(sortedB) > 0 && behs[sortedB[0]].Score != nil && *behs[sortedB[0]].Score > 0 {
		addB(behs[sortedB[0]].ID)
	}
	return out
}

// byScore appends 0..n-1 to order and sorts them by score, highest first
// when desc, else lowest first; ties keep their order.
func byScore(order []int, n int, score func(int) float64, desc bool) []int {
	for i := range n {
		order = append(order, i)
	}
	slices.SortStableFunc(order, func(i, j int) int {
		c := cmp.Compare(score(i), score(j))
		if desc {
			return -c
		}
		return c
	})
	return order
}

// SortBehaviours returns the behaviours from most to least pronounced;
// unscored ones come last, and ties keep the bank's order.
func SortBehaviours(behs []result.Behaviour) []result.Behaviour {
	order := byScore(nil, len(behs), func(i int) float64 { return scoreOr(behs[i].Score, -1) }, true)
	s := make([]result.Behaviour, len(behs))
	for k, i := range order {
		s[k] = behs[i]
	}
	return s
}

func scoreOr(p *float64, def float64) float64 {
	if p == nil {
		return def
	}
	return *p
}
