package group

import (
	"math"
	"slices"
	"testing"

	"github.com/tangping-dev/tangping/internal/result"
)

func TestDimensionStatisticsByHand(t *testing.T) {
	t.Parallel()
	// D1 scores 25, 50, 75, 100 and one null (five results, K = 5).
	//   mean   = 250 / 4 = 62.5
	//   SD     = sqrt((37.5² + 12.5² + 12.5² + 37.5²) / (4 − 1)) = sqrt(3125 / 3)
	//   median = (50 + 75) / 2 = 62.5 (even count)
	//   bands  = 25 → 2, 50 → 3, 75 → 4, 100 → 4: [0 1 1 2]
	// D2 scores 10, 20, 30, 40, 90:
	//   mean = 190 / 5 = 38; SD = sqrt((28² + 18² + 8² + 2² + 52²) / 4) = sqrt(970)
	//   median = 30 (odd count); bands [2 2 0 1]
	rep := aggregate(nil, zh(),
		res("a", dim("D1", 25), dim("D2", 10)),
		res("b", dim("D1", 50), dim("D2", 20)),
		res("c", dim("D1", 75), dim("D2", 30)),
		res("d", dim("D1", 100), dim("D2", 40)),
		res("e", dimNull("D1"), dim("D2", 90)),
	)
	if rep.N != 5 || rep.Suppressed {
		t.Fatalf("n = %d, suppressed = %v; want 5, false", rep.N, rep.Suppressed)
	}
	d1, d2 := rep.Dimensions[0], rep.Dimensions[1]
	if d1.ID != "D1" || d1.Name != "名D1" || d1.N != 4 {
		t.Errorf("D1 = %s %s n=%d, want D1 名D1 n=4", d1.ID, d1.Name, d1.N)
	}
	near(t, "D1 mean", d1.Mean, 62.5)
	near(t, "D1 sd", d1.SD, math.Sqrt(3125.0/3))
	near(t, "D1 median", d1.Median, 62.5)
	near(t, "D1 min", d1.Min, 25)
	near(t, "D1 max", d1.Max, 100)
	if got := bands(d1.Bands); !slices.Equal(got, []int{0, 1, 1, 2}) {
		t.Errorf("D1 bands = %v, want [0 1 1 2]", got)
	}
	if d1.Bands[2].Label != "区间3" {
		t.Errorf("band label from the results = %q, want 区间3", d1.Bands[2].Label)
	}
	near(t, "D2 mean", d2.Mean, 38)
	near(t, "D2 sd", d2.SD, math.Sqrt(970))
	near(t, "D2 median", d2.Median, 30)
	if got := bands(d2.Bands); !slices.Equal(got, []int{2, 2, 0, 1}) {
		t.Errorf("D2 bands = %v, want [2 2 0 1]", got)
	}
	// No bank: the scales' items are unknown, so alpha cannot be had.
	isNull(t, "D1 alpha", d1.Alpha)
	if d1.AlphaNote != "缺少题库，无法计算" {
		t.Errorf("alpha note = %q", d1.AlphaNote)
	}
}

func TestBehaviourPrevalenceAndValidityByHand(t *testing.T) {
	t.Parallel()
	// B01 scores 60 (flagged), 50 (flagged: the cut is ≥ 50), 40, 10 and
	// one null: n = 4, flagged 2, prevalence 2/4 = 0.5,
	// mean (60 + 50 + 40 + 10) / 4 = 40, bands [1 1 2 0].
	rep := aggregate(nil, zh(),
		res("a", beh("B01", 60), flags(result.FlagImpressionManagement)),
		res("b", beh("B01", 50), flags(result.FlagImpressionManagement, result.FlagTooFast)),
		res("c", beh("B01", 40)),
		res("d", behNull("B01"), flags("someday_flag")),
		res("e", beh("B01", 10)),
	)
	b := rep.Behaviours[0]
	if b.N != 4 || b.Flagged != 2 {
		t.Errorf("B01 n = %d flagged = %d, want 4 and 2", b.N, b.Flagged)
	}
	near(t, "B01 prevalence", b.Prevalence, 0.5)
	near(t, "B01 mean", b.Mean, 40)
	if got := bands(b.Bands); !slices.Equal(got, []int{1, 1, 2}) {
		t.Errorf("B01 bands = %v, want [1 1 2]", got)
	}
	want := map[string]int{
		result.FlagImpressionManagement: 2, result.FlagInconsistency: 0,
		result.FlagStraightLining: 0, result.FlagTooFast: 1, "someday_flag": 1,
	}
	if len(rep.Validity) != len(want) {
		t.Errorf("validity = %+v", rep.Validity)
	}
	for _, f := range rep.Validity {
		if f.Count != want[f.Flag] {
			t.Errorf("flag %s counted %d, want %d", f.Flag, f.Count, want[f.Flag])
		}
	}
	if rep.AnyFlag != 3 {
		t.Errorf("results with any flag = %d, want 3", rep.AnyFlag)
	}
}

func TestItemDistributionByHand(t *testing.T) {
	t.Parallel()
	// X1 answered 0, 4, 4, 2 and once left blank: counts [1 0 1 0 2],
	// mean (0 + 4 + 4 + 2) / 4 = 2.5, missing 1.
	rep := aggregate(nil, zh(),
		res("a", ans(0, 1)), res("b", ans(4, 1)), res("c", ans(4, 1)),
		res("d", ans(2, 1)), res("e", ans(-1, 1)),
	)
	x1 := rep.Items[0]
	if x1.ID != "X1" || x1.N != 4 || x1.Missing != 1 || x1.Counts != [5]int{1, 0, 1, 0, 2} {
		t.Errorf("X1 = %+v", x1)
	}
	near(t, "X1 mean", x1.Mean, 2.5)
}

