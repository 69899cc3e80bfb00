package result

import (
	"bytes"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/tangping-dev/tangping/internal/i18n"
)

// Decoder decodes result documents, keeping what it can reuse from one
// document to the next: one copy of each string that results share (item
// and scale ids, names, band labels, flags, recommendations, units and
// roles) and its scratch space. group reads 100,000 results through
// decoders (docs/performance.md). A Decoder is not safe for concurrent
// use; the zero value shares nothing.
type Decoder struct {
	strs map[string]string
	size int      // bytes in strs
	last []string // the last document's shared strings, in order
	tmp  []byte
	ints []int
	ms   []int64
	flt  []float64
	ans  []Answer
	behs []Behaviour
	dims []Dimension
	strl []string
	recs []Recommendation
}

// NewDecoder returns a decoder that shares the strings results have in
// common.
func NewDecoder() *Decoder { return &Decoder{strs: map[string]string{}} }

// maxShared bounds what a decoder keeps: a few banks' worth of strings,
// whatever the files hold.
const maxShared = 1 << 20

// Decode checks and decodes a result document, as the package's Decode
// does.
func (d *Decoder) Decode(name string, data []byte, lang i18n.Lang) (*Result, error) {
	return decode(d, name, data, lang)
}

// fastDecode decodes a well-formed current result in one pass over the
// bytes, with a handful of allocations. data has passed diag.Text: it is
// UTF-8 but for perhaps a last character cut short, which leaves no whole
// document, so strings need no check of their own. ok is false whenever anything is
// off, and Decode's careful encoding/json path then says exactly what.
// Whatever it accepts it decodes exactly as encoding/json does
// (TestFastDecodeMatchesEncodingJSON, FuzzFastDecodeAgrees): it accepts
// only the result's own keys, each at most once, in any order, and no
// null where encoding/json would leave a field unchanged; anything else
// (an unknown or repeated key, a lone surrogate, a number out of range)
// goes to the careful path.
func fastDecode(d *Decoder, name string, data []byte, lang i18n.Lang) (*Result, bool) {
	if d == nil {
		d = &Decoder{}
	}
	s := scanner{data: data, d: d, ok: true}
	r := s.result()
	if !s.ok {
		return nil, false
	}
	s.ws()
	if s.i != len(data) || r.check(name, data, lang) != nil {
		return nil, false
	}
	return r, true
}

// scanner is one pass over one document. ok turns false at the first
// thing the fast path does not take, and every method then returns.
type scanner struct {
	data []byte
	i    int
	d    *Decoder
	ok   bool
	slot int // how many shared strings so far
}

func (s *scanner) fail() { s.ok = false }

func (s *scanner) ws() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// next skips white space and returns the next byte without taking it.
func (s *scanner) next() byte {
	s.ws()
	if s.i >= len(s.data) {
		s.fail()
		return 0
	}
	return s.data[s.i]
}

func (s *scanner) expect(c byte) {
	if s.ok && s.next() == c {
		s.i++
		return
	}
	s.fail()
}

// null takes a null if one comes next.
func (s *scanner) null() bool {
	if s.ok && s.next() == 'n' && bytes.HasPrefix(s.data[s.i:], []byte("null")) {
		s.i += 4
		return true
	}
	return false
}

// object calls field with the index in keys of each key of an object,
// and returns the set of keys seen; an unknown key or one seen twice
// fails.
func (s *scanner) object(keys []string, field func(k int)) (seen uint32) {
	s.expect('{')
	if !s.ok {
		return 0
	}
	if s.next() == '}' {
		s.i++
		return 0
	}
	guess := 0 // files list the keys in order: try the one after the last
	for s.ok {
		key := s.rawString()
		k := -1
		if guess < len(keys) && string(key) == keys[guess] {
			k = guess
		} else {
			for j, name := range keys {
				if string(key) == name {
					k = j
					break
				}
			}
		}
		guess = k + 1
		if k < 0 || seen&(1<<k) != 0 {
			s.fail()
			return seen
		}
		seen |= 1 << k
		s.expect(':')
		if !s.ok {
			return seen
		}
		field(k)
		if !s.ok {
			return seen
		}
		switch s.next() {
		case ',':
			s.i++
		case '}':
			s.i++
			return seen
		default:
			s.fail()
		}
	}
	return seen
}

