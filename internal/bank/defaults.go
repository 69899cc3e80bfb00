package bank

// The contract's defaults (DESIGN.md). A bank overrides any of them; the
// loader fills in the zero values so that scoring never has to.
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
	t := &b.Validity.Thresholds
	if t.IMCount == 0 {
		t.IMCount = DefaultIMCount
	}
	if t.PairDifference == 0 {
		t.PairDifference = DefaultPairDifference
	}
	if t.InconsistentPairs == 0 {
		t.InconsistentPairs = DefaultInconsistentPairs
	}
	if t.LongestRun == 0 {
		t.LongestRun = DefaultLongestRun
	}
	if t.MedianMS == 0 {
		t.MedianMS = DefaultMedianMS
	}
}
