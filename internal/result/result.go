// Package result owns the result document (schema_version 1): its types,
// its JSON Schema, reading result files with clear errors, and writing
// them atomically with private permissions.
package result

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"time"
)

// SchemaVersion is the version of the result document this build writes
// and reads. Bump it, and say so in docs/scoring.md, when the format changes.
const SchemaVersion = 1

// Validity flag names (docs/validity.md).
const (
	FlagImpressionManagement = "impression_management"
	FlagInconsistency        = "inconsistency"
	FlagStraightLining       = "straight_lining"
	FlagTooFast              = "too_fast"
)

// Result is one person's scored questionnaire.
type Result struct {
	SchemaVersion   int              `json:"schema_version"`
	ID              string           `json:"id"`
	Instrument      Instrument       `json:"instrument"`
	Lang            string           `json:"lang"`
	Respondent      Respondent       `json:"respondent"`
	StartedAt       time.Time        `json:"started_at"`
	CompletedAt     time.Time        `json:"completed_at"`
	Answers         []Answer         `json:"answers"`
	Behaviours      []Behaviour      `json:"behaviours"`
	Dimensions      []Dimension      `json:"dimensions"`
	Validity        Validity         `json:"validity"`
	Recommendations []Recommendation `json:"recommendations"`

	// Unverified is set by the reader, never believed from a file: true
	// when the result's bank could not be found and it was read with
	// --unverified, so its figures were not recomputed
	// (docs/verification.md). Outputs of such a result say so.
	Unverified bool `json:"unverified,omitempty"`
}

// Instrument names the bank the result was scored with.
type Instrument struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	SHA256  string `json:"sha256"`
}

// Respondent is who answered. All fields are optional; Anonymous is true
// when the person chose not to give them.
type Respondent struct {
	Anonymous bool   `json:"anonymous"`
	Name      string `json:"name"`
	Unit      string `json:"unit"`
	Role      string `json:"role"`
}

// Answer is one item in presentation order. Value is nil when the item
// was not answered; MS is the time spent on it, when it was recorded.
type Answer struct {
	Item  string `json:"item"`
	Value *int   `json:"value"`
	MS    *int64 `json:"ms,omitempty"`
}

// Behaviour is the score of one lying-flat behaviour (higher = more
// lying-flat). Score and Band are nil when too few items were answered.
type Behaviour struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Score     *float64 `json:"score"`
	Band      *int     `json:"band"`
	BandLabel string   `json:"band_label"`
	Flagged   bool     `json:"flagged"`
	Answered  int      `json:"answered"`
	Items     int      `json:"items"`
}

// Dimension is the score of one conduct dimension (higher = better).
type Dimension struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Score     *float64 `json:"score"`
	Band      *int     `json:"band"`
	BandLabel string   `json:"band_label"`
	Answered  int      `json:"answered"`
	Items     int      `json:"items"`
}

// Validity holds the raised flags and the figures behind them. MedianMS
// is nil when no answer times were recorded.
type Validity struct {
	Flags             []string `json:"flags"`
	IMCount           int      `json:"im_count"`
	InconsistentPairs int      `json:"inconsistent_pairs"`
	LongestRun        int      `json:"longest_run"`
	MedianMS          *float64 `json:"median_ms"`
}

// Recommendation is one targeted measure, for a behaviour or dimension id.
type Recommendation struct {
	For  string `json:"for"`
	Text string `json:"text"`
}

// Has reports whether flag is raised.
func (v Validity) Has(flag string) bool {
	return slices.Contains(v.Flags, flag)
}

// AnswerMap returns the answered items as id → raw value.
func (r *Result) AnswerMap() map[string]int {
	m := make(map[string]int, len(r.Answers))
	for _, a := range r.Answers {
		if a.Value != nil {
			m[a.Item] = *a.Value
		}
	}
	return m
}

// NewID returns a random result id (128 bits, hex).
func NewID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		// crypto/rand does not fail on supported platforms; a time-based
		// id still keeps results apart if it ever does.
		return fmt.Sprintf("t%x", time.Now().UnixNano())
	}
	return hex.EncodeToString(b[:])
}
