package group

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/result"
)

// people returns n results of one unit, each with D1 = score.
func people(prefix, u string, n int, score float64) []*result.Result {
	var out []*result.Result
	for i := range n {
		out = append(out, res(fmt.Sprintf("%s%d", prefix, i), unit(u), dim("D1", score)))
	}
	return out
}

func byUnit() Options { return Options{Lang: "zh", By: ByUnit, Exact: true} }

func names(gs []Group) string {
	var s []string
	for _, g := range gs {
		s = append(s, fmt.Sprintf("%s:%d", g.Name, g.N))
	}
	return strings.Join(s, " ")
}

func TestSmallSubgroupsPoolIntoOther(t *testing.T) {
	t.Parallel()
	// A 6 people, B 3, C 3: B and C are below K = 5 and together make 6,
	// so "其他" is shown. Its D1 mean is (3×40 + 3×20) / 6 = 30.
	var rs []*result.Result
	rs = append(rs, people("a", "甲局", 6, 80)...)
	rs = append(rs, people("b", "乙局", 3, 40)...)
	rs = append(rs, people("c", "丙局", 3, 20)...)
	rep := aggregate(nil, byUnit(), rs...)
	if got := names(rep.Groups); got != "甲局:6 其他:6" {
		t.Fatalf("groups = %s, want 甲局:6 其他:6", got)
	}
	other := rep.Groups[1]
	if !other.Other || other.Groups != 2 {
		t.Errorf("其他 = %+v, want other pooling 2 groups", other)
	}
	near(t, "其他 D1 mean", other.Dimensions[0].Mean, 30)
	near(t, "甲局 D1 mean", rep.Groups[0].Dimensions[0].Mean, 80)
	if w := rep.Withheld; w.Merged != 2 || w.Protective != 0 || w.Hidden != 0 {
		t.Errorf("withheld = %+v, want 2 merged", w)
	}
	// The whole group is untouched: (6×80 + 3×40 + 3×20) / 12 = 55.
	near(t, "overall D1 mean", rep.Dimensions[0].Mean, 55)
}

func TestOtherBelowKTakesTheSmallestShownGroup(t *testing.T) {
	t.Parallel()
	// A 7, B 6, C 2. C alone is below K, and showing A, B and the total
	// would give C's mean away: (15×total − 7×A − 6×B) / 2. So the
	// smallest shown group, B, joins C in "其他": (6×40 + 2×20) / 8 = 35.
	var rs []*result.Result
	rs = append(rs, people("a", "甲局", 7, 80)...)
	rs = append(rs, people("b", "乙局", 6, 40)...)
	rs = append(rs, people("c", "丙局", 2, 20)...)
	rep := aggregate(nil, byUnit(), rs...)
	if got := names(rep.Groups); got != "甲局:7 其他:8" {
		t.Fatalf("groups = %s, want 甲局:7 其他:8", got)
	}
	near(t, "其他 D1 mean", rep.Groups[1].Dimensions[0].Mean, 35)
	if w := rep.Withheld; w.Merged != 2 || w.Protective != 1 {
		t.Errorf("withheld = %+v, want 2 merged of which 1 protective", w)
	}
}

func TestNothingShownWhenOtherWouldBeEveryone(t *testing.T) {
	t.Parallel()
	// A 10, C 2: "其他" would need A too and then repeat the total.
	var rs []*result.Result
	rs = append(rs, people("a", "甲局", 10, 80)...)
	rs = append(rs, people("c", "丙局", 2, 20)...)
	rep := aggregate(nil, byUnit(), rs...)
	if len(rep.Groups) != 0 {
		t.Fatalf("groups = %s, want none", names(rep.Groups))
	}
	if w := rep.Withheld; w.Hidden != 2 || w.HiddenPeople != 12 {
		t.Errorf("withheld = %+v, want 2 groups / 12 people hidden", w)
	}
	if rep.N != 12 || rep.Suppressed {
		t.Errorf("the whole group is still shown: n=%d suppressed=%v", rep.N, rep.Suppressed)
	}
}

func TestEmptyUnitIsNotGiven(t *testing.T) {
	t.Parallel()
	var rs []*result.Result
	rs = append(rs, people("a", "甲局", 5, 80)...)
	rs = append(rs, people("n", "", 3, 40)...)
	rs = append(rs, people("s", "  ", 2, 40)...)
	rep := aggregate(nil, byUnit(), rs...)
	if got := names(rep.Groups); got != "甲局:5 未填写:5" {
		t.Errorf("groups = %s, want 甲局:5 未填写:5", got)
	}
	en := aggregate(nil, Options{Lang: "en", By: ByRole}, people("x", "甲局", 5, 80)...)
	if got := names(en.Groups); got != "not given:5" {
		t.Errorf("by role, no role given = %s, want not given:5", got)
	}
}

