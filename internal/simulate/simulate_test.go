package simulate_test

import (
	"math"
	"testing"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/simulate"
)

const bank100 = "../../questions/tangping-default.yaml"

func load(t *testing.T, path string) *bank.Bank {
	t.Helper()
	b, err := bank.Load(path, i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func run(t *testing.T, b *bank.Bank, o simulate.Options) *simulate.Report {
	t.Helper()
	r, err := simulate.Run(b, o)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestOldRuleCriesWolf: the 1.0.0 rule (5 pairs, a difference of 2 in 2
// pairs) flags a fifth or more of attentive respondents at σ = 0.9 — the
// finding that made 1.1.0 — and the targets say so.
func TestOldRuleCriesWolf(t *testing.T) {
	t.Parallel()
	o := simulate.DefaultOptions()
	o.N, o.Kinds = 1500, []string{simulate.Attentive, simulate.Random}
	r := run(t, load(t, bank100), o)
	fa := r.Group(simulate.Attentive).Flags[bank.CheckInconsistentPairs].Rate()
	if fa < 0.15 || fa > 0.35 {
		t.Errorf("1.0.0 inconsistency false alarms %.1f%%, want 15–35%%", 100*fa)
	}
	missed := 0
	for _, tg := range r.Targets() {
		if !tg.Met() {
			missed++
		}
	}
	if missed == 0 {
		t.Error("the 1.0.0 rules meet every target; the targets would not have caught the crying wolf")
	}
}

// TestRandomMatchesArithmetic: for uniformly random answers the keyed
// values of a pair are independent and uniform on 0–4, so a pair differs
// by d or more with a probability that can be counted by hand, and the
// number of such pairs is binomial. The simulated rate, through the real
// engine, must agree within four standard errors.
func TestRandomMatchesArithmetic(t *testing.T) {
	t.Parallel()
	randomMatchesArithmetic(t, bank100, 5, 2, 2)
}

func randomMatchesArithmetic(t *testing.T, path string, pairs, d, atLeast int) {
	t.Helper()
	b := load(t, path)
	rule, _ := b.Validity.Rule(bank.CheckInconsistentPairs)
	if len(b.Validity.Pairs) != pairs || rule.Difference != d || rule.AtLeast != atLeast {
		t.Fatalf("%s: %d pairs, rule %+v; the test expects %d pairs, difference %d, at least %d", path, len(b.Validity.Pairs), rule, pairs, d, atLeast)
	}
	// P(|X−Y| ≥ d) for X, Y uniform on 0..4.
	far := 0
	for x := 0; x <= 4; x++ {
		for y := 0; y <= 4; y++ {
			if x-y >= d || y-x >= d {
				far++
			}
		}
	}
	p := float64(far) / 25
	// P(Binomial(pairs, p) ≥ atLeast).
	want := 0.0
	for k := atLeast; k <= pairs; k++ {
		want += binom(pairs, k) * math.Pow(p, float64(k)) * math.Pow(1-p, float64(pairs-k))
	}
	o := simulate.DefaultOptions()
	o.N, o.Seed, o.Kinds = 3000, 7, []string{simulate.Random}
	got := run(t, b, o).Group(simulate.Random).Flags[bank.CheckInconsistentPairs].Rate()
	se := math.Sqrt(want * (1 - want) / float64(o.N))
	if math.Abs(got-want) > 4*se {
		t.Errorf("%s: random respondents flagged inconsistent %.2f%%, arithmetic says %.2f%% (±%.2f)", path, 100*got, 100*want, 100*se)
	}
}

func binom(n, k int) float64 {
	r := 1.0
	for i := 1; i <= k; i++ {
		r = r * float64(n-k+i) / float64(i)
	}
	return r
}

// TestSeeded: the same options give the same figures; another seed gives
// other respondents.
func TestSeeded(t *testing.T) {
	t.Parallel()
	b := load(t, bank100)
	o := simulate.DefaultOptions()
	o.N = 200
	a, c := run(t, b, o), run(t, b, o)
	o.Seed = 99
	d := run(t, b, o)
	same := func(x, y *simulate.Report) bool {
		for i := range x.Groups {
			if x.Groups[i].Any != y.Groups[i].Any {
				return false
			}
			for k, v := range x.Groups[i].Flags {
				if y.Groups[i].Flags[k] != v {
					return false
				}
			}
		}
		return true
	}
	if !same(a, c) {
		t.Error("two runs with one seed differ")
	}
	if same(a, d) {
		t.Error("seeds 1 and 99 gave identical figures for every rule and kind")
	}
}

// TestBadOptions: a run that cannot mean anything is refused.
func TestBadOptions(t *testing.T) {
	t.Parallel()
	b := load(t, bank100)
	o := simulate.DefaultOptions()
	o.N = 0
	if _, err := simulate.Run(b, o); err == nil {
		t.Error("n = 0 accepted")
	}
	o = simulate.DefaultOptions()
	o.Model.Sigma = -1
	if _, err := simulate.Run(b, o); err == nil {
		t.Error("a negative sigma accepted")
	}
}
