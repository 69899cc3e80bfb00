package simulate_test

import (
	"testing"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/simulate"
)

const bank110 = "../../questions/tangping-default-1.1.0.yaml"

// TestDefaultBankMeetsTargets: under the documented model, bank 1.1.0
// meets every target with two seeds, and catches every straight-liner and
// every all-从不 respondent.
func TestDefaultBankMeetsTargets(t *testing.T) {
	t.Parallel()
	b := load(t, bank110)
	for _, seed := range []uint64{1, 2} {
		o := simulate.DefaultOptions()
		o.N, o.Seed = 2000, seed
		r := run(t, b, o)
		if len(r.Targets()) != 3 {
			t.Fatalf("%d targets, want 3 (the bank has an inconsistency rule)", len(r.Targets()))
		}
		for _, tg := range r.Targets() {
			if !tg.Met() {
				t.Errorf("seed %d: %s %s: %.1f%% misses the target %.0f%%", seed, tg.Kind, tg.Check, 100*tg.Got.Rate(), 100*tg.Limit)
			}
		}
		for _, kind := range []string{simulate.StraightLine, simulate.AllNever, simulate.Ideal} {
			if g := r.Group(kind); g.Any.Rate() != 1 {
				t.Errorf("seed %d: %s respondents caught %.1f%%, want all", seed, kind, 100*g.Any.Rate())
			}
		}
		if c := r.Group(simulate.StraightLine).Flags[bank.CheckLongestRun]; c.Rate() != 1 {
			t.Errorf("seed %d: long-string caught %.1f%% of straight-liners, want all", seed, 100*c.Rate())
		}
		// Careless respondents have no times, so the too-fast rule cannot
		// fire for them; for attentive ones it should (almost) never.
		att := r.Group(simulate.Attentive)
		if c := att.Flags[bank.CheckMedianMS]; c.Rate() > 0.005 {
			t.Errorf("seed %d: too-fast flags %.2f%% of attentive respondents", seed, 100*c.Rate())
		}
		if c := att.Flags[bank.CheckLongestRun]; c.Rate() > 0.01 {
			t.Errorf("seed %d: long-string flags %.2f%% of attentive respondents", seed, 100*c.Rate())
		}
	}
}

// TestRandomMatchesArithmetic110: the same hand count for the ten pairs
// of 1.1.0 at a difference of 3.
func TestRandomMatchesArithmetic110(t *testing.T) {
	t.Parallel()
	randomMatchesArithmetic(t, bank110, 10, 3, 2)
}
