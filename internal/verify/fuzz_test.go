package verify_test

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"

	"github.com/tangping-dev/tangping/internal/group/synth"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/score"
	"github.com/tangping-dev/tangping/internal/testkit"
	"github.com/tangping-dev/tangping/internal/verify"
)

// FuzzVerify: whatever the bytes, reading never panics, and a result that
// verifies has exactly the figures a fresh score of its answers gives.
func FuzzVerify(f *testing.F) {
	b := testkit.DefaultBank(f)
	g := synth.New(b, 4)
	for range 4 {
		r := g.Next()
		data, _ := result.Encode(&r)
		f.Add(data)
	}
	f.Add([]byte(`{"schema_version":1}`))
	v := verifier(i18n.ZH)
	f.Fuzz(func(t *testing.T, data []byte) {
		r, rb, err := v.Decode("f.json", data)
		if err != nil {
			return
		}
		fresh := score.Score(rb, verify.Input(r))
		fresh.Unverified = r.Unverified
		if !sameFigures(r, &fresh) {
			t.Fatalf("verified, but differs from a fresh score:\n%+v\n%+v", r, fresh)
		}
	})
}

// FuzzForgedFigure sets one figure of a real result to any value: the
// result verifies only when the value is what the answers give.
func FuzzForgedFigure(f *testing.F) {
	b := testkit.DefaultBank(f)
	f.Add(uint64(1), uint8(0), 10.0)
	f.Add(uint64(2), uint8(7), 83.33333333333334)
	f.Add(uint64(3), uint8(17), 1e300)
	f.Add(uint64(4), uint8(20), -0.0)
	v := verifier(i18n.ZH)
	f.Fuzz(func(t *testing.T, seed uint64, which uint8, x float64) {
		r := synth.New(b, seed).Next()
		orig := r
		origData, _ := json.Marshal(orig)
		ptr, ok := figure(&r, int(which))
		if !ok {
			return
		}
		*ptr = x
		data, err := result.Encode(&r)
		if err != nil {
			return // NaN and Inf do not encode
		}
		_, _, err = v.Decode("f.json", data)
		var o result.Result
		_ = json.Unmarshal(origData, &o)
		origPtr, _ := figure(&o, int(which))
		same := origPtr != nil && math.Abs(*origPtr-x) <= 1e-9*math.Max(1, math.Abs(x))
		if err == nil && !same {
			t.Fatalf("figure %d forged to %v (was %v) and accepted", which, x, *origPtr)
		}
		if err != nil && same {
			t.Fatalf("figure %d left at %v but refused: %v", which, x, err)
		}
	})
}

// figure returns the i-th stored float figure of r: the dimension
// scores, the behaviour scores, then the median time.
func figure(r *result.Result, i int) (*float64, bool) {
	var all []*float64
	for k := range r.Dimensions {
		all = append(all, r.Dimensions[k].Score)
	}
	for k := range r.Behaviours {
		all = append(all, r.Behaviours[k].Score)
	}
	all = append(all, r.Validity.MedianMS)
	if i >= len(all) || all[i] == nil {
		return nil, false
	}
	return all[i], true
}

func sameFigures(a, b *result.Result) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	var x, y any
	_ = json.Unmarshal(ja, &x)
	_ = json.Unmarshal(jb, &y)
	return reflect.DeepEqual(x, y)
}
