package analyse_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/analyse"
	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/score"
)

const smallBank = "../bank/testdata/valid-small.yaml"

// people makes n results of the small bank: a latent level drives every
// item but I05, which is answered at random (a bad item); every seventh
// person skips I02.
func people(t *testing.T, b *bank.Bank, n int, seed uint64) []result.Result {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	var out []result.Result
	for p := range n {
		theta := 2 + rng.NormFloat64()
		answers := map[string]int{}
		for _, it := range b.Items {
			v := int(math.Min(4, math.Max(0, math.Round(theta+0.8*rng.NormFloat64()))))
			if it.ID == "I05" {
				v = rng.IntN(5)
			}
			answers[it.ID] = it.Value(v)
		}
		if p%7 == 0 {
			delete(answers, "I02")
		}
		out = append(out, score.Score(b, score.Input{ID: fmt.Sprintf("p%03d", p), Lang: i18n.ZH, Answers: answers}))
	}
	return out
}

func load(t *testing.T) *bank.Bank {
	t.Helper()
	b, err := bank.Load(smallBank, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestAgainstDirectComputation: every figure of every scale equals a
// plain two-pass computation on the matrix of complete results — column
// means and SDs, Pearson r of each item with the sum of the others, and
// alpha recomputed from scratch on the scale without the item.
func TestAgainstDirectComputation(t *testing.T) {
	t.Parallel()
	b := load(t)
	rs := people(t, b, 80, 3)
	a := analyse.New(b, analyse.Options{MinN: 10, Lang: i18n.EN})
	for i := range rs {
		a.Add(&rs[i])
	}
	x := a.Analysis()
	if x.N != 80 || len(x.Scales) != 4 {
		t.Fatalf("n %d, %d scales; want 80 and 4 (BA, BB, DA, DB)", x.N, len(x.Scales))
	}
	for _, s := range x.Scales {
		ids := make([]string, len(s.Items))
		for i, it := range s.Items {
			ids[i] = it.ID
		}
		m := matrix(b, rs, ids)
		if s.N != len(m) {
			t.Errorf("%s: n %d, want %d complete results", s.ID, s.N, len(m))
		}
		near(t, s.ID+" alpha", *s.Alpha, alpha(m))
		for i, it := range s.Items {
			col := column(m, i)
			rest := make([]float64, len(m))
			for p, row := range m {
				rest[p] = sum(row) - row[i]
			}
			near(t, s.ID+" "+it.ID+" mean", it.Mean, mean(col))
			near(t, s.ID+" "+it.ID+" sd", it.SD, sd(col))
			near(t, s.ID+" "+it.ID+" rest r", *it.RestR, pearson(col, rest))
			near(t, s.ID+" "+it.ID+" alpha if deleted", *it.AlphaIfDeleted, alpha(without(m, i)))
			near(t, s.ID+" "+it.ID+" floor", it.Floor, share(col, 0))
			near(t, s.ID+" "+it.ID+" ceiling", it.Ceiling, share(col, 4))
		}
	}
	// The random item is the one to rewrite, in both its scales.
	for _, w := range x.Weak() {
		if w.Item.ID != "I05" {
			t.Errorf("%s in %s flagged %v; only the random item I05 should be", w.Item.ID, w.Scale.ID, w.Item.Flags)
		}
	}
	if len(x.Weak()) != 2 {
		t.Errorf("%d weak entries, want I05 in BA and in DA", len(x.Weak()))
	}
	for _, w := range x.Weak() {
		if !slices.Contains(w.Item.Flags, analyse.LowRestR) || !slices.Contains(w.Item.Flags, analyse.AlphaRises) {
			t.Errorf("I05 in %s: flags %v, want low r and alpha rising", w.Scale.ID, w.Item.Flags)
		}
	}
}

// matrix is the keyed values of the results that answered every item of
// ids, one row per result.
func matrix(b *bank.Bank, rs []result.Result, ids []string) [][]float64 {
	var m [][]float64
	for _, r := range rs {
		ans := r.AnswerMap()
		var row []float64
		for _, id := range ids {
			x, ok := ans[id]
			if !ok {
				break
			}
			it, _ := b.Item(id)
			row = append(row, float64(it.Value(x)))
		}
		if len(row) == len(ids) {
			m = append(m, row)
		}
	}
	return m
}

func column(m [][]float64, i int) []float64 {
	c := make([]float64, len(m))
	for p := range m {
		c[p] = m[p][i]
	}
	return c
}

func without(m [][]float64, i int) [][]float64 {
	out := make([][]float64, len(m))
	for p, row := range m {
		out[p] = append(append([]float64{}, row[:i]...), row[i+1:]...)
	}
	return out
}

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

func mean(xs []float64) float64 { return sum(xs) / float64(len(xs)) }

func variance(xs []float64) float64 {
	m, s := mean(xs), 0.0
	for _, x := range xs {
		s += (x - m) * (x - m)
	}
	return s / float64(len(xs)-1)
}

func sd(xs []float64) float64 { return math.Sqrt(variance(xs)) }

func pearson(x, y []float64) float64 {
	mx, my := mean(x), mean(y)
	var sxy, sxx, syy float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
		syy += (y[i] - my) * (y[i] - my)
	}
	return sxy / math.Sqrt(sxx*syy)
}

// alpha is Cronbach's alpha from the item variances and the variance of
// the row totals.
func alpha(m [][]float64) float64 {
	k := len(m[0])
	items := 0.0
	for i := range k {
		items += variance(column(m, i))
	}
	totals := make([]float64, len(m))
	for p, row := range m {
		totals[p] = sum(row)
	}
	return float64(k) / float64(k-1) * (1 - items/variance(totals))
}

func share(xs []float64, v float64) float64 {
	n := 0
	for _, x := range xs {
		if x == v {
			n++
		}
	}
	return float64(n) / float64(len(xs))
}

func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9 {
		t.Errorf("%s = %.12f, direct computation %.12f", what, got, want)
	}
}