func TestBelowKOnlyNIsShown(t *testing.T) {
	t.Parallel()
	rep := aggregate(tinyBank(), Options{Lang: "zh", By: ByUnit}, people("a", "甲局", 4, 80)...)
	if rep.N != 4 || !rep.Suppressed || len(rep.Dimensions) != 0 || len(rep.Behaviours) != 0 ||
		len(rep.Items) != 0 || len(rep.Groups) != 0 || len(rep.Validity) != 0 {
		t.Errorf("below K: %+v", rep.Section)
	}
	rep = aggregate(nil, Options{Lang: "zh", MinGroup: 3}, people("a", "甲局", 3, 80)...)
	if rep.Suppressed || rep.MinGroup != 3 {
		t.Errorf("K = 3 with 3 results should show statistics")
	}
}

func TestDuplicateIDsCountOnce(t *testing.T) {
	t.Parallel()
	a := New(nil, zh())
	for i, r := range people("p", "甲局", 5, 60) {
		a.Add(fmt.Sprintf("f%d.json", i), r)
	}
	again := res("p2", dim("D1", 0)) // same id as f2.json, other content
	a.Add("copy/f2.json", again)
	rep := a.Report()
	if rep.N != 5 || rep.Files != 6 {
		t.Errorf("n = %d files = %d, want 5 and 6", rep.N, rep.Files)
	}
	near(t, "mean ignores the duplicate", rep.Dimensions[0].Mean, 60)
	want := Duplicate{File: "copy/f2.json", ID: "p2", First: "f2.json"}
	if len(rep.Duplicates) != 1 || rep.Duplicates[0] != want {
		t.Errorf("duplicates = %+v, want %+v", rep.Duplicates, want)
	}
}

func TestMixedVersionsRefusedOrReportedSeparately(t *testing.T) {
	t.Parallel()
	rs := people("a", "甲局", 5, 80)
	rs = append(rs, res("v2a", version("2.0.0"), dim("D1", 10)), res("v2b", version("2.0.0"), dim("D1", 20)))
	a := New(nil, zh())
	for i, r := range rs {
		a.Add(fmt.Sprintf("f%d.json", i), r)
	}
	var me *MixedError
	if err := a.Err(); !errors.As(err, &me) || len(me.Versions) != 2 {
		t.Fatalf("Err() = %v, want a MixedError naming 2 versions", err)
	}
	msg := a.Err().Error()
	for _, want := range []string{"tiny 1.0.0: 5 份（例如 f0.json）", "tiny 2.0.0: 2 份（例如 f5.json）", "--allow-mixed"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}

	rep := aggregate(nil, Options{Lang: "zh", AllowMixed: true, Exact: true}, rs...)
	if rep.N != 7 || len(rep.Versions) != 2 || len(rep.Dimensions) != 0 {
		t.Fatalf("mixed report: n=%d versions=%d", rep.N, len(rep.Versions))
	}
	v1, v2 := rep.Versions[0], rep.Versions[1]
	if v1.Instrument.Version != "1.0.0" || v1.N != 5 || v2.N != 2 || !v2.Suppressed {
		t.Errorf("versions: %s n=%d, %s n=%d suppressed=%v", v1.Instrument.Version, v1.N, v2.Instrument.Version, v2.N, v2.Suppressed)
	}
	near(t, "1.0.0 D1 mean", v1.Dimensions[0].Mean, 80)
}

func TestSkippedAreListed(t *testing.T) {
	t.Parallel()
	a := New(nil, zh())
	a.Skip("bad.json", "文件不完整")
	rep := a.Report()
	if rep.N != 0 || !rep.Suppressed || len(rep.Skipped) != 1 || rep.Skipped[0].File != "bad.json" || rep.Files != 1 {
		t.Errorf("report = %+v", rep)
	}
}

func TestReportBetweenAddsAsADashboardDoes(t *testing.T) {
	t.Parallel()
	// A live dashboard reports after every result; that must not disturb
	// the counting: the last report equals one made at the end.
	var rs []*result.Result
	rs = append(rs, people("a", "甲局", 6, 80)...)
	rs = append(rs, people("b", "乙局", 3, 40)...)
	// D2 shows up only in the last result, after every subgroup exists.
	rs = append(rs, res("y", unit("丙局"), dim("D1", 30)), res("z", unit("丙局"), dim("D1", 10), dim("D2", 50)))
	live := New(nil, byUnit())
	var last *Report
	for i, r := range rs {
		live.Add(fmt.Sprint(i), r)
		last = live.Report()
	}
	once := aggregate(nil, byUnit(), rs...)
	if names(last.Groups) != names(once.Groups) || last.N != once.N {
		t.Fatalf("live %s n=%d, once %s n=%d", names(last.Groups), last.N, names(once.Groups), once.N)
	}
	near(t, "live D1 mean", last.Dimensions[0].Mean, *once.Dimensions[0].Mean)
	near(t, "live D1 median", last.Dimensions[0].Median, *once.Dimensions[0].Median)
	near(t, "live 其他 D1 mean", last.Groups[1].Dimensions[0].Mean, *once.Groups[1].Dimensions[0].Mean)
	// 其他 = 乙局 (3 × 40) and 丙局 (30, 10): (120 + 40) / 5 = 32; D2 has one score.
	near(t, "其他 D1 mean by hand", last.Groups[1].Dimensions[0].Mean, 32)
	if d2 := last.Groups[1].Dimensions[1]; d2.N != 1 {
		t.Errorf("其他 D2 n = %d, want 1", d2.N)
	}
}
