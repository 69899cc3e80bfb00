// Package bank owns the question bank: its types, the strict YAML loader
// and validator, and the handle on the default bank embedded in the binary.
package bank

import (
	"github.com/tangping-dev/tangping/internal/i18n"
)

// Keyed values of an item.
const (
	KeyedFlat   = "flat"   // a frequent answer means more lying-flat
	KeyedActive = "active" // a frequent answer means less lying-flat
)

// Text is one user-facing string in every language of the bank, keyed by
// language code ("zh", "en").
type Text map[string]string

// In returns the text in lang, falling back to Chinese and then to any
// language present, so that a bank written in one language still shows.
func (t Text) In(lang i18n.Lang) string {
	if s, ok := t[string(lang)]; ok && s != "" {
		return s
	}
	if s, ok := t[string(i18n.ZH)]; ok && s != "" {
		return s
	}
	for _, s := range t {
		if s != "" {
			return s
		}
	}
	return ""
}

// Bank is a whole question bank, in presentation order.
type Bank struct {
	ID           string      `yaml:"id" json:"id"`
	Version      string      `yaml:"version" json:"version"`
	Languages    []string    `yaml:"languages" json:"languages"`
	Title        Text        `yaml:"title" json:"title"`
	Purpose      Text        `yaml:"purpose" json:"purpose"`
	RecallWindow Text        `yaml:"recall_window" json:"recall_window"`
	Scale        []Anchor    `yaml:"scale" json:"scale"`
	Scoring      Scoring     `yaml:"scoring" json:"scoring"`
	Validity     Validity    `yaml:"validity" json:"validity"`
	Dimensions   []Dimension `yaml:"dimensions" json:"dimensions"`
	Behaviours   []Behaviour `yaml:"behaviours" json:"behaviours"`
	Items        []Item      `yaml:"items" json:"items"`
	// Causes are the outline's root-cause classes. A bank that leaves them
	// out gets DefaultCauses.
	Causes []Cause `yaml:"causes,omitempty" json:"causes,omitempty"`

	// SHA256 is the hex hash of the bank file's bytes; File is where it
	// came from. Both are set by the loader, never read or written: a
	// hash of a file cannot be part of it, and `bank show --json` must
	// read back as a bank (docs/verification.md).
	SHA256 string `yaml:"-" json:"-"`
	File   string `yaml:"-" json:"-"`
}

// Anchor is one point of the answer scale.
type Anchor struct {
	Value int  `yaml:"value" json:"value"`
	Label Text `yaml:"label" json:"label"`
}

// Scoring holds the bank's cut points and the share of items that must be
// answered for a score. Zero values take the contract's defaults.
type Scoring struct {
	MinAnswered    float64 `yaml:"min_answered" json:"min_answered"`
	Notice         Text    `yaml:"notice" json:"notice"`
	BehaviourBands Bands   `yaml:"behaviour_bands" json:"behaviour_bands"`
	DimensionBands Bands   `yaml:"dimension_bands" json:"dimension_bands"`
}

// Bands are the cut points and labels of one score. len(Labels) is
// len(Cuts)+1; a score below Cuts[0] is band 1.
type Bands struct {
	Cuts   []float64 `yaml:"cuts" json:"cuts"`
	FlagAt *float64  `yaml:"flag_at,omitempty" json:"flag_at,omitempty"`
	Labels []Text    `yaml:"labels" json:"labels"`
}

// Validity holds the consistency pairs, the rules that raise the four
// validity flags, and the gentle notes shown when a flag is raised.
//
// A bank gives its rules either as a list (Rules, docs/bank-format.md) or,
// as banks of version 1.0.0 do, as Thresholds. The loader turns
// Thresholds into the equivalent Rules and clears them, so that scoring
// reads one thing; a loaded bank always has Rules and never Thresholds.
type Validity struct {
	Pairs      [][]string  `yaml:"pairs" json:"pairs"`
	Thresholds *Thresholds `yaml:"thresholds,omitempty" json:"thresholds,omitempty"`
	Rules      []Rule      `yaml:"rules,omitempty" json:"rules,omitempty"`
	Notes      FlagNotes   `yaml:"notes" json:"notes"`
}

// Thresholds of the validity flags, the 1.0.0 way of writing the rules.
// Zero values take the defaults.
type Thresholds struct {
	IMCount           int `yaml:"im_count" json:"im_count"`
	PairDifference    int `yaml:"pair_difference" json:"pair_difference"`
	InconsistentPairs int `yaml:"inconsistent_pairs" json:"inconsistent_pairs"`
	LongestRun        int `yaml:"longest_run" json:"longest_run"`
	MedianMS          int `yaml:"median_ms" json:"median_ms"`
}

// The checks a validity rule can apply. Each names the figure of the
// result's validity section it reads, and raises one flag.
const (
	CheckIMCount           = "im_count"           // IM items answered at the flattering extreme
	CheckInconsistentPairs = "inconsistent_pairs" // pairs whose keyed values differ by Difference or more
	CheckLongestRun        = "longest_run"        // longest run of identical raw answers
	CheckMedianMS          = "median_ms"          // median time per item, when times were recorded
)

