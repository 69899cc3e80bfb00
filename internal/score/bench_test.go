package score_test

import (
	"testing"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/score"
)

// BenchmarkScore scores one full answer set on the default bank, engine
// and all, as take and score do once.
func BenchmarkScore(b *testing.B) {
	bk, err := bank.Default(i18n.ZH)
	if err != nil {
		b.Fatal(err)
	}
	answers := map[string]int{}
	ms := map[string]int64{}
	for i, it := range bk.Items {
		answers[it.ID] = i % 5
		ms[it.ID] = int64(2000 + i*10)
	}
	in := score.Input{ID: "bench", Lang: i18n.ZH, Answers: answers, MS: ms}
	b.ReportAllocs()
	for b.Loop() {
		r := score.Score(bk, in)
		if len(r.Behaviours) != 10 {
			b.Fatal("wrong result")
		}
	}
}

// BenchmarkEngineFigures recomputes a result's figures from its answers
// by item position with an engine made once: what verification pays per
// result file.
func BenchmarkEngineFigures(b *testing.B) {
	bk, err := bank.Default(i18n.ZH)
	if err != nil {
		b.Fatal(err)
	}
	e := score.New(bk)
	vals := make([]int, len(bk.Items))
	ms := make([]int64, len(bk.Items))
	for i := range bk.Items {
		vals[i], ms[i] = i%5, int64(2000+i*10)
	}
	b.ReportAllocs()
	for b.Loop() {
		var r result.Result
		e.Figures(&r, vals, ms, i18n.ZH)
		if len(r.Behaviours) != 10 {
			b.Fatal("wrong result")
		}
	}
}
