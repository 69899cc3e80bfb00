package group

import (
	"math"
	"slices"
)

// moments is a streaming mean and variance (Welford), with min and max.
// Two of them merge exactly (Chan et al.), which is how subgroups too
// small to show on their own are pooled into "其他".
type moments struct {
	n        int
	mean, m2 float64
	min, max float64
}

func (m *moments) add(x float64) {
	m.n++
	if m.n == 1 {
		m.mean, m.m2, m.min, m.max = x, 0, x, x
		return
	}
	d := x - m.mean
	m.mean += d / float64(m.n)
	m.m2 += d * (x - m.mean)
	m.min = math.Min(m.min, x)
	m.max = math.Max(m.max, x)
}

func (m *moments) merge(o moments) {
	switch {
	case o.n == 0:
		return
	case m.n == 0:
		*m = o
		return
	}
	n := m.n + o.n
	d := o.mean - m.mean
	m.m2 += o.m2 + d*d*float64(m.n)*float64(o.n)/float64(n)
	m.mean += d * float64(o.n) / float64(n)
	m.n = n
	m.min = math.Min(m.min, o.min)
	m.max = math.Max(m.max, o.max)
}

// sd is the sample standard deviation (divisor n−1); ok is false below
// two values.
func (m moments) sd() (float64, bool) {
	if m.n < 2 {
		return 0, false
	}
	return math.Sqrt(math.Max(m.m2, 0) / float64(m.n-1)), true
}

// median of xs without changing xs: the middle value, or the mean of the
// two middle values when the count is even.
func median(xs []float64) (float64, bool) {
	if len(xs) == 0 {
		return 0, false
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2], true
	}
	return (s[n/2-1] + s[n/2]) / 2, true
}

// MinAlphaN is how many complete results Cronbach's alpha needs before it
// is reported. Below it the estimate swings too much to mean anything.
const MinAlphaN = 10

// Why alpha is not reported.
const (
	alphaOK = iota
	alphaTooFew
	alphaNoVariance
	alphaNoItems
	alphaNoBank
)

// alphaSums keeps, over complete results only (listwise deletion), what
// Cronbach's alpha needs: per item Σv and Σv², and ΣT and ΣT² of the total
// T = Σv. Keyed values are small integers, so the sums are exact and no
// result has to be stored.
type alphaSums struct {
	n         int64
	sum, sq   []int64
	sumT, sqT int64
}

func newAlphaSums(k int) alphaSums {
	return alphaSums{sum: make([]int64, k), sq: make([]int64, k)}
}

func (s *alphaSums) add(v []int) {
	t := int64(0)
	for i, x := range v {
		x := int64(x)
		s.sum[i] += x
		s.sq[i] += x * x
		t += x
	}
	s.n++
	s.sumT += t
	s.sqT += t * t
}

func (s *alphaSums) merge(o alphaSums) {
	if len(s.sum) < len(o.sum) {
		s.sum = append(s.sum, make([]int64, len(o.sum)-len(s.sum))...)
		s.sq = append(s.sq, make([]int64, len(o.sq)-len(s.sq))...)
	}
	s.n += o.n
	for i := range o.sum {
		s.sum[i] += o.sum[i]
		s.sq[i] += o.sq[i]
	}
	s.sumT += o.sumT
	s.sqT += o.sqT
}

// alpha is k/(k−1) × (1 − Σ var(item) / var(total)). Each variance is
// n·Σx² − (Σx)² over n(n−1); the common divisor cancels, so the ratio is
// taken between exact integers.
func (s alphaSums) alpha() (float64, int) {
	k := len(s.sum)
	switch {
	case k < 2:
		return 0, alphaNoItems
	case s.n < MinAlphaN:
		return 0, alphaTooFew
	}
	var items int64
	for i := range s.sum {
		items += s.n*s.sq[i] - s.sum[i]*s.sum[i]
	}
	total := s.n*s.sqT - s.sumT*s.sumT
	if total == 0 {
		return 0, alphaNoVariance
	}
	return float64(k) / float64(k-1) * (1 - float64(items)/float64(total)), alphaOK
}
