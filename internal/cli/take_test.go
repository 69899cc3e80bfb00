package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// takeEnv is a private state directory for one test.
func takeEnv(t *testing.T) (map[string]string, string) {
	dir := t.TempDir()
	return map[string]string{"LANG": "zh_CN.UTF-8", "HOME": dir, "XDG_STATE_HOME": filepath.Join(dir, "state")},
		filepath.Join(dir, "state", "tangping")
}

// answerLines pipes the answers: key (i*3)%5+1 for question i.
func answerLines(n int) (string, map[string]int) {
	var b strings.Builder
	want := map[string]int{}
	for i := range n {
		k := (i*3)%5 + 1
		b.WriteString(string(rune('0'+k)) + "\n")
		want[itemID(i)] = k - 1
	}
	return b.String(), want
}

func itemID(i int) string { return "Q" + string(rune('0'+(i+1)/10)) + string(rune('0'+(i+1)%10)) }

func readResultFile(t *testing.T, path string) *result.Result {
	t.Helper()
	r, err := result.Read(path, i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// take and score give the same scores for the same answers.
func TestTakeScoresLikeScore(t *testing.T) {
	t.Parallel()
	env, _ := takeEnv(t)
	dir := t.TempDir()
	in, want := answerLines(46)
	taken := filepath.Join(dir, "taken.json")
	if r := runTangpingIn(t, in, env, "take", "--out", taken); r.code != 0 {
		t.Fatalf("take: exit %d\n%s", r.code, r.errOut)
	}
	answers, _ := json.Marshal(map[string]any{"bank": "tangping-default", "answers": want})
	answersPath := filepath.Join(dir, "answers.json")
	if err := os.WriteFile(answersPath, answers, 0o600); err != nil {
		t.Fatal(err)
	}
	scored := filepath.Join(dir, "scored.json")
	if r := runTangping(t, env, "score", "--answers", answersPath, "--out", scored); r.code != 0 {
		t.Fatalf("score: exit %d\n%s", r.code, r.errOut)
	}
	a, b := readResultFile(t, taken), readResultFile(t, scored)
	if !reflect.DeepEqual(a.AnswerMap(), want) {
		t.Fatalf("take recorded %v, want %v", a.AnswerMap(), want)
	}
	if !reflect.DeepEqual(a.Behaviours, b.Behaviours) || !reflect.DeepEqual(a.Dimensions, b.Dimensions) ||
		!reflect.DeepEqual(a.Validity, b.Validity) || !reflect.DeepEqual(a.Recommendations, b.Recommendations) {
		t.Errorf("take and score disagree:\ntake  %+v\nscore %+v", a.Dimensions, b.Dimensions)
	}
}

func TestTakeDefaultPathAndPrivacy(t *testing.T) {
	t.Parallel()
	env, state := takeEnv(t)
	in, _ := answerLines(46)
	r := runTangpingIn(t, in, env, "take")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.errOut)
	}
	files, _ := filepath.Glob(filepath.Join(state, "results", "2026-05-01-*.json"))
	if len(files) != 1 {
		t.Fatalf("results %v", files)
	}
	if !strings.Contains(r.out, "结果已保存到："+files[0]) || !strings.Contains(r.out, "tangping report "+files[0]) {
		t.Errorf("the saved path is not printed:\n%s", r.out)
	}
	for _, p := range []string{files[0], filepath.Join(state, "results"), state} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		want := os.FileMode(0o600)
		if fi.IsDir() {
			want = 0o700
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s: mode %o, want %o", p, fi.Mode().Perm(), want)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(state, "progress", "*.json")); len(left) != 0 {
		t.Errorf("progress left after submitting: %v", left)
	}
}

