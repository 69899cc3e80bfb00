package report

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/answers"
	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/score"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fixture scores testdata/answers-NAME.json against the default bank with
// a fixed id and time, so golden files do not depend on the clock and
// stay in step with the bank.
func fixture(t testing.TB, name string) (*result.Result, *bank.Bank) {
	t.Helper()
	b, err := bank.Default(i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "answers-"+name+".json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := answers.Parse(path, data, b, i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	done := time.Date(2025, 3, 14, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))
	r := score.Score(b, score.Input{
		ID: "fixture-" + name, Lang: f.Lang, Respondent: f.Respondent,
		StartedAt: done.Add(-12 * time.Minute), CompletedAt: done, Answers: f.Answers,
	})
	return &r, b
}

// golden compares got with testdata/NAME, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (go test -update refreshes it after review):\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}