// array calls elem for each element of an array.
func (s *scanner) array(elem func()) {
	s.expect('[')
	if !s.ok {
		return
	}
	if s.next() == ']' {
		s.i++
		return
	}
	for s.ok {
		elem()
		if !s.ok {
			return
		}
		switch s.next() {
		case ',':
			s.i++
		case ']':
			s.i++
			return
		default:
			s.fail()
		}
	}
}

// rawString returns a string's contents without escapes; one with an
// escape fails (keys).
func (s *scanner) rawString() []byte {
	s.expect('"')
	start := s.i
	for s.ok && s.i < len(s.data) {
		c := s.data[s.i]
		switch {
		case c == '"':
			s.i++
			return s.data[start : s.i-1]
		case c == '\\' || c < 0x20:
			s.fail()
			return nil
		}
		s.i++
	}
	s.fail()
	return nil
}

// stringBytes returns a string's decoded contents: a slice of the
// document when it has no escape, else of the decoder's scratch space.
// Either way it is only valid until the next call.
func (s *scanner) stringBytes() []byte {
	s.expect('"')
	if !s.ok {
		return nil
	}
	start := s.i
	for s.i < len(s.data) {
		c := s.data[s.i]
		switch {
		case c == '"':
			s.i++
			return s.data[start : s.i-1]
		case c == '\\':
			return s.escaped(start)
		case c < 0x20:
			s.fail()
			return nil
		}
		s.i++
	}
	s.fail()
	return nil
}

// escaped decodes the rest of a string that has an escape at s.i.
func (s *scanner) escaped(start int) []byte {
	b := append(s.d.tmp[:0], s.data[start:s.i]...)
	for s.i < len(s.data) {
		c := s.data[s.i]
		switch {
		case c == '"':
			s.i++
			s.d.tmp = b
			return b
		case c < 0x20:
			s.fail()
			return nil
		case c != '\\':
			b = append(b, c)
			s.i++
			continue
		}
		if s.i+1 >= len(s.data) {
			break
		}
		e := s.data[s.i+1]
		s.i += 2
		switch e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r := s.hex4()
			if utf16.IsSurrogate(r) {
				// Only a proper pair; encoding/json turns a lone half
				// into U+FFFD, which the careful path does.
				if r >= 0xdc00 || s.i+1 >= len(s.data) || s.data[s.i] != '\\' || s.data[s.i+1] != 'u' {
					s.fail()
					return nil
				}
				s.i += 2
				r = utf16.DecodeRune(r, s.hex4())
				if r == utf8.RuneError {
					s.fail()
					return nil
				}
			}
			b = utf8.AppendRune(b, r)
		default:
			s.fail()
			return nil
		}
		if !s.ok {
			return nil
		}
	}
	s.fail()
	return nil
}

func (s *scanner) hex4() rune {
	if s.i+4 > len(s.data) {
		s.fail()
		return 0
	}
	var r rune
	for _, c := range s.data[s.i : s.i+4] {
		r <<= 4
		switch {
		case '0' <= c && c <= '9':
			r |= rune(c - '0')
		case 'a' <= c && c <= 'f':
			r |= rune(c - 'a' + 10)
		case 'A' <= c && c <= 'F':
			r |= rune(c - 'A' + 10)
		default:
			s.fail()
			return 0
		}
	}
	s.i += 4
	return r
}

// str decodes a string into memory of its own, so that keeping it keeps
// nothing else alive.
func (s *scanner) str() string {
	b := s.stringBytes()
	if !s.ok {
		return ""
	}
	return string(b)
}

