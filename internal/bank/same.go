package bank

import (
	"maps"
	"slices"
)

// SameScoring reports whether two banks ask the same questions and score
// them the same way: the same recall window, answer scale, scoring
// settings, dimensions and behaviours (by id, in order), and the same
// items (id, text, behaviour, dimension, keying, IM) in the same order.
// Validity rules, pairs, notes, recommendations and cause classes may
// differ. Two results scored with such banks have comparable dimension and
// behaviour scores, though not comparable validity flags
// (docs/validity.md).
func SameScoring(a, b *Bank) bool {
	if !sameText(a.RecallWindow, b.RecallWindow) || a.Scoring.MinAnswered != b.Scoring.MinAnswered ||
		!sameBands(a.Scoring.BehaviourBands, b.Scoring.BehaviourBands) || !sameBands(a.Scoring.DimensionBands, b.Scoring.DimensionBands) {
		return false
	}
	if !slices.EqualFunc(a.Scale, b.Scale, func(x, y Anchor) bool { return x.Value == y.Value && sameText(x.Label, y.Label) }) {
		return false
	}
	if !slices.EqualFunc(a.Dimensions, b.Dimensions, func(x, y Dimension) bool { return x.ID == y.ID }) ||
		!slices.EqualFunc(a.Behaviours, b.Behaviours, func(x, y Behaviour) bool { return x.ID == y.ID }) {
		return false
	}
	return slices.EqualFunc(a.Items, b.Items, func(x, y Item) bool {
		return x.ID == y.ID && sameText(x.Text, y.Text) && x.Behaviour == y.Behaviour && x.Dimension == y.Dimension &&
			x.Keyed == y.Keyed && x.IM == y.IM
	})
}

func sameText(a, b Text) bool { return maps.Equal(a, b) }

func sameBands(a, b Bands) bool {
	fa, fb := DefaultFlagAt, DefaultFlagAt
	if a.FlagAt != nil {
		fa = *a.FlagAt
	}
	if b.FlagAt != nil {
		fb = *b.FlagAt
	}
	return fa == fb && slices.Equal(a.Cuts, b.Cuts)
}
