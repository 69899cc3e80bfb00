package bank

// The defaults of a bank's settings (docs/bank-format.md). A bank
// overrides any of them; the loader fills in the zero values so that
// scoring never has to. The validity defaults are those of bank version
// 1.0.0, kept so that its results still score as they did
// (docs/validity.md).
const (
	DefaultMinAnswered       = 0.8
	DefaultIMCount           = 4
	DefaultPairDifference    = 2
	DefaultInconsistentPairs = 2
	DefaultLongestRun        = 10
	DefaultMedianMS          = 1500
)

// DefaultCuts are the band cut points of both scores.
func DefaultCuts() []float64 { return []float64{25, 50, 75} }

// DefaultFlagAt is the behaviour score at which a behaviour is flagged.
const DefaultFlagAt = 50.0

// applyDefaults fills every numeric setting the bank left out.
func (b *Bank) applyDefaults() {
	s := &b.Scoring
	if s.MinAnswered == 0 {
		s.MinAnswered = DefaultMinAnswered
	}
	if s.BehaviourBands.Cuts == nil {
		s.BehaviourBands.Cuts = DefaultCuts()
	}
	if s.DimensionBands.Cuts == nil {
		s.DimensionBands.Cuts = DefaultCuts()
	}
	if s.BehaviourBands.FlagAt == nil {
		f := DefaultFlagAt
		s.BehaviourBands.FlagAt = &f
	}
	v := &b.Validity
	if v.Rules == nil {
		v.Rules = v.Thresholds.rules()
		v.Thresholds = nil
	}
	if b.Causes == nil {
		b.Causes = DefaultCauses()
	}
	for i := range b.Causes {
		if b.Causes[i].When == "" {
			b.Causes[i].When = CauseAlways
		}
	}
}

// rules turns 1.0.0 thresholds (nil: all defaults) into the equivalent
// rules, so that a 1.0.0 bank scores exactly as it always did.
func (t *Thresholds) rules() []Rule {
	var x Thresholds
	if t != nil {
		x = *t
	}
	or := func(v, def int) int {
		if v == 0 {
			return def
		}
		return v
	}
	return []Rule{
		{Check: CheckIMCount, AtLeast: or(x.IMCount, DefaultIMCount)},
		{Check: CheckInconsistentPairs, Difference: or(x.PairDifference, DefaultPairDifference), AtLeast: or(x.InconsistentPairs, DefaultInconsistentPairs)},
		{Check: CheckLongestRun, AtLeast: or(x.LongestRun, DefaultLongestRun)},
		{Check: CheckMedianMS, Below: or(x.MedianMS, DefaultMedianMS)},
	}
}
