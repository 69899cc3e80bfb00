package group

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/tangping-dev/tangping/internal/result"
)

// The noise of the protected release (docs/privacy.md). Every figure
// about a set of results gets noise drawn from a generator seeded by a
// hash of the set's content and the figure's name: the same set always
// prints the same figures, so re-running a report cannot average the
// noise away, while two different sets (S and S less one person) get
// independent noise, so subtracting them leaves the noise in.

// digest is a result's fingerprint for seeding: every field that enters
// a statistic, so two results that count differently never share one.
type digest [32]byte

func resultDigest(r *result.Result) digest {
	return digestInto(new([]byte), r)
}

// digestInto is resultDigest writing the hashed bytes into *buf's memory,
// so that a caller digesting many results allocates nothing
// (docs/performance.md). Each field is its length (8 bytes, little
// endian) and its text; numbers in the shortest form that reads back.
func digestInto(buf *[]byte, r *result.Result) digest {
	b := (*buf)[:0]
	defer func() { *buf = b }()
	str := func(s string) {
		b = binary.LittleEndian.AppendUint64(b, uint64(len(s)))
		b = append(b, s...)
	}
	var tmp [32]byte
	num := func(p *float64) {
		if p == nil {
			str("null")
			return
		}
		t := strconv.AppendFloat(tmp[:0], *p, 'g', -1, 64)
		b = binary.LittleEndian.AppendUint64(b, uint64(len(t)))
		b = append(b, t...)
	}
	intp := func(p *int) {
		if p == nil {
			str("null")
			return
		}
		t := strconv.AppendInt(tmp[:0], int64(*p), 10)
		b = binary.LittleEndian.AppendUint64(b, uint64(len(t)))
		b = append(b, t...)
	}
	str(r.ID)
	str(r.Instrument.ID)
	str(r.Instrument.Version)
	str(r.Instrument.SHA256)
	str(r.Respondent.Unit)
	str(r.Respondent.Role)
	for _, a := range r.Answers {
		str(a.Item)
		intp(a.Value)
	}
	for _, d := range r.Dimensions {
		str(d.ID)
		num(d.Score)
		intp(d.Band)
	}
	for _, b := range r.Behaviours {
		str(b.ID)
		num(b.Score)
		intp(b.Band)
		str(strconv.FormatBool(b.Flagged))
	}
	for _, f := range r.Validity.Flags {
		str(f)
	}
	return sha256.Sum256(b)
}

// sitting is what makes a result one person's one sitting, whatever its
// id: the bank, every answer with its time, and when it started and
// ended. Two files that share it are copies. Without answer times (a
// paper questionnaire typed in with score) two people may well answer
// alike, so such a result has no sitting (false).
func sitting(r *result.Result) (digest, bool) {
	if !slices.ContainsFunc(r.Answers, func(a result.Answer) bool { return a.MS != nil }) {
		return digest{}, false
	}
	h := sha256.New()
	var buf [8]byte
	word := func(x uint64) {
		binary.LittleEndian.PutUint64(buf[:], x)
		h.Write(buf[:])
	}
	h.Write([]byte(r.Instrument.SHA256))
	word(uint64(r.StartedAt.UnixNano()))
	word(uint64(r.CompletedAt.UnixNano()))
	for _, a := range r.Answers {
		word(uint64(len(a.Item)))
		h.Write([]byte(a.Item))
		v, ms := int64(-1), int64(-1)
		if a.Value != nil {
			v = int64(*a.Value)
		}
		if a.MS != nil {
			ms = *a.MS
		}
		word(uint64(v))
		word(uint64(ms))
	}
	var d digest
	h.Sum(d[:0])
	return d, true
}

// setSeed is the seed of a set of results: the hash of their digests in
// sorted order, so it does not depend on the order they were read in.
// (A sorted list, not an XOR or a sum, so that nobody can pick two
// different sets with the same seed.)
func setSeed(ds []digest) digest {
	s := slices.Clone(ds)
	slices.SortFunc(s, func(a, b digest) int { return slices.Compare(a[:], b[:]) })
	h := sha256.New()
	h.Write([]byte("tangping group noise v1\x00"))
	for _, d := range s {
		h.Write(d[:])
	}
	var out digest
	h.Sum(out[:0])
	return out
}

// noise draws the noise of the figures of one set.
type noise struct {
	seed digest
	h    hash.Hash
}

func newNoise(seed digest) *noise { return &noise{seed: seed, h: sha256.New()} }

// rng is the generator of one named figure of the set.
func (z *noise) rng(label string) *rand.Rand {
	z.h.Reset()
	z.h.Write(z.seed[:])
	z.h.Write([]byte(label))
	var key [32]byte
	z.h.Sum(key[:0])
	return rand.New(rand.NewChaCha8(key))
}

// geometric2 draws two-sided geometric (discrete Laplace) noise: the
// difference of two geometric variables, P(k) ∝ alpha^|k|. It is the
// geometric mechanism of Ghosh, Roughgarden and Sundararajan: added to a
// count whose value one person can change by at most Δ, with
// alpha = exp(−ε/Δ), it gives ε-differential privacy, and its integer
// output has none of the floating-point weaknesses of continuous Laplace
// noise.
func geometric2(rng *rand.Rand, alpha float64) int64 {
	return geometric(rng, alpha) - geometric(rng, alpha)
}

// geometric is the number of failures before the first success, success
// having probability 1 − alpha, by inversion.
func geometric(rng *rand.Rand, alpha float64) int64 {
	u := 1 - rng.Float64() // (0, 1]
	return int64(math.Floor(math.Log(u) / math.Log(alpha)))
}

// halfWidth90 is the half-width of the interval that holds a sum of m
// independent two-sided geometric noises of parameter alpha 90% of the
// time. For one it is exact; for more, the normal approximation, never
// narrower than one alone.
func halfWidth90(alpha float64, m int) float64 {
	one := math.Ceil(math.Log(0.1*(1+alpha)/2) / math.Log(alpha))
	if m <= 1 {
		return math.Max(one, 0)
	}
	sd := math.Sqrt(2 * alpha / ((1 - alpha) * (1 - alpha)))
	return math.Max(one, math.Ceil(1.645*sd*math.Sqrt(float64(m))))
}
