// Package synth makes believable synthetic results for the group report's
// tests, demos and benchmarks: every respondent has a latent lying-flat
// level that drives all their answers, so scales hang together as real
// ones do and alpha comes out positive. Results are scored by the real
// scoring engine.
package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/score"
)

// Units and roles the synthetic respondents belong to, from large to
// small, so that a --by report has subgroups of every size.
var (
	Units = []string{"城管局", "财政局", "发改委", "教育局", "档案馆", "信访办", ""}
	Roles = []string{"科员", "副科长", "科长", "副局长", ""}
)

var unitWeights = []float64{0.3, 0.25, 0.2, 0.15, 0.05, 0.02, 0.03}

// Generator makes results one at a time from a fixed seed.
type Generator struct {
	b   *bank.Bank
	e   *score.Engine
	rng *rand.Rand
	t0  time.Time
	i   int
}

// New returns a generator for bank b; the same seed gives the same
// results.
func New(b *bank.Bank, seed uint64) *Generator {
	return &Generator{b: b, e: score.New(b), rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		t0: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
}

// Name is the respondent name of the i-th result (1-based): unique and
// easy to search for, so tests can prove no name leaks into a report.
func Name(i int) string { return fmt.Sprintf("测试姓名%05d", i) }

// Next returns the next result.
func (g *Generator) Next() result.Result {
	g.i++
	rng := g.rng
	theta := rng.NormFloat64()
	answers := map[string]int{}
	ms := map[string]int64{}
	pace := 2500 + rng.Float64()*4000
	if rng.IntN(40) == 0 {
		pace = 900 // a hurried respondent
	}
	for _, it := range g.b.Items {
		if rng.IntN(60) == 0 {
			continue // left blank
		}
		v := 1.6 + 0.9*theta + rng.NormFloat64()*0.9
		if it.IM {
			v = 1.3 + 0.4*theta + rng.NormFloat64()
		}
		r := int(math.Round(math.Min(math.Max(v, 0), 4)))
		if it.Keyed == bank.KeyedActive {
			r = 4 - r
		}
		answers[it.ID] = r
		ms[it.ID] = int64(pace * (0.5 + rng.Float64()))
	}
	start := g.t0.Add(time.Duration(g.i) * time.Minute)
	return g.e.Score(score.Input{
		ID:   fmt.Sprintf("synth-%08d-%016x", g.i, rng.Uint64()),
		Lang: i18n.ZH,
		Respondent: result.Respondent{
			Name: Name(g.i), Unit: pick(rng, Units, unitWeights), Role: Roles[rng.IntN(len(Roles))],
		},
		StartedAt: start, CompletedAt: start.Add(6 * time.Minute),
		Answers: answers, MS: ms,
	})
}

func pick(rng *rand.Rand, xs []string, w []float64) string {
	x := rng.Float64()
	for i, p := range w {
		if x < p {
			return xs[i]
		}
		x -= p
	}
	return xs[len(xs)-1]
}
