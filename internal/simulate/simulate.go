// Package simulate measures how a bank's validity rules behave: it makes
// synthetic respondents under a stated response model (docs/validity.md),
// scores each one with the real scoring engine, and counts, for every
// rule, how often it raises its flag for attentive respondents (false
// alarms) and for careless ones (detection). It does no I/O; the same
// options and seed give the same figures.
package simulate

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/score"
)

// Model is the response model of attentive respondents. All levels are on
// the keyed 0–4 scale (v: higher = more lying-flat).
type Model struct {
	// Sigma is the SD of the noise on each answer.
	Sigma float64 `json:"sigma"`
	// TraitMean and TraitSD describe each person's overall lying-flat
	// level θ across people.
	TraitMean float64 `json:"trait_mean"`
	TraitSD   float64 `json:"trait_sd"`
	// BehaviourSD is the SD of a person's deviation from θ on each
	// behaviour, so that one person can be higher on one behaviour than on
	// another.
	BehaviourSD float64 `json:"behaviour_sd"`
	// IMMean and IMSD describe each person's centre on the
	// impression-management items (2 = 有时, "sometimes").
	IMMean float64 `json:"im_mean"`
	IMSD   float64 `json:"im_sd"`
	// ReadRate is the median reading speed across people, in characters
	// per second (a Chinese character or an English letter); RateSD is
	// the SD of its logarithm across people. KeyMS is the time to press
	// the key once the item is read.
	ReadRate float64 `json:"read_rate"`
	RateSD   float64 `json:"rate_sd"`
	KeyMS    float64 `json:"key_ms"`
}

// DefaultModel is the model the default bank is calibrated with.
func DefaultModel() Model {
	return Model{Sigma: 0.9, TraitMean: 1.0, TraitSD: 0.7, BehaviourSD: 0.5, IMMean: 2, IMSD: 0.5,
		ReadRate: 10, RateSD: 0.35, KeyMS: 500}
}

// Kinds of respondent, in the order they are reported.
const (
	Attentive    = "attentive"     // the response model above, with answer times
	Random       = "random"        // every answer uniform on 0–4, no times
	StraightLine = "straight_line" // one option, chosen at random, for every item, no times
	AllNever     = "all_never"     // 从不 (0) for every item: naive faking good, no times
	Ideal        = "ideal"         // the flattering end of every item (v = 0, IM at 从不): careful faking good, no times
)

// Kinds lists every kind of respondent.
var Kinds = []string{Attentive, Random, StraightLine, AllNever, Ideal}

// Options of a simulation run.
type Options struct {
	N     int    // respondents of each kind
	Seed  uint64 // the same seed gives the same figures
	Model Model
	Lang  i18n.Lang // the language whose item lengths set reading times
	// Kinds limits the run to some kinds of respondent; nil runs all.
	Kinds []string
}

// DefaultOptions are the options `bank simulate` and `bank validate` use
// unless told otherwise.
func DefaultOptions() Options {
	return Options{N: 4000, Seed: 1, Model: DefaultModel(), Lang: i18n.ZH}
}

// Targets a bank's rules should meet under the default model
// (docs/validity.md).
const (
	MaxInconsistencyFalseAlarms = 0.05 // attentive respondents with the inconsistency flag
	MaxAnyFalseAlarms           = 0.08 // attentive respondents with any flag
	MinRandomDetected           = 0.70 // uniformly random respondents with some flag
)

// Target is one target and how the run measured up to it.
type Target struct {
	// Kind and Check say what was counted: Check is "" for any flag.
	Kind, Check string
	// Limit is the target; Max is true for an upper limit.
	Limit float64
	Max   bool
	Got   Count
}

// Met reports whether the run met the target.
func (t Target) Met() bool {
	if t.Max {
		return t.Got.Rate() <= t.Limit
	}
	return t.Got.Rate() >= t.Limit
}

// Targets returns the targets and what the run measured against them.
// The inconsistency target applies only to a bank with that rule. They
// are defined for the default model; UsedDefaultModel says whether this
// run used it.
func (r *Report) Targets() []Target {
	att, rnd := r.Group(Attentive), r.Group(Random)
	var out []Target
	if c, ok := att.Flags[bank.CheckInconsistentPairs]; ok {
		out = append(out, Target{Kind: Attentive, Check: bank.CheckInconsistentPairs, Limit: MaxInconsistencyFalseAlarms, Max: true, Got: c})
	}
	return append(out,
		Target{Kind: Attentive, Limit: MaxAnyFalseAlarms, Max: true, Got: att.Any},
		Target{Kind: Random, Limit: MinRandomDetected, Got: rnd.Any})
}

// UsedDefaultModel reports whether the run used the default model, under
// which the targets are defined.
func (r *Report) UsedDefaultModel() bool { return r.Options.Model == DefaultModel() }

// Count is how many of N respondents had a flag.
type Count struct {
	Hits, N int
}

// Rate is Hits/N, or 0 when N is 0.
func (c Count) Rate() float64 {
	if c.N == 0 {
		return 0
	}
	return float64(c.Hits) / float64(c.N)
}