// Checks lists every check in the order flags are raised.
var Checks = []string{CheckIMCount, CheckInconsistentPairs, CheckLongestRun, CheckMedianMS}

// Rule is one validity rule: a check, and the point at which it raises its
// flag — a figure of AtLeast or more, or for median_ms a time Below.
type Rule struct {
	Check      string `yaml:"check" json:"check"`
	AtLeast    int    `yaml:"at_least,omitempty" json:"at_least,omitempty"`
	Below      int    `yaml:"below,omitempty" json:"below,omitempty"`
	Difference int    `yaml:"difference,omitempty" json:"difference,omitempty"`
}

// Flag is the validity flag the rule raises (result.Flag*).
func (r Rule) Flag() string {
	switch r.Check {
	case CheckIMCount:
		return "impression_management"
	case CheckInconsistentPairs:
		return "inconsistency"
	case CheckLongestRun:
		return "straight_lining"
	case CheckMedianMS:
		return "too_fast"
	}
	return ""
}

// Raised reports whether figure x raises the rule's flag.
func (r Rule) Raised(x float64) bool {
	if r.Check == CheckMedianMS {
		return x < float64(r.Below)
	}
	return x >= float64(r.AtLeast)
}

// Rule returns the bank's rule for check, if it has one.
func (v *Validity) Rule(check string) (Rule, bool) {
	for _, r := range v.Rules {
		if r.Check == check {
			return r, true
		}
	}
	return Rule{}, false
}

// Cause is one class of root cause in the outline's analysis of causes
// (原因剖析): which behaviours and dimensions it mostly explains, the
// prompts that help the writer dig into it, and a pointer to what helps.
type Cause struct {
	ID       string   `yaml:"id" json:"id"`
	Title    Text     `yaml:"title" json:"title"`
	Explains []string `yaml:"explains" json:"explains"`
	// When is CauseAlways (the default) or CauseFlagged: shown only when
	// a behaviour it explains is flagged or a dimension it explains is in
	// the two lowest bands.
	When    string `yaml:"when,omitempty" json:"when,omitempty"`
	Prompts []Text `yaml:"prompts" json:"prompts"`
	Pointer Text   `yaml:"pointer" json:"pointer"`
}

// When values of a Cause.
const (
	CauseAlways  = "always"
	CauseFlagged = "flagged"
)

// FlagNotes are the texts shown for each raised validity flag.
type FlagNotes struct {
	ImpressionManagement Text `yaml:"impression_management" json:"impression_management"`
	Inconsistency        Text `yaml:"inconsistency" json:"inconsistency"`
	StraightLining       Text `yaml:"straight_lining" json:"straight_lining"`
	TooFast              Text `yaml:"too_fast" json:"too_fast"`
}

// Dimension is one of the conduct dimensions (higher score = better).
type Dimension struct {
	ID              string `yaml:"id" json:"id"`
	Name            Text   `yaml:"name" json:"name"`
	Description     Text   `yaml:"description" json:"description"`
	Recommendations []Text `yaml:"recommendations" json:"recommendations"`
}

// Behaviour is one lying-flat behaviour (higher score = more lying-flat).
type Behaviour struct {
	ID              string `yaml:"id" json:"id"`
	Name            Text   `yaml:"name" json:"name"`
	Description     Text   `yaml:"description" json:"description"`
	Recommendations []Text `yaml:"recommendations" json:"recommendations"`
}

// Item is one question. An impression-management item (IM) has no
// behaviour and no dimension.
type Item struct {
	ID        string `yaml:"id" json:"id"`
	Text      Text   `yaml:"text" json:"text"`
	Behaviour string `yaml:"behaviour,omitempty" json:"behaviour,omitempty"`
	Dimension string `yaml:"dimension,omitempty" json:"dimension,omitempty"`
	Keyed     string `yaml:"keyed" json:"keyed"`
	IM        bool   `yaml:"im,omitempty" json:"im,omitempty"`
}

// Value converts a raw answer r (0–4) into v, the lying-flat value:
// v = r for a flat item and v = 4 − r for an active one.
func (it Item) Value(r int) int {
	if it.Keyed == KeyedActive {
		return 4 - r
	}
	return r
}

// Item returns the item with the given id.
func (b *Bank) Item(id string) (Item, bool) {
	for _, it := range b.Items {
		if it.ID == id {
			return it, true
		}
	}
	return Item{}, false
}

// Behaviour returns the behaviour with the given id.
func (b *Bank) Behaviour(id string) (Behaviour, bool) {
	for _, x := range b.Behaviours {
		if x.ID == id {
			return x, true
		}
	}
	return Behaviour{}, false
}

// Dimension returns the dimension with the given id.
func (b *Bank) Dimension(id string) (Dimension, bool) {
	for _, x := range b.Dimensions {
		if x.ID == id {
			return x, true
		}
	}
	return Dimension{}, false
}

// AnchorLabel returns the label of raw answer r in lang.
func (b *Bank) AnchorLabel(r int, lang i18n.Lang) string {
	for _, a := range b.Scale {
		if a.Value == r {
			return a.Label.In(lang)
		}
	}
	return ""
}
