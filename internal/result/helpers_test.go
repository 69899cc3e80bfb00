package result_test

import (
	"time"

	"github.com/tangping-dev/tangping/internal/result"
)

//go:fix inline
func ptr[T any](v T) *T { return new(v) }

// sample is a small result written by hand: two items, one unanswered,
// one behaviour and one dimension.
func sample() *result.Result {
	cst := time.FixedZone("CST", 8*3600)
	return &result.Result{
		SchemaVersion: 1,
		ID:            "5f2b8c0e9a7d4e1f8b3c6a2d0e9f7b1c",
		Instrument:    result.Instrument{ID: "small", Version: "0.1.0", SHA256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},
		Lang:          "zh",
		Respondent:    result.Respondent{Name: "王五", Unit: "城管局", Role: "科员"},
		StartedAt:     time.Date(2026, 5, 1, 9, 30, 0, 0, cst),
		CompletedAt:   time.Date(2026, 5, 1, 9, 42, 5, 0, cst),
		Answers: []result.Answer{
			{Item: "I01", Value: new(3), MS: new(int64(4210))},
			{Item: "I02"},
		},
		Behaviours:      []result.Behaviour{{ID: "BA", Name: "表现甲", Score: new(62.5), Band: new(3), BandLabel: "较为明显", Flagged: true, Answered: 4, Items: 5}},
		Dimensions:      []result.Dimension{{ID: "DA", Name: "维度甲", Answered: 3, Items: 5}},
		Validity:        result.Validity{Flags: []string{"impression_management"}, IMCount: 4, InconsistentPairs: 1, LongestRun: 3, MedianMS: new(3900.0)},
		Recommendations: []result.Recommendation{{For: "BA", Text: "建议甲"}},
	}
}
