package group

import "math"

// scaleAcc accumulates one dimension or behaviour over the results of one
// subgroup. Everything but scores is a fixed-size sum; scores keeps the
// values themselves because a median needs them, and only dimensions
// report a median.
type scaleAcc struct {
	m       moments
	scores  []float64
	bands   []int // bands[i] counts band i+1
	flagged int
	// flaggedIn[i] counts the flagged results of band i+1, and tenths is
	// the sum of the scores' distances from the midpoint 50, in tenths of
	// a point: what the protected release adds noise to
	// (docs/privacy.md). Centred, the mean it gives hardly depends on the
	// noisy count of results it is divided by.
	flaggedIn []int
	tenths    int64
	alpha     alphaSums
}

func (s *scaleAcc) addScore(x float64, band *int, keep, flagged bool) {
	s.m.add(x)
	s.tenths += int64(math.Round(math.Min(math.Max(x, 0), 100)*10)) - 500
	if keep {
		s.scores = append(s.scores, x)
	}
	if flagged {
		s.flagged++
	}
	if band != nil && *band >= 1 {
		for len(s.bands) < *band {
			s.bands = append(s.bands, 0)
			s.flaggedIn = append(s.flaggedIn, 0)
		}
		s.bands[*band-1]++
		if flagged {
			s.flaggedIn[*band-1]++
		}
	}
}

func (s *scaleAcc) merge(o *scaleAcc) {
	s.m.merge(o.m)
	s.scores = append(s.scores, o.scores...)
	for len(s.bands) < len(o.bands) {
		s.bands = append(s.bands, 0)
		s.flaggedIn = append(s.flaggedIn, 0)
	}
	for i, c := range o.bands {
		s.bands[i] += c
		s.flaggedIn[i] += o.flaggedIn[i]
	}
	s.flagged += o.flagged
	s.tenths += o.tenths
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
	// digests fingerprint the results counted, to seed the noise of the
	// protected release.
	digests []digest
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
	s.digests = append(s.digests, o.digests...)
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