// Group is what one kind of respondent got.
type Group struct {
	Kind string
	// Flags counts each rule's flag, by check (bank.Check*).
	Flags map[string]Count
	// Any counts respondents with at least one flag.
	Any Count
	// Timed is true when the respondents had answer times; without them
	// the too-fast rule cannot fire.
	Timed bool
}

// Report is the outcome of a run.
type Report struct {
	Options Options
	Rules   []bank.Rule
	Groups  []Group // in the order of Kinds
}

// Group returns the figures of one kind of respondent.
func (r *Report) Group(kind string) Group {
	for _, g := range r.Groups {
		if g.Kind == kind {
			return g
		}
	}
	return Group{Kind: kind, Flags: map[string]Count{}}
}

// Run simulates o.N respondents of every kind on bank b and scores each
// with the real scoring engine.
func Run(b *bank.Bank, o Options) (*Report, error) {
	if o.N < 1 {
		return nil, fmt.Errorf("simulate: n must be at least 1, got %d", o.N)
	}
	m := o.Model
	if m.Sigma < 0 || m.TraitSD < 0 || m.BehaviourSD < 0 || m.IMSD < 0 || m.RateSD < 0 || m.ReadRate <= 0 {
		return nil, fmt.Errorf("simulate: the model's SDs must not be negative and its reading rate must be positive: %+v", m)
	}
	rep := &Report{Options: o, Rules: b.Validity.Rules}
	chars := make(map[string]float64, len(b.Items)) // item lengths, for reading times
	for _, it := range b.Items {
		chars[it.ID] = float64(utf8.RuneCountInString(it.Text.In(o.Lang)))
	}
	eng := score.New(b) // the bank's item indexes, worked out once
	for k, kind := range Kinds {
		if o.Kinds != nil && !slices.Contains(o.Kinds, kind) {
			continue
		}
		// Each kind has its own stream, so changing N for one question
		// does not reshuffle another's respondents.
		rng := rand.New(rand.NewPCG(o.Seed, uint64(k+1)*0x9e3779b97f4a7c15))
		g := Group{Kind: kind, Flags: map[string]Count{}, Timed: kind == Attentive}
		for i := 0; i < o.N; i++ {
			answers, ms := respondent(b, kind, m, chars, rng)
			res := eng.Score(score.Input{ID: "sim", Lang: o.Lang, StartedAt: time.Time{}, CompletedAt: time.Time{}, Answers: answers, MS: ms})
			g.Any.N++
			if len(res.Validity.Flags) > 0 {
				g.Any.Hits++
			}
			for _, r := range b.Validity.Rules {
				c := g.Flags[r.Check]
				c.N++
				if res.Validity.Has(r.Flag()) {
					c.Hits++
				}
				g.Flags[r.Check] = c
			}
		}
		rep.Groups = append(rep.Groups, g)
	}
	return rep, nil
}

// respondent makes one respondent's raw answers (and, for attentive ones,
// times) under the model.
func respondent(b *bank.Bank, kind string, m Model, chars map[string]float64, rng *rand.Rand) (map[string]int, map[string]int64) {
	answers := make(map[string]int, len(b.Items))
	switch kind {
	case Random:
		for _, it := range b.Items {
			answers[it.ID] = rng.IntN(5)
		}
		return answers, nil
	case StraightLine:
		r := rng.IntN(5)
		for _, it := range b.Items {
			answers[it.ID] = r
		}
		return answers, nil
	case AllNever:
		for _, it := range b.Items {
			answers[it.ID] = 0
		}
		return answers, nil
	case Ideal:
		for _, it := range b.Items {
			answers[it.ID] = it.Value(0) // v = 0: 0 for a flat item, 4 for an active one
		}
		return answers, nil
	}
	theta := m.TraitMean + m.TraitSD*rng.NormFloat64()
	level := make(map[string]float64, len(b.Behaviours))
	for _, x := range b.Behaviours {
		level[x.ID] = theta + m.BehaviourSD*rng.NormFloat64()
	}
	im := m.IMMean + m.IMSD*rng.NormFloat64()
	rate := m.ReadRate * math.Exp(m.RateSD*rng.NormFloat64())
	ms := make(map[string]int64, len(b.Items))
	for _, it := range b.Items {
		if it.IM {
			// IM items are keyed like any other: the raw answer is drawn
			// around the person's IM centre, then keyed.
			answers[it.ID] = it.Value(clamp(im + m.Sigma*rng.NormFloat64()))
		} else {
			// v is drawn, then turned back into the raw answer: an active
			// item's raw answer is 4 − v (Value is its own inverse).
			answers[it.ID] = it.Value(clamp(level[it.Behaviour] + m.Sigma*rng.NormFloat64()))
		}
		read := 1000 * chars[it.ID] / rate * math.Exp(0.3*rng.NormFloat64())
		ms[it.ID] = int64(read + m.KeyMS)
	}
	return answers, ms
}

// clamp rounds x to the nearest answer and keeps it on 0–4.
func clamp(x float64) int {
	return int(math.Min(math.Max(math.Round(x), 0), 4))
}
