package group

// scaleAcc accumulates one dimension or behaviour over the results of one
// subgroup. Everything but scores is a fixed-size sum; scores keeps the
// values themselves because a median needs them, and only dimensions
// report a median.
type scaleAcc struct {
	m       moments
	scores  []float64
	bands   []int // bands[i] counts band i+1
	flagged int
	alpha   alphaSums
}

func (s *scaleAcc) addScore(x float64, band *int, keep bool) {
	s.m.add(x)
	if keep {
		s.scores = append(s.scores, x)
	}
	if band != nil && *band >= 1 {
		for len(s.bands) < *band {
			s.bands = append(s.bands, 0)
		}
		s.bands[*band-1]++
	}
}

func (s *scaleAcc) merge(o *scaleAcc) {
	s.m.merge(o.m)
	s.scores = append(s.scores, o.scores...)
	for len(s.bands) < len(o.bands) {
		s.bands = append(s.bands, 0)
	}
	for i, c := range o.bands {
		s.bands[i] += c
	}
	s.flagged += o.flagged
	s.alpha.merge(o.alpha)
}

// statsAcc accumulates one subgroup (or the whole group when there is no
// --by): its size, validity flags, dimensions and behaviours.
type statsAcc struct {
	n     int
	flags map[string]int
	anyF  int
	dims  []scaleAcc
	behs  []scaleAcc
}

func newStatsAcc() *statsAcc { return &statsAcc{flags: map[string]int{}} }

// grow makes room for scales discovered after this subgroup was created
// (names come from the results when there is no bank).
func (s *statsAcc) grow(sec *section) {
	for len(s.dims) < len(sec.dims) {
		s.dims = append(s.dims, scaleAcc{alpha: newAlphaSums(len(sec.dims[len(s.dims)].items))})
	}
	for len(s.behs) < len(sec.behs) {
		s.behs = append(s.behs, scaleAcc{alpha: newAlphaSums(len(sec.behs[len(s.behs)].items))})
	}
}

func (s *statsAcc) merge(o *statsAcc) {
	s.n += o.n
	s.anyF += o.anyF
	for f, c := range o.flags {
		s.flags[f] += c
	}
	for len(s.dims) < len(o.dims) {
		s.dims = append(s.dims, scaleAcc{})
	}
	for len(s.behs) < len(o.behs) {
		s.behs = append(s.behs, scaleAcc{})
	}
	for i := range o.dims {
		s.dims[i].merge(&o.dims[i])
	}
	for i := range o.behs {
		s.behs[i].merge(&o.behs[i])
	}
}

// itemAcc counts the raw answers 0–4 given to one item.
type itemAcc struct {
	id     string
	counts [5]int
}
