package bank_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
)

const (
	bank100File = "../../questions/tangping-default.yaml"
	bank110File = "../../questions/tangping-default-1.1.0.yaml"
)

// TestBank110 pins what version 1.1.0 changed and what it kept: the same
// items, scale, scoring, dimensions and behaviours as 1.0.0 (so scores
// compare across the versions), ten flat–active pairs, one per behaviour,
// the calibrated rules, and the built-in cause classes written out.
func TestBank110(t *testing.T) {
	t.Parallel()
	old, err := bank.Load(bank100File, i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	b, err := bank.Load(bank110File, i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	if b.ID != old.ID || b.Version != "1.1.0" || old.Version != "1.0.0" {
		t.Errorf("versions %s %s / %s %s", old.ID, old.Version, b.ID, b.Version)
	}
	if !bank.SameScoring(old, b) {
		t.Error("1.1.0 scores differently from 1.0.0")
	}
	// One item keyed the other way is another way of scoring.
	other := *b
	other.Items = slices.Clone(b.Items)
	other.Items[3].Keyed = bank.KeyedActive
	if bank.SameScoring(old, &other) {
		t.Error("SameScoring misses an item keyed the other way")
	}
	if !reflect.DeepEqual(b.Causes, bank.DefaultCauses()) {
		t.Error("the cause classes written in 1.1.0 differ from the built-in ones 1.0.0 gets")
	}
	seen := map[string]bool{}
	for _, p := range b.Validity.Pairs {
		x, _ := b.Item(p[0])
		y, _ := b.Item(p[1])
		if x.Keyed != bank.KeyedFlat || y.Keyed != bank.KeyedActive || x.Behaviour != y.Behaviour {
			t.Errorf("pair %v: %s %s / %s %s, want flat then active of one behaviour", p, x.Keyed, x.Behaviour, y.Keyed, y.Behaviour)
		}
		seen[x.Behaviour] = true
	}
	if len(b.Validity.Pairs) != 10 || len(seen) != 10 {
		t.Errorf("%d pairs over %d behaviours, want 10 over 10", len(b.Validity.Pairs), len(seen))
	}
	want := []bank.Rule{{Check: "im_count", AtLeast: 4}, {Check: "inconsistent_pairs", Difference: 3, AtLeast: 2},
		{Check: "longest_run", AtLeast: 12}, {Check: "median_ms", Below: 1500}}
	if !slices.Equal(b.Validity.Rules, want) {
		t.Errorf("rules = %+v, want %+v", b.Validity.Rules, want)
	}
}
