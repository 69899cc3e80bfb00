package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

func TestScoreExample(t *testing.T) {
	t.Parallel()
	r := runTangping(t, zhEnv, "score", "--answers", exampleAnswers)
	if r.code != 0 || r.errOut != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.errOut)
	}
	res, err := result.Decode("stdout", []byte(r.out), i18n.EN)
	if err != nil {
		t.Fatalf("stdout is not a result: %v\n%s", err, r.out)
	}
	if res.Instrument.ID != "tangping-default" || len(res.Answers) != 46 || len(res.Behaviours) != 10 || len(res.Dimensions) != 6 {
		t.Errorf("result %s: %d answers, %d behaviours, %d dimensions", res.Instrument.ID, len(res.Answers), len(res.Behaviours), len(res.Dimensions))
	}
	if got := res.CompletedAt.Format("2006-01-02T15:04:05Z07:00"); got != "2026-05-01T10:00:00+08:00" {
		t.Errorf("completed_at %s, want the app's clock", got)
	}
}

func TestScoreOut(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "results", "me.json")
	r := runTangping(t, zhEnv, "score", "--answers", exampleAnswers, "--out", path)
	if r.code != 0 || r.out != "" || r.errOut != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.out, r.errOut)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	if _, err := result.Read(path, i18n.EN); err != nil {
		t.Error(err)
	}
}

// TestScoreBadAnswers: every kind of bad answers file exits 2 with a
// message that names the file (and its line, where there is one).
func TestScoreBadAnswers(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	example, err := os.ReadFile(exampleAnswers)
	if err != nil {
		t.Fatal(err)
	}
	withQ02 := func(v string) string {
		return "{\n  \"bank\": \"tangping-default\",\n  \"answers\": {\n    \"Q01\": 3,\n    \"Q02\": " + v + "\n  }\n}\n"
	}
	result := runTangping(t, zhEnv, "score", "--answers", exampleAnswers)
	for _, tc := range []struct {
		name, data string
		where      string // ":line:" after the file name, "" for the file as a whole
		phrase     string
	}{
		{"unknown-item", strings.Replace(withQ02("1"), `"Q02"`, `"Q99"`, 1), ":5:", `no item "Q99"`},
		{"value-5", withQ02("5"), ":5:", "out of range"},
		{"value-minus-1", withQ02("-1"), ":5:", "out of range"},
		{"value-2.5", withQ02("2.5"), ":5:", "not a whole number"},
		{"value-string", withQ02(`"3"`), ":5:", "text in quotes"},
		{"value-true", withQ02("true"), ":5:", "not a number"},
		{"other-bank", strings.Replace(withQ02("1"), "tangping-default", "my-bank", 1), ":2:", `for bank "my-bank"`},
		{"unknown-field", strings.Replace(withQ02("1"), `"bank"`, `"bnak"`, 1), ":2:", `unknown field "bnak"`},
		{"not-json", "bank: tangping-default\n", ":1:", "not valid JSON"},
		{"truncated", string(example[:len(example)/2]), ":", "incomplete"},
		{"empty", "", "", "the file is empty"},
		{"result-file", result.out, ":2:", "this is a result file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name+".json")
			if err := os.WriteFile(path, []byte(tc.data), 0o600); err != nil {
				t.Fatal(err)
			}
			r := runTangping(t, enEnv, "score", "--answers", path)
			checkBadInput(t, r, path+tc.where, tc.phrase)
		})
	}
	for name, path := range map[string]string{"directory": dir, "missing": filepath.Join(dir, "nope.json")} {
		t.Run(name, func(t *testing.T) {
			r := runTangping(t, enEnv, "score", "--answers", path)
			checkBadInput(t, r, path+": ", "")
		})
	}
}

// TestScoreBadBank: every broken bank of the bank package's table stops
// score with exit 2, naming the bank file.
func TestScoreBadBank(t *testing.T) {
	t.Parallel()
	broken, _ := filepath.Glob("../bank/testdata/broken/*.yaml")
	if len(broken) < 20 {
		t.Fatalf("found %d broken banks", len(broken))
	}
	for _, path := range broken {
		r := runTangping(t, enEnv, "score", "--answers", exampleAnswers, "--bank", path)
		checkBadInput(t, r, path+":", "")
	}
}

// TestScoreStdin: "--answers -" reads the app's input, and names it
// (stdin) in messages.
func TestScoreStdin(t *testing.T) {
	t.Parallel()
	example, err := os.ReadFile(exampleAnswers)
	if err != nil {
		t.Fatal(err)
	}
	r := runTangpingIn(t, string(example), zhEnv, "score", "--answers", "-")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.errOut)
	}
	if _, err := result.Decode("stdout", []byte(r.out), i18n.EN); err != nil {
		t.Error(err)
	}
	r = runTangpingIn(t, `{"answers": {"Q01": 9}}`, enEnv, "score", "--answers", "-")
	checkBadInput(t, r, "error: (stdin):1:14: item Q01: answer 9 is out of range")
	r = runTangpingIn(t, "", enEnv, "score", "--answers", "-")
	checkBadInput(t, r, "error: (stdin): the file is empty")
}

func TestScoreUsage(t *testing.T) {
	t.Parallel()
	r := runTangping(t, zhEnv, "score")
	checkBadInput(t, r, "缺少 --answers", "questions/examples/answers.json")
	r = runTangping(t, zhEnv, "score", "--answers", exampleAnswers, "extra")
	checkBadInput(t, r, "不接受参数", "extra")
}

func checkBadInput(t *testing.T, r cliRun, want ...string) {
	t.Helper()
	if r.code != 2 {
		t.Errorf("exit %d, want 2; stderr %q", r.code, r.errOut)
	}
	if r.out != "" {
		t.Errorf("stdout %.200q…, want nothing", r.out)
	}
	for _, w := range want {
		if !strings.Contains(r.errOut, w) {
			t.Errorf("stderr %q lacks %q", r.errOut, w)
		}
	}
}

// TestScreensOneToFiveFilesZeroToFour: every screen numbers the options
// 1–5 while an answers file and a result hold 0–4; where the file format
// is described (score --help, tangping schema result), that is said, and
// a 5 in a file is explained rather than only refused.
func TestScreensOneToFiveFilesZeroToFour(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		env  map[string]string
		args []string
		want []string
	}{
		{zhEnv, []string{"score", "--help"}, []string{"0–4", "1–5", "0 从不"}},
		{enEnv, []string{"score", "--help"}, []string{"0–4", "1–5", "0 never"}},
		{zhEnv, []string{"schema", "result"}, []string{"shown as 1–5 on screen", "raw answers 0–4"}},
	} {
		r := runTangping(t, c.env, c.args...)
		flat := strings.Join(strings.Fields(r.out), "")
		for _, w := range c.want {
			if r.code != 0 || !strings.Contains(flat, strings.Join(strings.Fields(w), "")) {
				t.Errorf("tangping %s: exit %d, lacks %q:\n%s", strings.Join(c.args, " "), r.code, w, r.out)
			}
		}
	}
	dir := t.TempDir()
	five := filepath.Join(dir, "five.json")
	if err := os.WriteFile(five, []byte(`{"answers": {"Q01": 5}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	checkBadInput(t, runTangping(t, zhEnv, "score", "--answers", five), "屏幕上的选项编号 1–5", "在文件里写 4")
}