// TestPrivacyAndBookkeeping: below the minimum n a scale shows only its
// n; results of a bank not at hand are skipped with the reason; results of
// two banks are analysed apart; a result given twice counts once; an item
// everyone answers alike is flagged; and every output carries the
// author-only notice.
func TestPrivacyAndBookkeeping(t *testing.T) {
	t.Parallel()
	b := load(t)
	rs := people(t, b, 12, 5)
	v2 := *b
	v2.Version, v2.SHA256 = "0.2.0", strings.Repeat("2", 64)
	banks := map[string]*bank.Bank{b.SHA256: b, v2.SHA256: &v2}
	set := analyse.NewSet(func(sha string) *bank.Bank { return banks[sha] }, analyse.Options{MinN: 11, Lang: i18n.EN})
	for i := range rs {
		set.Add(fmt.Sprintf("r%d.json", i), &rs[i])
	}
	set.Add("again.json", &rs[0])
	unknown := rs[1]
	unknown.ID = "unknown"
	unknown.Instrument.SHA256 = strings.Repeat("0", 64)
	set.Add("unknown.json", &unknown)
	later := rs[2]
	later.ID = "later"
	later.Instrument.SHA256, later.Instrument.Version = v2.SHA256, v2.Version
	set.Add("later.json", &later)
	rep := set.Report()
	if len(rep.Analyses) != 2 || rep.Analyses[0].N != 12 || rep.Analyses[1].N != 1 || rep.Analyses[1].Bank.Version != "0.2.0" {
		t.Fatalf("analyses: %d, want 12 results of 0.1.0 and 1 of 0.2.0", len(rep.Analyses))
	}
	if rep.Duplicates != 1 || len(rep.Skipped) != 1 || !strings.Contains(rep.Skipped[0].Reason, "is not at hand; give it with --bank or --banks") {
		t.Errorf("duplicates %d, skipped %+v", rep.Duplicates, rep.Skipped)
	}
	x := rep.Analyses[0]
	for _, s := range x.Scales {
		// BB and DB hold I02, which every seventh person skipped: 10 of
		// 12 complete, below 11.
		withheld := s.ID == "BB" || s.ID == "DB"
		if s.Withheld != withheld || (withheld && (len(s.Items) != 0 || s.Alpha != nil)) {
			t.Errorf("%s: n %d withheld %v with %d items; want withheld %v and nothing shown then", s.ID, s.N, s.Withheld, len(s.Items), withheld)
		}
	}
	for _, s := range rep.Analyses[1].Scales {
		if !s.Withheld {
			t.Errorf("0.2.0 %s: one result, shown", s.ID)
		}
	}
	text := analyse.Text(rep, i18n.EN)
	if flat := strings.Join(strings.Fields(text), " "); !strings.HasPrefix(flat, analyse.Notice(i18n.EN)) {
		t.Errorf("the text does not open with the notice:\n%s", text)
	}
	for _, want := range []string{"BB Behaviour B (behaviour)  n = 10  fewer than 11 complete results: item statistics withheld",
		"Item analysis: small 0.2.0, 1 results", "skipped unknown.json: the bank it was scored with", "1 duplicate result(s)"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	js, err := analyse.JSON(rep, i18n.ZH)
	if err != nil || !strings.Contains(string(js), `"notice": "【仅供题库编写者本人查看】`) {
		t.Errorf("JSON lacks the notice: %v\n%s", err, js)
	}

	// Everyone answers I01 alike.
	for i := range rs {
		for j := range rs[i].Answers {
			if rs[i].Answers[j].Item == "I01" {
				one := 1
				rs[i].Answers[j].Value = &one
			}
		}
	}
	a := analyse.New(b, analyse.Options{MinN: 10, Lang: i18n.EN})
	for i := range rs {
		a.Add(&rs[i])
	}
	found := false
	for _, w := range a.Analysis().Weak() {
		found = found || (w.Item.ID == "I01" && slices.Contains(w.Item.Flags, analyse.NoVariance) && w.Item.RestR == nil)
	}
	if !found {
		t.Error("an item with no variance is not flagged as such")
	}
}

// TestNegativeAlphaExplained: bank analyse printed "α = -0.42" with no
// word on it. Answers that are independent noise give some scale a
// negative α; it is marked and explained once, in both languages.
func TestNegativeAlphaExplained(t *testing.T) {
	t.Parallel()
	b := load(t)
	rng := rand.New(rand.NewPCG(9, 9))
	for _, l := range []i18n.Lang{i18n.ZH, i18n.EN} {
		set := analyse.NewSet(func(string) *bank.Bank { return b }, analyse.Options{MinN: analyse.MinMinN, Lang: l})
		for p := range analyse.MinMinN {
			answers := map[string]int{}
			for _, it := range b.Items {
				answers[it.ID] = rng.IntN(5)
			}
			r := score.Score(b, score.Input{ID: fmt.Sprintf("n%03d", p), Lang: l, Answers: answers})
			set.Add(fmt.Sprintf("n%03d.json", p), &r)
		}
		rep := set.Report()
		negative := false
		for _, s := range rep.Analyses[0].Scales {
			negative = negative || s.Alpha != nil && *s.Alpha <= -0.005
		}
		if !negative {
			t.Fatalf("%s: no scale has a negative α to explain", l)
		}
		text := analyse.Text(rep, l)
		flat := strings.Join(strings.Fields(text), "")
		if !strings.Contains(text, " *") || !strings.Contains(flat, strings.Join(strings.Fields(analyse.NegativeAlpha(l)), "")) {
			t.Errorf("%s: a negative α is not marked and explained:\n%s", l, text)
		}
	}
}
