// Package report owns what a person reads about their own result: the
// text, Markdown, HTML and JSON reports with their "why this score"
// section, the draft outline of the self-examination report
// (对照检查材料), and the comparison of two results of one person.
//
// Every renderer works from one view model, Doc, built once from a result
// and (when it is the bank the result was scored with) its bank, so the
// formats can never disagree about a number or a name.
package report

import (
	"math"
	"time"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/score"
)

// Doc is the view model every format renders.
type Doc struct {
	Lang       i18n.Lang
	Title      string
	Instrument string // "tangping-default 1.0.0"
	Completed  time.Time
	Respondent result.Respondent
	Notice     string

	Dimensions []Row // bank order
	Behaviours []Row // most to least pronounced
	FlagAt     float64
	Flags      []string // validity flags raised
	Notes      []string // one gentle note per raised flag
	Recs       []Rec
	Missing    Missing // unanswered items and unscored scales

	// Unverified is true when the result was read without its bank, so
	// its figures were not recomputed (docs/verification.md); every
	// format says so at the top.
	Unverified bool
	// BankMatch is true when the bank is the one the result was scored
	// with; only then can the items behind each score be listed.
	BankMatch bool
	Why       []WhyScale // per dimension; empty without BankMatch
	WhyNote   string     // why Why is empty, when it is
	DimBands  []BandRange
	BehBands  []BandRange
	Scale     []bank.Anchor // the answer scale, for the method line
	MinShare  float64       // share of a scale's items needed for a score
}

// Row is one scored scale, ready to show.
type Row struct {
	ID       string
	Name     string
	Score    *float64 // unrounded; nil when too few items were answered
	Shown    int      // Score rounded for display, kept inside its band
	Band     int      // 0 when unscored
	Label    string
	Flagged  bool
	Answered int
	Items    int
}

// Rec is one recommended measure and what it is for.
type Rec struct {
	For     string
	ForName string
	Text    string
}

// BandRange is one band: [Lo, Hi) with a label. Lo is nil for the first
// band and Hi for the last.
type BandRange struct {
	Lo, Hi *float64
	Label  string
}

// WhyScale lists the items behind one dimension's score.
type WhyScale struct {
	Row
	Questions []WhyItem
	SumV      int // sum of v over the answered items
}

// WhyItem is one item as it went into a score.
type WhyItem struct {
	ID            string
	Text          string
	BehaviourID   string
	BehaviourName string
	Answered      bool
	Raw           int
	RawLabel      string
	Active        bool // keyed active: v = 4 − r
	V             int
}

// Matches reports whether b is the bank r was scored with: same id and
// the same file hash, so that item ids mean the same questions.
func Matches(b *bank.Bank, r *result.Result) bool {
	return b != nil && b.ID == r.Instrument.ID && b.SHA256 == r.Instrument.SHA256
}

// Build makes the view model of r in lang. b may be nil or a bank other
// than the result's; then names, labels and recommendations come from the
// result as stored, and the "why" section says why it is missing.
func Build(r *result.Result, b *bank.Bank, lang i18n.Lang) Doc {
	match := Matches(b, r)
	d := Doc{
		Lang:       lang,
		Title:      lang.T("躺平式干部自查自测", "Lying-flat cadre self-check"),
		Instrument: r.Instrument.ID + " " + r.Instrument.Version,
		Completed:  r.CompletedAt,
		Respondent: r.Respondent,
		Notice:     lang.T("描述性区间，非常模", "Descriptive bands, not norms"),
		FlagAt:     bank.DefaultFlagAt,
		BankMatch:  match,
		Unverified: r.Unverified,
		Flags:      append([]string(nil), r.Validity.Flags...),
	}
	dimCuts, behCuts := bank.DefaultCuts(), bank.DefaultCuts()
	if b != nil {
		// The notice and the validity notes are about the method, not about
		// one instrument's items, so any bank's wording will do.
		if s := b.Scoring.Notice.In(lang); s != "" {
			d.Notice = s
		}
	}
	if match {
		d.Title = b.Title.In(lang)
		dimCuts, behCuts = b.Scoring.DimensionBands.Cuts, b.Scoring.BehaviourBands.Cuts
		if f := b.Scoring.BehaviourBands.FlagAt; f != nil {
			d.FlagAt = *f
		}
	}
	for _, x := range r.Dimensions {
		row := newRow(x.ID, x.Name, x.Score, x.Band, x.BandLabel, false, x.Answered, x.Items, dimCuts)
		if match {
			if bd, ok := b.Dimension(x.ID); ok {
				row.Name = bd.Name.In(lang)
			}
			row.Label = bandLabel(b.Scoring.DimensionBands, row.Band, lang, row.Label)
		}
		d.Dimensions = append(d.Dimensions, row)
	}
	for _, x := range score.SortBehaviours(r.Behaviours) {
		row := newRow(x.ID, x.Name, x.Score, x.Band, x.BandLabel, x.Flagged, x.Answered, x.Items, behCuts)
		if match {
			if bb, ok := b.Behaviour(x.ID); ok {
				row.Name = bb.Name.In(lang)
			}
			row.Label = bandLabel(b.Scoring.BehaviourBands, row.Band, lang, row.Label)
		}
		d.Behaviours = append(d.Behaviours, row)
	}
	d.Missing = missing(r, d.Dimensions, d.Behaviours)
	d.Notes = notes(r.Validity.Flags, b, lang)
	d.Recs = recs(r, b, match, lang, d.nameOf)
	if match {
		d.DimBands = bandRanges(b.Scoring.DimensionBands, lang)
		d.BehBands = bandRanges(b.Scoring.BehaviourBands, lang)
		d.Why = why(r, b, lang, d.Dimensions)
		d.Scale, d.MinShare = b.Scale, b.Scoring.MinAnswered
	} else {
		d.WhyNote = whyMissing(r, b, lang)
	}
	d.printable()
	return d
}