// shared decodes a string that many results hold, keeping one copy of
// each in the decoder. Results of one bank hold the same strings in the
// same order, so the string the last document had at this place is
// tried first, before the table.
func (s *scanner) shared() string {
	b := s.stringBytes()
	if !s.ok {
		return ""
	}
	slot := s.slot
	s.slot++
	if slot < len(s.d.last) && s.d.last[slot] == string(b) {
		return s.d.last[slot]
	}
	x := s.intern(b)
	if slot < len(s.d.last) {
		s.d.last[slot] = x
	} else if slot == len(s.d.last) && slot < maxSlots {
		s.d.last = append(s.d.last, x)
	}
	return x
}

// maxSlots bounds the strings remembered by place: a few results' worth.
const maxSlots = 4096

func (s *scanner) intern(b []byte) string {
	if x, ok := s.d.strs[string(b)]; ok {
		return x
	}
	x := string(b)
	if s.d.strs != nil && s.d.size+len(x) <= maxShared {
		s.d.strs[x] = x
		s.d.size += len(x)
	}
	return x
}

func (s *scanner) boolean() bool {
	switch {
	case !s.ok:
	case s.next() == 't' && bytes.HasPrefix(s.data[s.i:], []byte("true")):
		s.i += 4
		return true
	case s.next() == 'f' && bytes.HasPrefix(s.data[s.i:], []byte("false")):
		s.i += 5
		return false
	}
	s.fail()
	return false
}

// number returns the bytes of a JSON number, checking its grammar, and
// whether it is a plain integer.
func (s *scanner) number() ([]byte, bool) {
	if !s.ok {
		return nil, false
	}
	s.ws()
	start, d := s.i, s.data
	digits := func() int {
		n := 0
		for s.i < len(d) && '0' <= d[s.i] && d[s.i] <= '9' {
			s.i++
			n++
		}
		return n
	}
	if s.i < len(d) && d[s.i] == '-' {
		s.i++
	}
	first := s.i
	if n := digits(); n == 0 || (n > 1 && d[first] == '0') {
		s.fail()
		return nil, false
	}
	integer := true
	if s.i < len(d) && d[s.i] == '.' {
		s.i++
		integer = false
		if digits() == 0 {
			s.fail()
			return nil, false
		}
	}
	if s.i < len(d) && (d[s.i] == 'e' || d[s.i] == 'E') {
		s.i++
		integer = false
		if s.i < len(d) && (d[s.i] == '+' || d[s.i] == '-') {
			s.i++
		}
		if digits() == 0 {
			s.fail()
			return nil, false
		}
	}
	return d[start:s.i], integer
}

// integer decodes a number into an int as encoding/json does: only a
// plain integer that fits.
func (s *scanner) integer() int {
	b, integer := s.number()
	if !s.ok || !integer {
		s.fail()
		return 0
	}
	n, err := strconv.ParseInt(unsafe.String(unsafe.SliceData(b), len(b)), 10, 64)
	if err != nil {
		s.fail()
	}
	return int(n)
}

func (s *scanner) float() float64 {
	b, _ := s.number()
	if !s.ok {
		return 0
	}
	x, err := strconv.ParseFloat(unsafe.String(unsafe.SliceData(b), len(b)), 64)
	if err != nil {
		s.fail()
	}
	return x
}

// optInt and optFloat decode a value that may be null; the values are
// kept in the decoder's scratch space until the result is assembled, by
// index (-1 for null).
func (s *scanner) optInt() int {
	if s.null() {
		return -1
	}
	s.d.ints = append(s.d.ints, s.integer())
	return len(s.d.ints) - 1
}

func (s *scanner) optMS() int {
	if s.null() {
		return -1
	}
	s.d.ms = append(s.d.ms, int64(s.integer()))
	return len(s.d.ms) - 1
}

