package group

import (
	"sort"

	"github.com/tangping-dev/tangping/internal/analyse"
	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// Protection modes.
const (
	ModeProtected = "protected"
	ModeExact     = "exact"
)

// Report is the group report, the one document every format renders. It
// never holds a name or an individual answer. JSON field names are a
// contract (docs/trainer-guide.md): add fields, don't rename them.
type Report struct {
	Lang i18n.Lang `json:"lang"`
	// Session and Date label the report (Options); empty when not given.
	Session  string `json:"session,omitempty"`
	Date     string `json:"date,omitempty"` // YYYY-MM-DD
	MinGroup int    `json:"min_group"`
	By       string `json:"by,omitempty"`
	// Files is how many sources were seen: counted, skipped and
	// duplicates.
	Files  int    `json:"files"`
	Notice string `json:"notice"`
	// Section holds the statistics when every result is of one
	// instrument version. With --allow-mixed and several versions it
	// holds only the total n, and Versions holds one section each.
	Section
	Versions   []Section   `json:"versions,omitempty"`
	Skipped    []Skipped   `json:"skipped"`
	Duplicates []Duplicate `json:"duplicates"`
	// Protection says how the figures are protected (docs/privacy.md).
	Protection Protection `json:"protection"`
}

// Section is the report on the results of one instrument version.
type Section struct {
	Instrument *result.Instrument `json:"instrument,omitempty"`
	Title      string             `json:"title,omitempty"`
	// Unverified is true when the results' bank was not found and they
	// were read with --unverified: their figures were not recomputed
	// from their answers (docs/verification.md).
	Unverified bool `json:"unverified,omitempty"`
	// AlphaNote says why no alpha could be computed at all (no bank).
	AlphaNote string `json:"alpha_note,omitempty"`
	// Scale labels the raw answers 0–4, from the bank.
	Scale []string `json:"scale,omitempty"`
	Stats
	Items    []Item    `json:"items"`
	Groups   []Group   `json:"groups,omitempty"`
	Withheld *Withheld `json:"withheld,omitempty"`
}

// Stats are the statistics of a group or subgroup. When Suppressed, the
// group has fewer than MinGroup results and only N is given.
type Stats struct {
	N          int         `json:"n"`
	Suppressed bool        `json:"suppressed"`
	Validity   []FlagCount `json:"validity"`
	AnyFlag    int         `json:"any_flag"`
	// AnyFlagError is the ± of AnyFlag (protected reports).
	AnyFlagError float64     `json:"any_flag_error,omitempty"`
	Dimensions   []Dimension `json:"dimensions"`
	Behaviours   []Behaviour `json:"behaviours"`
}

// FlagCount is how many results raised one validity flag.
type FlagCount struct {
	Flag  string `json:"flag"`
	Label string `json:"label"`
	Count int    `json:"count"`
	// Error is the ± of Count at Confidence (protected reports).
	Error float64 `json:"error,omitempty"`
}

// BandCount is how many results fell in one descriptive band.
type BandCount struct {
	Band  int    `json:"band"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// Dimension statistics. Score statistics count only results whose score
// is not null (N of them); nil means not computable. Alpha is nil, with
// AlphaNote saying why, below MinAlphaN complete results; a negative
// Alpha has AlphaNote explain what it means. A protected
// report gives N, Mean and Bands from noisy totals, with MeanError and
// BandsError their ± at Confidence, and leaves SD, Median, Min, Max and
// Alpha nil.
type Dimension struct {
	ID        string      `json:"id"`
	Name      string      `json:"name"`
	N         int         `json:"n"`
	Mean      *float64    `json:"mean"`
	MeanError *float64    `json:"mean_error,omitempty"`
	SD        *float64    `json:"sd"`
	Median    *float64    `json:"median"`
	Min       *float64    `json:"min"`
	Max       *float64    `json:"max"`
	Alpha     *float64    `json:"alpha"`
	AlphaN    int         `json:"alpha_n"`
	AlphaNote string      `json:"alpha_note,omitempty"`
	Bands     []BandCount `json:"bands"`
	// BandsError is the ± of each band's count (protected reports).
	BandsError *float64 `json:"bands_error,omitempty"`
}

// Behaviour statistics. Prevalence is the share (0–1) of results with a
// score whose behaviour is flagged.
type Behaviour struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	N          int      `json:"n"`
	Mean       *float64 `json:"mean"`
	MeanError  *float64 `json:"mean_error,omitempty"`
	SD         *float64 `json:"sd"`
	Prevalence *float64 `json:"prevalence"`
	// PrevalenceError is the ± of Prevalence (protected reports).
	PrevalenceError *float64    `json:"prevalence_error,omitempty"`
	Flagged         int         `json:"flagged"`
	Alpha           *float64    `json:"alpha"`
	AlphaN          int         `json:"alpha_n"`
	AlphaNote       string      `json:"alpha_note,omitempty"`
	Bands           []BandCount `json:"bands"`
	BandsError      *float64    `json:"bands_error,omitempty"`
}

// Item statistics over raw answers r (0–4): Counts[r] results gave r, N
// answered in all, Missing left it blank. Mean is of r, not keyed.
type Item struct {
	ID        string   `json:"id"`
	Text      string   `json:"text,omitempty"`
	Behaviour string   `json:"behaviour,omitempty"`
	Dimension string   `json:"dimension,omitempty"`
	Keyed     string   `json:"keyed,omitempty"`
	IM        bool     `json:"im,omitempty"`
	N         int      `json:"n"`
	Missing   int      `json:"missing"`
	Mean      *float64 `json:"mean"`
	Counts    [5]int   `json:"counts"`
	// CountsError is the ± of each count (protected reports).
	CountsError *float64 `json:"counts_error,omitempty"`
}

// Group is one subgroup of a --by report. Other marks the pooled group of
// subgroups too small to show on their own; Groups says how many it pools.
type Group struct {
	Name   string `json:"name"`
	Other  bool   `json:"other,omitempty"`
	Groups int    `json:"groups"`
	Stats
}

// Withheld says how many subgroups are not shown on their own. Merged were
// pooled into "其他"; Protective of them were big enough but pooled so
// that a small group's figures cannot be recovered by subtracting the
// shown groups from the total; Hidden groups are not shown in any form.
type Withheld struct {
	Merged       int `json:"merged"`
	Protective   int `json:"protective"`
	Hidden       int `json:"hidden"`
	HiddenPeople int `json:"hidden_people"`
}

// Report computes the report from what has been added so far. It does not
// change what has been counted, so a live dashboard may call it after
// every Add; like Add, it must not run concurrently with another call.
func (a *Aggregator) Report() *Report {
	l := a.opt.Lang
	rep := &Report{
		Lang: l, Session: diag.Printable(a.opt.Session), MinGroup: a.opt.MinGroup, By: a.opt.By, Files: a.files,
		Notice:     l.T("描述性区间，非常模", "Descriptive bands, not norms"),
		Skipped:    append([]Skipped{}, a.skipped...),
		Duplicates: append([]Duplicate{}, a.dups...),
	}
	keys := append([]string(nil), a.order...)
	sort.Strings(keys)
	for _, k := range keys {
		rep.Versions = append(rep.Versions, a.sections[k].report(a.opt))
	}
	switch len(rep.Versions) {
	case 0:
		rep.Section = Section{Stats: Stats{Suppressed: true}}
	case 1:
		rep.Section, rep.Versions = rep.Versions[0], nil
	default:
		rep.Section = Section{Stats: Stats{N: a.N(), Suppressed: true}}
	}
	if rep.Title == "" && len(rep.Versions) == 0 && a.bank != nil {
		rep.Title = a.bank.Title.In(l)
	}
	if a.bank != nil {
		if n := a.bank.Scoring.Notice.In(l); n != "" {
			rep.Notice = n
		}
	}
	if !a.opt.Date.IsZero() {
		rep.Date = a.opt.Date.Format("2006-01-02")
	}
	rep.Protection = a.protection(rep, 1)
	rep.ensureSlices()
	return rep
}

// protection describes the report's protection; releases is how many
// noisy releases each figure sums.
func (a *Aggregator) protection(rep *Report, releases int) Protection {
	l := a.opt.Lang
	if a.opt.Exact {
		return Protection{Mode: ModeExact, Note: ExactWarning(l)}
	}
	// A person is in one section; the report's ε is the largest.
	eps := 0.0
	for _, k := range a.order {
		s := a.sections[k]
		eps = max(eps, s.epsilon(a.opt.By != ByNone, s.n >= MinItemN && releases == 1)*float64(releases))
	}
	return Protection{Mode: ModeProtected, Epsilon: eps,
		Budgets:  &Budgets{Mean: EpsilonMean, Bands: EpsilonBands, Flag: EpsilonFlag, Item: EpsilonItem},
		MinItemN: MinItemN, Confidence: Confidence, Releases: releases, Note: protectionNote(eps, releases, l)}
}

func (s *section) report(o Options) Section {
	inst := s.inst
	out := Section{Instrument: &inst, Items: []Item{}, Unverified: s.unverified}
	if s.bank != nil {
		out.Title = s.bank.Title.In(o.Lang)
		for r := range 5 {
			out.Scale = append(out.Scale, s.bank.AnchorLabel(r, o.Lang))
		}
	} else {
		out.AlphaNote = alphaNote(alphaNoBank, o.Lang)
	}
	all := newStatsAcc()
	for _, k := range s.groupKeys() {
		all.merge(s.groups[k])
	}
	all.grow(s)
	if s.live != nil { // serve's dashboard: see Live
		out.Stats = Stats{N: all.n, Suppressed: true}
		if all.n >= o.MinGroup {
			out.Stats, _ = s.estimate(s.live.t, s.live.releases, o.Lang)
		}
		return out
	}
	out.Stats = s.stats(all, o)
	if out.Suppressed {
		return out
	}
	switch {
	case o.Exact:
		out.Items = s.itemStats(o.Lang)
	case all.n >= MinItemN:
		t := s.exactTally(all, true)
		s.addNoise(&t, setSeed(all.digests))
		_, out.Items = s.estimate(t, 1, o.Lang)
	}
	if o.By != ByNone {
		out.Groups, out.Withheld = s.subgroups(o)
	}
	return out
}

// stats turns one accumulator into shown statistics, or into n alone when
// the group is below K. Unless o.Exact, they are the protected figures,
// with noise seeded by the group's results.
func (s *section) stats(g *statsAcc, o Options) Stats {
	st := Stats{N: g.n}
	if g.n < o.MinGroup {
		st.Suppressed = true
		return st
	}
	if !o.Exact {
		t := s.exactTally(g, false)
		s.addNoise(&t, setSeed(g.digests))
		st, _ = s.estimate(t, 1, o.Lang)
		return st
	}
	st.Validity = flagCounts(g.flags, o.Lang)
	st.AnyFlag = g.anyF
	g.grow(s)
	for i, d := range s.dims {
		st.Dimensions = append(st.Dimensions, dimensionStats(d, &g.dims[i], o.Lang))
	}
	for i, d := range s.behs {
		st.Behaviours = append(st.Behaviours, behaviourStats(d, &g.behs[i], o.Lang))
	}
	return st
}

func (s *section) itemStats(l i18n.Lang) []Item {
	out := make([]Item, 0, len(s.items))
	for _, it := range s.items {
		x := Item{ID: it.id, Counts: it.counts}
		if s.bank != nil {
			if bi, ok := s.bank.Item(it.id); ok {
				x.Text, x.Behaviour, x.Dimension, x.Keyed, x.IM = bi.Text.In(l), bi.Behaviour, bi.Dimension, bi.Keyed, bi.IM
			}
		}
		sum := 0
		for r, c := range it.counts {
			x.N += c
			sum += r * c
		}
		x.Missing = s.n - x.N
		if x.N > 0 {
			x.Mean = new(float64(sum) / float64(x.N))
		}
		out = append(out, x)
	}
	return out
}

func dimensionStats(d scaleDef, acc *scaleAcc, l i18n.Lang) Dimension {
	out := Dimension{ID: d.id, Name: d.name, N: acc.m.n, Bands: bandCounts(d.labels, acc.bands)}
	if acc.m.n > 0 {
		out.Mean, out.Min, out.Max = new(acc.m.mean), new(acc.m.min), new(acc.m.max)
	}
	if sd, ok := acc.m.sd(); ok {
		out.SD = new(sd)
	}
	if m, ok := median(acc.scores); ok {
		out.Median = new(m)
	}
	out.Alpha, out.AlphaN, out.AlphaNote = alphaOf(d, acc, l)
	return out
}

func behaviourStats(d scaleDef, acc *scaleAcc, l i18n.Lang) Behaviour {
	out := Behaviour{ID: d.id, Name: d.name, N: acc.m.n, Flagged: acc.flagged, Bands: bandCounts(d.labels, acc.bands)}
	if acc.m.n > 0 {
		out.Mean = new(acc.m.mean)
		out.Prevalence = new(float64(acc.flagged) / float64(acc.m.n))
	}
	if sd, ok := acc.m.sd(); ok {
		out.SD = new(sd)
	}
	out.Alpha, out.AlphaN, out.AlphaNote = alphaOf(d, acc, l)
	return out
}

func alphaOf(d scaleDef, acc *scaleAcc, l i18n.Lang) (*float64, int, string) {
	if d.items == nil {
		return nil, 0, alphaNote(alphaNoBank, l)
	}
	v, why := acc.alpha.alpha()
	if why != alphaOK {
		return nil, int(acc.alpha.n), alphaNote(why, l)
	}
	if v <= -0.005 { // negative as shown, to two decimals
		return new(v), int(acc.alpha.n), analyse.NegativeAlpha(l)
	}
	return new(v), int(acc.alpha.n), ""
}

func bandCounts(labels []string, counts []int) []BandCount {
	n := max(len(labels), len(counts))
	out := make([]BandCount, n)
	for i := range out {
		out[i].Band = i + 1
		if i < len(labels) {
			out[i].Label = labels[i]
		}
		if i < len(counts) {
			out[i].Count = counts[i]
		}
	}
	return out
}

func flagCounts(flags map[string]int, l i18n.Lang) []FlagCount {
	out := []FlagCount{}
	for _, f := range knownFlags {
		out = append(out, FlagCount{Flag: f, Label: flagLabel(f, l), Count: flags[f]})
	}
	var other []string
	for f := range flags {
		if flagLabel(f, l) == f {
			other = append(other, f)
		}
	}
	sort.Strings(other)
	for _, f := range other {
		out = append(out, FlagCount{Flag: f, Label: f, Count: flags[f]})
	}
	return out
}

// ensureSlices makes empty lists encode as [] rather than null.
func (r *Report) ensureSlices() {
	fix := func(s *Section) {
		if s.Items == nil {
			s.Items = []Item{}
		}
		if s.Validity == nil {
			s.Validity = []FlagCount{}
		}
		if s.Dimensions == nil {
			s.Dimensions = []Dimension{}
		}
		if s.Behaviours == nil {
			s.Behaviours = []Behaviour{}
		}
	}
	fix(&r.Section)
	for i := range r.Versions {
		fix(&r.Versions[i])
	}
}

//go:fix inline
func ptr(x float64) *float64 { return new(x) }