// printable shows control characters in every string of the view model
// as \xNN: names, units and texts come from a file anyone can edit, and
// an escape sequence in one must not act on the terminal that shows it
// (docs/verification.md). HTML escapes on top of this.
func (d *Doc) printable() {
	p := diag.Printable
	d.Title, d.Instrument, d.Notice, d.WhyNote = p(d.Title), p(d.Instrument), p(d.Notice), p(d.WhyNote)
	d.Respondent.Name, d.Respondent.Unit, d.Respondent.Role = p(d.Respondent.Name), p(d.Respondent.Unit), p(d.Respondent.Role)
	rows := func(rs []Row) {
		for i := range rs {
			rs[i].ID, rs[i].Name, rs[i].Label = p(rs[i].ID), p(rs[i].Name), p(rs[i].Label)
		}
	}
	rows(d.Dimensions)
	rows(d.Behaviours)
	for i := range d.Flags {
		d.Flags[i] = p(d.Flags[i])
	}
	for i := range d.Notes {
		d.Notes[i] = p(d.Notes[i])
	}
	for i := range d.Recs {
		d.Recs[i] = Rec{For: p(d.Recs[i].For), ForName: p(d.Recs[i].ForName), Text: p(d.Recs[i].Text)}
	}
	for _, names := range [][]string{d.Missing.Dimensions, d.Missing.Behaviours} {
		for i := range names {
			names[i] = p(names[i])
		}
	}
	for i := range d.Why {
		w := &d.Why[i]
		w.ID, w.Name, w.Label = p(w.ID), p(w.Name), p(w.Label)
	}
}

func newRow(id, name string, s *float64, band *int, label string, flagged bool, answered, items int, cuts []float64) Row {
	row := Row{ID: id, Name: name, Score: s, Label: label, Flagged: flagged, Answered: answered, Items: items}
	if band != nil {
		row.Band = *band
	}
	if s != nil {
		row.Shown = shown(*s, cuts)
	}
	return row
}

// shown rounds a score for display but keeps it inside its band, so that
// 49.6 in band 2 never reads "50" next to a band-2 label.
func shown(s float64, cuts []float64) int {
	n := math.Round(s)
	for _, c := range cuts {
		if s < c && n >= c {
			n = math.Ceil(c) - 1
		}
		if s >= c && n < c {
			n = math.Ceil(c)
		}
	}
	return int(n)
}

func bandLabel(bd bank.Bands, band int, lang i18n.Lang, fallback string) string {
	if band >= 1 && band <= len(bd.Labels) {
		return bd.Labels[band-1].In(lang)
	}
	return fallback
}

func bandRanges(bd bank.Bands, lang i18n.Lang) []BandRange {
	out := make([]BandRange, len(bd.Cuts)+1)
	for i := range out {
		if i > 0 {
			out[i].Lo = &bd.Cuts[i-1]
		}
		if i < len(bd.Cuts) {
			out[i].Hi = &bd.Cuts[i]
		}
		out[i].Label = bandLabel(bd, i+1, lang, "")
	}
	return out
}

// nameOf returns the shown name of a dimension or behaviour id.
func (d *Doc) nameOf(id string) string {
	for _, rows := range [][]Row{d.Behaviours, d.Dimensions} {
		for _, x := range rows {
			if x.ID == id {
				return x.Name
			}
		}
	}
	return id
}

// Weak returns the dimensions in the two lowest bands, weakest first.
func (d *Doc) Weak() []Row {
	var out []Row
	for _, x := range d.Dimensions {
		if x.Score != nil && x.Band <= 2 {
			out = append(out, x)
		}
	}
	sortRows(out, func(a, b Row) bool { return *a.Score < *b.Score })
	return out
}

// Flagged returns the flagged behaviours, most pronounced first.
func (d *Doc) Flagged() []Row {
	var out []Row
	for _, x := range d.Behaviours {
		if x.Flagged {
			out = append(out, x)
		}
	}
	return out
}

// IsBehaviour reports whether id is one of the report's behaviours.
func (d *Doc) IsBehaviour(id string) bool {
	for _, x := range d.Behaviours {
		if x.ID == id {
			return true
		}
	}
	return false
}