func (s *scanner) optFloat() int {
	if s.null() {
		return -1
	}
	s.d.flt = append(s.d.flt, s.float())
	return len(s.d.flt) - 1
}

func (s *scanner) time() time.Time {
	var t time.Time
	s.ws()
	start := s.i
	s.rawString() // a time has no escape
	if s.ok && t.UnmarshalJSON(s.data[start:s.i]) != nil {
		s.fail()
	}
	return t
}

var (
	resultKeys     = []string{"schema_version", "id", "instrument", "lang", "respondent", "started_at", "completed_at", "answers", "behaviours", "dimensions", "validity", "recommendations"}
	instrumentKeys = []string{"id", "version", "sha256"}
	respondentKeys = []string{"anonymous", "name", "unit", "role"}
	answerKeys     = []string{"item", "value", "ms"}
	behaviourKeys  = []string{"id", "name", "score", "band", "band_label", "flagged", "answered", "items"}
	dimensionKeys  = []string{"id", "name", "score", "band", "band_label", "answered", "items"}
	validityKeys   = []string{"flags", "im_count", "inconsistent_pairs", "longest_run", "median_ms"}
	recKeys        = []string{"for", "text"}
)

// ref is where a pointer field's value waits in the scratch space: an
// index, or -1 for null.
type ref struct{ value, ms, score, band int }

