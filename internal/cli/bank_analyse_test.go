package cli_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/score"
)

// writeResults writes n results of bank b (nil: the built-in one) into
// dir: one latent level drives every item except bad, which is answered
// at random.
func writeResults(t *testing.T, dir string, b *bank.Bank, n int, bad string) {
	t.Helper()
	if b == nil {
		var err error
		if b, err = bank.Default(i18n.ZH); err != nil {
			t.Fatal(err)
		}
	}
	rng := rand.New(rand.NewPCG(11, 12))
	for p := range n {
		theta := 1.5 + rng.NormFloat64()
		answers := map[string]int{}
		for _, it := range b.Items {
			v := int(math.Min(4, math.Max(0, math.Round(theta+0.7*rng.NormFloat64()))))
			if it.ID == bad {
				v = rng.IntN(5)
			}
			answers[it.ID] = it.Value(v)
		}
		r := score.Score(b, score.Input{ID: fmt.Sprintf("%s-%03d", b.Version, p), Lang: i18n.ZH, Answers: answers,
			Respondent: result.Respondent{Name: fmt.Sprintf("姓名%03d", p)}})
		data, err := result.Encode(&r)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%03d.json", b.Version, p)), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBankAnalyse: a trainer runs bank analyse on a folder of results and
// sees which item to rewrite; the output says it is for the author alone,
// names no one, and a file is written private.
func TestBankAnalyse(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeResults(t, dir, nil, 60, "Q35")
	r := runTangping(t, enEnv, "bank", "analyse", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.errOut)
	}
	for _, want := range []string{"[For the bank author's eyes only]", "Item analysis: tangping-default 1.1.0, 60 results",
		"B01 Stalling, shifting and sidestepping (behaviour)  n = 60", "Items worth rewriting", "Q35  B01"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("analysis lacks %q:\n%s", want, r.out)
		}
	}
	if strings.Contains(r.out, "姓名") {
		t.Error("the analysis shows a respondent's name")
	}
	out := filepath.Join(t.TempDir(), "analysis.json")
	r = runTangping(t, zhEnv, "bank", "analyse", dir, "-o", out)
	data, err := os.ReadFile(out)
	if r.code != 0 || err != nil || !strings.Contains(string(data), `"notice": "【仅供题库编写者本人查看】`) || !strings.Contains(r.errOut, "仅供题库编写者本人查看") {
		t.Fatalf("exit %d, %v, stderr %q:\n%s", r.code, err, r.errOut, data)
	}
	if st, _ := os.Stat(out); st.Mode().Perm() != 0o600 {
		t.Errorf("analysis written with mode %o, want 600", st.Mode().Perm())
	}
	// Fewer complete results than --min-n: no item figure at all.
	r = runTangping(t, enEnv, "bank", "analyse", dir, "--min-n", "61")
	if r.code != 0 || strings.Contains(r.out, "Q35") || !strings.Contains(r.out, "fewer than 61 complete results: item statistics withheld") {
		t.Errorf("--min-n 61 on 60 results: exit %d\n%s", r.code, r.out)
	}
	checkBadInput(t, runTangping(t, enEnv, "bank", "analyse", dir, "--min-n", "5"), "--min-n must be at least 10")
	// Results of 1.0.0 beside them: verified against 1.0.0 (built in)
	// and analysed apart, never pooled with 1.1.0's.
	old, err := bank.Load("../../questions/tangping-default.yaml", i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	writeResults(t, dir, old, 40, "")
	r = runTangping(t, enEnv, "bank", "analyse", dir)
	if !strings.Contains(r.out, "Item analysis: tangping-default 1.0.0, 40 results") || !strings.Contains(r.out, "Item analysis: tangping-default 1.1.0, 60 results") {
		t.Errorf("two versions: exit %d\n%s", r.code, r.out)
	}
	// A bank that is not at hand: its results cannot be analysed.
	small := t.TempDir()
	sb, err := bank.Load("../bank/testdata/valid-small.yaml", i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	writeResults(t, small, sb, 12, "")
	checkBadInput(t, runTangping(t, enEnv, "bank", "analyse", small), "no result could be analysed", "--bank")
	if r := runTangping(t, enEnv, "bank", "analyse", small, "--bank", "../bank/testdata/valid-small.yaml", "--min-n", "10"); r.code != 0 || !strings.Contains(r.out, "Item analysis: small 0.1.0, 12 results") {
		t.Errorf("--bank small: exit %d %s\n%s", r.code, r.errOut, r.out)
	}
	checkBadInput(t, runTangping(t, enEnv, "bank", "analyse"), "name result files or a directory")
	checkBadInput(t, runTangping(t, enEnv, "bank", "analyse", dir, "-o", filepath.Join(t.TempDir(), "a.html")), "names no format")
}
