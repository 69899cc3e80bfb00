// Package group owns the statistics of the trainer's group report:
// aggregating many results into figures per dimension, behaviour and
// item, and applying the privacy rules, into one Report. It does no I/O:
// results are fed in one at a time with Add, and nothing of a result is
// kept beyond running sums, the dimension scores that medians need, and
// the result id for spotting duplicates. Reading files lives in the
// collect subpackage, output in the render subpackage; data flows one
// way, statistics → Report → renderers.
package group

import (
	"strings"
	"time"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// DefaultMinGroup is the smallest group whose statistics are shown.
const DefaultMinGroup = 5

// Ways to split the group into subgroups.
const (
	ByNone = ""
	ByUnit = "unit"
	ByRole = "role"
)

// Options of an aggregation.
type Options struct {
	// MinGroup is K: a group or subgroup of fewer results is not shown
	// on its own. Zero means DefaultMinGroup.
	MinGroup int
	// By splits the report into subgroups: ByNone, ByUnit or ByRole.
	By string
	// AllowMixed accepts results of different instruments or versions;
	// each is then reported separately. Without it Err reports the mix.
	AllowMixed bool
	// Lang is the language of names and labels.
	Lang i18n.Lang
	// Bank finds the bank of a result by its instrument's sha256 when it
	// is not the aggregator's own; nil, or a nil bank, when unknown.
	Bank func(sha256 string) *bank.Bank
	// Exact shows the unprotected figures (median, min, max, SD, alpha
	// and exact counts), for the trainer's own eyes only. The default is
	// the protected release (docs/privacy.md).
	Exact bool
	// Session names the session or course the results come from; Date is
	// the day the report is made. Both only label the report's first
	// screen; neither is a figure.
	Session string
	Date    time.Time
}

// Aggregator accumulates results. It is not safe for concurrent use:
// callers that decode in parallel hand results to it one at a time.
type Aggregator struct {
	bank     *bank.Bank
	opt      Options
	sections map[string]*section
	order    []string // section keys in the order first seen
	counted  *counted // ids and sittings counted → the file first counted
	skipped  []Skipped
	dups     []Duplicate
	files    int
}

// Skipped is a file that could not be used, with the reason.
type Skipped struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

// Duplicate is a result whose id was already counted from another file.
type Duplicate struct {
	File  string `json:"file"`
	ID    string `json:"id"`
	First string `json:"first"`
}

// New returns an empty Aggregator. b may be nil: names then come from the
// results, and alpha cannot be computed because the items' scales and
// keying are unknown.
func New(b *bank.Bank, o Options) *Aggregator {
	if o.MinGroup <= 0 {
		o.MinGroup = DefaultMinGroup
	}
	if o.Lang == "" {
		o.Lang = i18n.ZH
	}
	return &Aggregator{bank: b, opt: o, sections: map[string]*section{}, counted: newCounted()}
}

// Skip records a file that could not be read as a result.
func (a *Aggregator) Skip(source, reason string) {
	a.files++
	a.skipped = append(a.skipped, Skipped{File: diag.Printable(source), Reason: diag.Printable(reason)})
}

// Add counts one result. source names where it came from (a file name),
// for the duplicate report. A result whose id was already counted is
// reported as a duplicate and not counted again; one that does not fit
// its bank's shape is skipped.
func (a *Aggregator) Add(source string, r *result.Result) {
	if r == nil {
		return
	}
	// File names reach terminals and spreadsheets: no escape sequences.
	source = diag.Printable(source)
	if first, ok := a.counted.byID(r.ID); ok {
		a.files++
		a.dups = append(a.dups, Duplicate{File: source, ID: r.ID, First: first})
		return
	}
	// A copy with a new id (the one thing a copier must change, and
	// nothing verification can recompute) is the same sitting.
	sit, timed := sitting(r)
	if first, ok := a.counted.bySitting(sit); ok && timed {
		a.files++
		a.dups = append(a.dups, Duplicate{File: source, ID: r.ID, First: first})
		return
	}
	// Two banks that share an id and a version but differ in content are
	// two instruments: sections are keyed by the bank file's hash.
	key := r.Instrument.SHA256 + "\x00" + r.Instrument.ID + "\x00" + r.Instrument.Version
	sec, ok := a.sections[key]
	if !ok {
		sec = newSection(r.Instrument, a.bankOf(r), a.opt.Lang, source)
	}
	if reason := sec.fits(r, a.opt.Lang); reason != "" {
		a.Skip(source, reason)
		return
	}
	if !ok {
		a.sections[key] = sec
		a.order = append(a.order, key)
	}
	a.files++
	a.counted.add(source, r.ID, sit, timed)
	sec.add(r, a.subgroup(r))
}

// bankOf is the bank r was scored with, when it is known.
func (a *Aggregator) bankOf(r *result.Result) *bank.Bank {
	if a.bank != nil && a.bank.SHA256 == r.Instrument.SHA256 && a.bank.ID == r.Instrument.ID && a.bank.Version == r.Instrument.Version {
		return a.bank
	}
	if a.opt.Bank != nil {
		if b := a.opt.Bank(r.Instrument.SHA256); b != nil && b.ID == r.Instrument.ID && b.Version == r.Instrument.Version {
			return b
		}
	}
	return nil
}

// subgroup is the key of r's subgroup; "" stands for "not given" and is
// also the only key when there is no --by.
func (a *Aggregator) subgroup(r *result.Result) string {
	switch a.opt.By {
	case ByUnit:
		return diag.Printable(strings.TrimSpace(r.Respondent.Unit))
	case ByRole:
		return diag.Printable(strings.TrimSpace(r.Respondent.Role))
	}
	return ""
}

// N is the number of results counted so far.
func (a *Aggregator) N() int {
	n := 0
	for _, s := range a.sections {
		n += s.n
	}
	return n
}

// Skipped lists the files skipped so far.
func (a *Aggregator) Skipped() []Skipped { return a.skipped }