func (s *scanner) result() *Result {
	d := s.d
	d.ints, d.ms, d.flt = d.ints[:0], d.ms[:0], d.flt[:0]
	d.ans, d.behs, d.dims, d.strl, d.recs = d.ans[:0], d.behs[:0], d.dims[:0], d.strl[:0], d.recs[:0]
	var ansRefs, behRefs, dimRefs [256]ref
	r := &Result{}
	median := -1
	var nAns, nBeh, nDim, nFlags, nRecs int
	seen := s.object(resultKeys, func(k int) {
		switch k {
		case 0:
			r.SchemaVersion = s.integer()
			if r.SchemaVersion != SchemaVersion {
				s.fail()
			}
		case 1:
			r.ID = s.str()
		case 2:
			s.object(instrumentKeys, func(k int) {
				switch k {
				case 0:
					r.Instrument.ID = s.shared()
				case 1:
					r.Instrument.Version = s.shared()
				case 2:
					r.Instrument.SHA256 = s.shared()
				}
			})
		case 3:
			r.Lang = s.shared()
		case 4:
			s.object(respondentKeys, func(k int) {
				switch k {
				case 0:
					r.Respondent.Anonymous = s.boolean()
				case 1:
					r.Respondent.Name = s.str()
				case 2:
					r.Respondent.Unit = s.shared()
				case 3:
					r.Respondent.Role = s.shared()
				}
			})
		case 5:
			r.StartedAt = s.time()
		case 6:
			r.CompletedAt = s.time()
		case 7:
			s.array(func() {
				if nAns >= len(ansRefs) {
					s.fail() // more than the fast path holds: careful path
					return
				}
				var a Answer
				rf := ref{value: -1, ms: -1}
				s.object(answerKeys, func(k int) {
					switch k {
					case 0:
						a.Item = s.shared()
					case 1:
						rf.value = s.optInt()
					case 2:
						rf.ms = s.optMS()
					}
				})
				d.ans = append(d.ans, a)
				ansRefs[nAns] = rf
				nAns++
			})
			if s.ok && nAns == 0 {
				r.Answers = []Answer{}
			}
		case 8:
			s.array(func() {
				if nBeh >= len(behRefs) {
					s.fail()
					return
				}
				var b Behaviour
				rf := ref{score: -1, band: -1}
				s.object(behaviourKeys, func(k int) {
					switch k {
					case 0:
						b.ID = s.shared()
					case 1:
						b.Name = s.shared()
					case 2:
						rf.score = s.optFloat()
					case 3:
						rf.band = s.optInt()
					case 4:
						b.BandLabel = s.shared()
					case 5:
						b.Flagged = s.boolean()
					case 6:
						b.Answered = s.integer()
					case 7:
						b.Items = s.integer()
					}
				})
				d.behs = append(d.behs, b)
				behRefs[nBeh] = rf
				nBeh++
			})
			if s.ok && nBeh == 0 {
				r.Behaviours = []Behaviour{}
			}
		case 9:
			s.array(func() {
				if nDim >= len(dimRefs) {
					s.fail()
					return
				}
				var x Dimension
				rf := ref{score: -1, band: -1}
				s.object(dimensionKeys, func(k int) {
					switch k {
					case 0:
						x.ID = s.shared()
					case 1:
						x.Name = s.shared()
					case 2:
						rf.score = s.optFloat()
					case 3:
						rf.band = s.optInt()
					case 4:
						x.BandLabel = s.shared()
					case 5:
						x.Answered = s.integer()
					case 6:
						x.Items = s.integer()
					}
				})
				d.dims = append(d.dims, x)
				dimRefs[nDim] = rf
				nDim++
			})
			if s.ok && nDim == 0 {
				r.Dimensions = []Dimension{}
			}
		case 10:
			s.object(validityKeys, func(k int) {
				switch k {
				case 0:
					if s.null() {
						s.fail()
						return
					}
					s.array(func() {
						d.strl = append(d.strl, s.shared())
						nFlags++
					})
					if s.ok && nFlags == 0 {
						r.Validity.Flags = []string{}
					}
				case 1:
					r.Validity.IMCount = s.integer()
				case 2:
					r.Validity.InconsistentPairs = s.integer()
				case 3:
					r.Validity.LongestRun = s.integer()
				case 4:
					median = s.optFloat()
				}
			})
		case 11:
			s.array(func() {
				var x Recommendation
				s.object(recKeys, func(k int) {
					switch k {
					case 0:
						x.For = s.shared()
					case 1:
						x.Text = s.shared()
					}
				})
				d.recs = append(d.recs, x)
				nRecs++
			})
			if s.ok && nRecs == 0 {
				r.Recommendations = []Recommendation{}
			}
		}
	})
	if !s.ok || seen != 1<<len(resultKeys)-1 {
		// A field is missing: the careful path names it.
		s.fail()
		return nil
	}
	// Assemble: every pointer points into one array per type, and each
	// slice is allocated at its final length.
	ints := append([]int(nil), d.ints...)
	flts := append([]float64(nil), d.flt...)
	if nAns > 0 {
		ms := append([]int64(nil), d.ms...)
		r.Answers = append([]Answer(nil), d.ans...)
		for i, rf := range ansRefs[:nAns] {
			if rf.value >= 0 {
				r.Answers[i].Value = &ints[rf.value]
			}
			if rf.ms >= 0 {
				r.Answers[i].MS = &ms[rf.ms]
			}
		}
	}
	if nBeh > 0 {
		r.Behaviours = append([]Behaviour(nil), d.behs...)
		for i, rf := range behRefs[:nBeh] {
			if rf.score >= 0 {
				r.Behaviours[i].Score = &flts[rf.score]
			}
			if rf.band >= 0 {
				r.Behaviours[i].Band = &ints[rf.band]
			}
		}
	}
	if nDim > 0 {
		r.Dimensions = append([]Dimension(nil), d.dims...)
		for i, rf := range dimRefs[:nDim] {
			if rf.score >= 0 {
				r.Dimensions[i].Score = &flts[rf.score]
			}
			if rf.band >= 0 {
				r.Dimensions[i].Band = &ints[rf.band]
			}
		}
	}
	if median >= 0 {
		r.Validity.MedianMS = &flts[median]
	}
	if nFlags > 0 {
		r.Validity.Flags = append([]string(nil), d.strl...)
	}
	if nRecs > 0 {
		r.Recommendations = append([]Recommendation(nil), d.recs...)
	}
	return r
}