// handAlpha is the worked data of TestAlphaByHand, as keyed values v of
// X1, X2, X3 for ten people.
var handAlpha = [][3]int{
	{0, 0, 1}, {1, 1, 1}, {2, 1, 2}, {2, 2, 3}, {3, 3, 3},
	{4, 3, 4}, {1, 0, 0}, {3, 4, 3}, {2, 2, 2}, {4, 4, 4},
}

func TestAlphaByHand(t *testing.T) {
	t.Parallel()
	// Ten complete results (v values in handAlpha; X3 is keyed active, so
	// its raw answer is 4 − v), plus one that skipped X2 and is left out.
	//   item  Σv  Σv²  n·Σv² − (Σv)²
	//   X1    22   64   640 − 484 = 156
	//   X2    20   60   600 − 400 = 200
	//   X3    23   69   690 − 529 = 161
	//   totals T = 1 3 5 7 9 11 1 10 6 12: ΣT = 65, ΣT² = 567,
	//   n·ΣT² − (ΣT)² = 5670 − 4225 = 1445
	//   alpha = 3/2 × (1 − (156 + 200 + 161) / 1445) = 1392 / 1445
	var rs []*result.Result
	for i, v := range handAlpha {
		rs = append(rs, res(string(rune('a'+i)), ans(v[0], v[1], 4-v[2])))
	}
	rs = append(rs, res("z", ans(4, -1, 0)))
	rep := aggregate(tinyBank(), zh(), rs...)
	d := rep.Dimensions[0]
	near(t, "alpha", d.Alpha, 1392.0/1445)
	if d.AlphaN != 10 || d.AlphaNote != "" {
		t.Errorf("alpha over %d complete results, note %q; want 10 and none", d.AlphaN, d.AlphaNote)
	}
	near(t, "behaviour alpha (same items)", rep.Behaviours[0].Alpha, 1392.0/1445)
	if d.Name != "维度一" || rep.Items[2].Text != "题三" || rep.Items[2].Keyed != "active" {
		t.Errorf("names come from the bank: %q %q %q", d.Name, rep.Items[2].Text, rep.Items[2].Keyed)
	}

	// Nine complete results are not enough.
	rep = aggregate(tinyBank(), zh(), rs[1:]...)
	isNull(t, "alpha of 9", rep.Dimensions[0].Alpha)
	if n := rep.Dimensions[0]; n.AlphaN != 9 || n.AlphaNote != "样本不足" {
		t.Errorf("alpha of 9: n=%d note=%q, want 9 and 样本不足", n.AlphaN, n.AlphaNote)
	}
	rep = aggregate(tinyBank(), Options{Lang: "en", Exact: true}, rs[1:]...)
	if n := rep.Dimensions[0].AlphaNote; n != "insufficient sample" {
		t.Errorf("English note = %q", n)
	}
}

// lsat holds the LSAT Section 6 data: five right/wrong items answered by
// 1000 people, as counts per response pattern (Bock & Lieberman 1970,
// Psychometrika 35:179–197; shipped as the LSAT data set of the R package
// ltm). The pattern counts reproduce the published proportions correct,
// .924 .709 .553 .763 .870. The ltm manual's example cronbach.alpha(LSAT)
// reports alpha = 0.295.
var lsat = map[string]int{
	"00000": 3, "00001": 6, "00010": 2, "00011": 11, "00100": 1, "00101": 1, "00110": 3, "00111": 4,
	"01000": 1, "01001": 8, "01010": 0, "01011": 16, "01100": 0, "01101": 3, "01110": 2, "01111": 15,
	"10000": 10, "10001": 29, "10010": 14, "10011": 81, "10100": 3, "10101": 28, "10110": 15, "10111": 80,
	"11000": 16, "11001": 56, "11010": 21, "11011": 173, "11100": 11, "11101": 61, "11110": 28, "11111": 298,
}

func TestAlphaPublishedLSAT(t *testing.T) {
	t.Parallel()
	s := newAlphaSums(5)
	people := 0
	for pattern, n := range lsat {
		v := make([]int, 5)
		for i, c := range pattern {
			v[i] = int(c - '0')
		}
		for range n {
			s.add(v)
			people++
		}
	}
	if people != 1000 {
		t.Fatalf("LSAT has %d people, want 1000", people)
	}
	a, why := s.alpha()
	if why != alphaOK || math.Round(a*1000)/1000 != 0.295 {
		t.Errorf("LSAT alpha = %.5f (status %d), published 0.295", a, why)
	}
}

func TestAlphaZeroVariance(t *testing.T) {
	t.Parallel()
	s := newAlphaSums(3)
	for range 12 {
		s.add([]int{2, 2, 2})
	}
	if _, why := s.alpha(); why != alphaNoVariance {
		t.Errorf("identical answers: status %d, want no variance", why)
	}
}

func TestMergedMomentsEqualOnePass(t *testing.T) {
	t.Parallel()
	// Pooling subgroups must give what one pass over everyone gives:
	// 1..10 has mean 5.5 and sample variance 55/6.
	var a, b moments
	for x := 1; x <= 10; x++ {
		if x%3 == 0 {
			a.add(float64(x))
		} else {
			b.add(float64(x))
		}
	}
	a.merge(b)
	sd, _ := a.sd()
	if a.n != 10 || math.Abs(a.mean-5.5) > 1e-12 || math.Abs(sd*sd-55.0/6) > 1e-12 || a.min != 1 || a.max != 10 {
		t.Errorf("merged = %+v sd² %v", a, sd*sd)
	}
}