func TestTakeFreshAndResume(t *testing.T) {
	t.Parallel()
	env, _ := takeEnv(t)
	if r := runTangpingIn(t, "5\n5\n5\n", env, "take"); r.code != 2 || !strings.Contains(r.errOut, "输入在第 4 题前就结束了") {
		t.Fatalf("exit %d, stderr %s", r.code, r.errOut)
	}
	// resumed: the three answers stay, the rest come from this run
	in, _ := answerLines(43)
	out := filepath.Join(t.TempDir(), "r.json")
	if r := runTangpingIn(t, in, env, "take", "--out", out); r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.errOut)
	}
	got := readResultFile(t, out).AnswerMap()
	if got["Q01"] != 4 || got["Q03"] != 4 || got["Q04"] != 0 || got["Q05"] != 3 || len(got) != 46 {
		t.Errorf("resumed answers %v", got)
	}
	// --fresh drops what was saved
	if r := runTangpingIn(t, "5\n5\n5\n", env, "take"); r.code != 2 {
		t.Fatal(r.errOut)
	}
	in, want := answerLines(46)
	if r := runTangpingIn(t, in, env, "take", "--fresh", "--out", out); r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.errOut)
	}
	if got := readResultFile(t, out).AnswerMap(); !reflect.DeepEqual(got, want) {
		t.Errorf("--fresh answers %v, want %v", got, want)
	}
}

func TestTakeCorruptProgressIsKept(t *testing.T) {
	t.Parallel()
	env, state := takeEnv(t)
	b, err := bank.Default(i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(state, "progress", b.ID+"-"+b.SHA256[:16]+".json")
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(`{"answers": {"Q01": 3`), 0o600); err != nil {
		t.Fatal(err)
	}
	in, want := answerLines(46)
	out := filepath.Join(t.TempDir(), "r.json")
	r := runTangpingIn(t, in, env, "take", "--out", out)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.errOut)
	}
	if !strings.Contains(r.errOut, "已损坏") || !strings.Contains(r.errOut, p+".corrupt-") {
		t.Errorf("no clear message about the damaged progress: %s", r.errOut)
	}
	kept, _ := filepath.Glob(p + ".corrupt-*")
	if len(kept) != 1 {
		t.Errorf("the damaged file was not kept: %v", kept)
	}
	if got := readResultFile(t, out).AnswerMap(); !reflect.DeepEqual(got, want) {
		t.Errorf("answers %v", got)
	}
}

func TestTakeUsage(t *testing.T) {
	t.Parallel()
	env, _ := takeEnv(t)
	if r := runTangping(t, env, "take", "extra"); r.code != 2 {
		t.Errorf("take extra: exit %d", r.code)
	}
	if r := runTangping(t, env, "take", "--bank", "/nonexistent.yaml"); r.code != 2 || !strings.Contains(r.errOut, "/nonexistent.yaml") {
		t.Errorf("missing bank: exit %d, %s", r.code, r.errOut)
	}
	if r := runTangping(t, env, "take", "--help"); r.code != 0 || !strings.Contains(r.out, "--accessible") {
		t.Errorf("help: exit %d\n%s", r.code, r.out)
	}
}

// TestPlainTangpingTakesTakesFlags: plain tangping is take, so it takes
// take's flags; `tangping --lang en --fresh` said "unknown flag: --fresh"
// in the newcomer trial.
func TestPlainTangpingTakesTakesFlags(t *testing.T) {
	t.Parallel()
	env, _ := takeEnv(t)
	in, want := answerLines(46)
	out := filepath.Join(t.TempDir(), "mine.json")
	r := runTangpingIn(t, in, env, "--fresh", "--anonymous", "--accessible", "-o", out, "--lang", "en")
	if r.code != 0 {
		t.Fatalf("tangping --fresh --anonymous --accessible -o: exit %d\n%s", r.code, r.errOut)
	}
	res := readResultFile(t, out)
	if !res.Respondent.Anonymous || !reflect.DeepEqual(res.AnswerMap(), want) || res.Lang != "en" {
		t.Errorf("result: anonymous %v, lang %q, answers %v", res.Respondent.Anonymous, res.Lang, res.AnswerMap())
	}
	// and a mistyped one is named as for take
	checkBadInput(t, runTangpingIn(t, in, env, "--fersh"), "是不是想用 --fresh？")
}
