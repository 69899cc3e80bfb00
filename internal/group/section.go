package group

import (
	"fmt"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// scaleDef describes one dimension or behaviour of an instrument.
type scaleDef struct {
	id, name string
	// items are the indices (into section.items) of the scale's items, in
	// bank order; nil when the bank is not known, and alpha then cannot
	// be computed.
	items  []int
	labels []string // band labels; labels[i] names band i+1
	// flagFrom says which results of a behaviour are flagged, for the
	// protected release: those in band flagFrom and above when the flag
	// line is a cut point of the bands (as in the default bank); 0 when it
	// is not known, and then flagged and unflagged are counted apart in
	// each band. Dimensions have no flag: −1.
	flagFrom int
}

// flagBand is the first flagged band when the bank's flag line falls on
// a band boundary, else 0 (see scaleDef.flagFrom).
func flagBand(bd bank.Bands) int {
	if bd.FlagAt == nil {
		return 0
	}
	f := *bd.FlagAt
	if f <= 0 {
		return 1
	}
	for i, c := range bd.Cuts {
		if c == f {
			return i + 2
		}
	}
	if f > 100 {
		return len(bd.Cuts) + 2
	}
	return 0
}

// section accumulates the results of one instrument version.
type section struct {
	inst  result.Instrument
	bank  *bank.Bank
	lang  i18n.Lang
	first string
	n     int
	// unverified: the results were read without their bank
	// (docs/verification.md).
	unverified bool
	dims       []scaleDef
	behs       []scaleDef
	dimIdx     map[string]int
	behIdx     map[string]int
	items      []itemAcc
	itemIx     map[string]int
	active     []bool // keyed active, by item index (bank items only)
	groups     map[string]*statsAcc
	// live holds the noisy totals of serve's dashboard (see Live).
	live *liveTally
	// vals and row are scratch space reused for every result: the keyed
	// value of each item (−1 unanswered) and one scale's values.
	vals    []int
	row     []int
	scratch []byte // digestInto's
}

func newSection(inst result.Instrument, b *bank.Bank, lang i18n.Lang, first string) *section {
	s := &section{
		inst: inst, bank: b, lang: lang, first: first,
		dimIdx: map[string]int{}, behIdx: map[string]int{}, itemIx: map[string]int{},
		groups: map[string]*statsAcc{},
	}
	if b == nil {
		return s
	}
	for _, it := range b.Items {
		s.itemIx[it.ID] = len(s.items)
		s.items = append(s.items, itemAcc{id: it.ID})
		s.active = append(s.active, it.Keyed == bank.KeyedActive)
	}
	labels := func(bd bank.Bands) []string {
		out := make([]string, len(bd.Labels))
		for i, t := range bd.Labels {
			out[i] = t.In(lang)
		}
		return out
	}
	members := func(keep func(bank.Item) bool) []int {
		out := []int{}
		for i, it := range b.Items {
			if !it.IM && keep(it) {
				out = append(out, i)
			}
		}
		return out
	}
	for _, d := range b.Dimensions {
		s.dimIdx[d.ID] = len(s.dims)
		s.dims = append(s.dims, scaleDef{id: d.ID, name: d.Name.In(lang), labels: labels(b.Scoring.DimensionBands), flagFrom: -1,
			items: members(func(it bank.Item) bool { return it.Dimension == d.ID })})
	}
	for _, x := range b.Behaviours {
		s.behIdx[x.ID] = len(s.behs)
		s.behs = append(s.behs, scaleDef{id: x.ID, name: x.Name.In(lang), labels: labels(b.Scoring.BehaviourBands), flagFrom: flagBand(b.Scoring.BehaviourBands),
			items: members(func(it bank.Item) bool { return it.Behaviour == x.ID })})
	}
	return s
}

// scale returns the index of scale id, adding it (named from the result)
// when the bank did not list it.
func scale(defs *[]scaleDef, idx map[string]int, id, name string) int {
	i, ok := idx[id]
	if !ok {
		i = len(*defs)
		idx[id] = i
		*defs = append(*defs, scaleDef{id: id, name: name})
	}
	return i
}

// label remembers a band's label from a result when the bank did not
// give one.
func (d *scaleDef) label(band *int, text string) {
	if band == nil || *band < 1 || text == "" {
		return
	}
	for len(d.labels) < *band {
		d.labels = append(d.labels, "")
	}
	if d.labels[*band-1] == "" {
		d.labels[*band-1] = text
	}
}

// fits says why r cannot be counted in s, or "" when it can. Bands are
// bounded by the bank, or by result.MaxBand without one. Without a bank,
// dimensions, behaviours and items come from the results; their number
// is bounded as one result's is, so that results naming ever new ones
// cannot grow the section without end.
func (s *section) fits(r *result.Result, l i18n.Lang) string {
	maxD, maxB := result.MaxBand, result.MaxBand
	if s.bank != nil {
		maxD, maxB = len(s.bank.Scoring.DimensionBands.Cuts)+1, len(s.bank.Scoring.BehaviourBands.Cuts)+1
	}
	badBand := func(id string, band *int, most int) string {
		if band != nil && (*band < 1 || *band > most) {
			return l.T(fmt.Sprintf("%s 的区间 %d 超出 1–%d", id, *band, most), fmt.Sprintf("%s has band %d, outside 1–%d", id, *band, most))
		}
		return ""
	}
	newD, newB, newI := 0, 0, 0
	for _, d := range r.Dimensions {
		if _, ok := s.dimIdx[d.ID]; !ok {
			newD++
		}
		if why := badBand(d.ID, d.Band, maxD); why != "" {
			return why
		}
	}
	for _, x := range r.Behaviours {
		if _, ok := s.behIdx[x.ID]; !ok {
			newB++
		}
		if why := badBand(x.ID, x.Band, maxB); why != "" {
			return why
		}
	}
	for _, a := range r.Answers {
		if _, ok := s.itemIx[a.Item]; !ok {
			newI++
		}
	}
	if len(s.dims)+newD > result.MaxScales || len(s.behs)+newB > result.MaxScales || len(s.items)+newI > result.MaxAnswers {
		return l.T("同一题库的结果中出现的维度、表现或题目过多", "the results of this bank name too many dimensions, behaviours or items")
	}
	return ""
}

func (s *section) add(r *result.Result, key string) {
	s.n++
	s.unverified = s.unverified || r.Unverified
	for _, d := range r.Dimensions {
		i := scale(&s.dims, s.dimIdx, d.ID, d.Name)
		s.dims[i].flagFrom = -1
		s.dims[i].label(d.Band, d.BandLabel)
	}
	for _, x := range r.Behaviours {
		s.behs[scale(&s.behs, s.behIdx, x.ID, x.Name)].label(x.Band, x.BandLabel)
	}
	g, ok := s.groups[key]
	if !ok {
		g = newStatsAcc()
		s.groups[key] = g
	}
	g.grow(s)
	g.n++
	for _, f := range r.Validity.Flags {
		g.flags[f]++
	}
	if len(r.Validity.Flags) > 0 {
		g.anyF++
	}
	for _, d := range r.Dimensions {
		if d.Score != nil {
			g.dims[s.dimIdx[d.ID]].addScore(*d.Score, d.Band, true, false)
		}
	}
	for _, x := range r.Behaviours {
		if x.Score != nil {
			g.behs[s.behIdx[x.ID]].addScore(*x.Score, x.Band, false, x.Flagged)
		}
	}
	g.digests = append(g.digests, digestInto(&s.scratch, r))
	s.addItems(r)
	s.addAlpha(g)
}

// addItems counts the raw answers and fills s.vals with keyed values.
func (s *section) addItems(r *result.Result) {
	for i := range s.vals {
		s.vals[i] = -1
	}
	for _, a := range r.Answers {
		i, ok := s.itemIx[a.Item]
		if !ok {
			i = len(s.items)
			s.itemIx[a.Item] = i
			s.items = append(s.items, itemAcc{id: a.Item})
		}
		for len(s.vals) < len(s.items) {
			s.vals = append(s.vals, -1)
		}
		if a.Value == nil || *a.Value < 0 || *a.Value > 4 {
			continue
		}
		v := *a.Value
		s.items[i].counts[v]++
		if i < len(s.active) && s.active[i] {
			v = 4 - v
		}
		s.vals[i] = v
	}
}

// addAlpha adds the current result to each scale's alpha sums when it
// answered every one of the scale's items (listwise deletion).
func (s *section) addAlpha(g *statsAcc) {
	add := func(defs []scaleDef, accs []scaleAcc) {
	scales:
		for i, d := range defs {
			if len(d.items) < 2 {
				continue
			}
			s.row = s.row[:0]
			for _, it := range d.items {
				if it >= len(s.vals) || s.vals[it] < 0 {
					continue scales
				}
				s.row = append(s.row, s.vals[it])
			}
			accs[i].alpha.add(s.row)
		}
	}
	add(s.dims, g.dims)
	add(s.behs, g.behs)
}
