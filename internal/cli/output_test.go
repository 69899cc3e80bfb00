package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputNeverOverwritesAnInput: `report r.json --format html -o
// r.json` replaced the result with HTML (exit 0); `group dir -o
// dir/r000.json` overwrote a participant's file; `score --answers a.json
// --out a.json` the answers. An output that is an input, by path or as
// the same file through a link, is refused and nothing is written.
func TestOutputNeverOverwritesAnInput(t *testing.T) {
	t.Parallel()
	res := scoredResult(t, reportAnswers)
	dir := filepath.Dir(res)
	answers := filepath.Join(dir, "answers.json")
	data, _ := os.ReadFile(reportAnswers)
	if err := os.WriteFile(answers, data, 0o600); err != nil {
		t.Fatal(err)
	}
	sym := filepath.Join(dir, "sym.json")
	hard := filepath.Join(dir, "hard.json")
	if err := os.Symlink(res, sym); err != nil {
		t.Skipf("no symbolic links: %v", err)
	}
	if err := os.Link(res, hard); err != nil {
		t.Skipf("no hard links: %v", err)
	}
	group := groupFolder(t, 5, nil)
	member := filepath.Join(group, "r03.json")
	bankCopy := filepath.Join(dir, "bank.yaml")
	bdata, _ := os.ReadFile("../../questions/tangping-default.yaml")
	if err := os.WriteFile(bankCopy, bdata, 0o600); err != nil {
		t.Fatal(err)
	}
	env, _ := takeEnv(t)
	before := map[string][]byte{}
	for _, p := range []string{res, answers, member, bankCopy} {
		before[p], _ = os.ReadFile(p)
	}
	for _, args := range [][]string{
		{"report", res, "--format", "html", "-o", res},
		{"report", res, "--format", "html", "-o", sym},
		{"report", res, "--format", "html", "--output", hard},
		{"report", res, "--bank", bankCopy, "--format", "md", "-o", bankCopy},
		{"score", "--answers", answers, "--out", answers},
		{"score", "--answers", answers, "--bank", bankCopy, "-o", bankCopy},
		{"group", group, "--min-group", "3", "-o", member},
		{"group", group, "--min-group", "3", "--format", "json", "--out", member},
		{"compare", res, scoredResult(t, reportAnswers), "-o", res},
		{"bank", "show", bankCopy, "--json", "-o", bankCopy},
		{"bank", "simulate", bankCopy, "-n", "10", "-o", bankCopy},
	} {
		r := runTangping(t, zhEnv, args...)
		checkBadInput(t, r, "不能写到这里", "写入会覆盖它")
	}
	r := runTangpingIn(t, "", env, "take", "--bank", bankCopy, "-o", bankCopy)
	checkBadInput(t, r, "不能写到这里")
	for p, want := range before {
		if got, _ := os.ReadFile(p); !bytes.Equal(got, want) {
			t.Errorf("%s was changed", p)
		}
	}
}

// TestDashIsStandardOutput: -o - (and --out -) is standard output on every
// command; `score --out -` used to create a file named "-".
func TestDashIsStandardOutput(t *testing.T) {
	t.Parallel()
	res := scoredResult(t, reportAnswers)
	other := scoredResult(t, "../report/testdata/answers-after.json")
	group := groupFolder(t, 5, nil)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"score", "--answers", exampleAnswers, "--out", "-"}, `"schema_version": 1`},
		{[]string{"score", "--answers", exampleAnswers, "-o", "-"}, `"schema_version": 1`},
		{[]string{"report", res, "-o", "-", "--format", "md"}, "# "},
		{[]string{"report", res, "--out", "-", "--format", "json"}, `"schema_version": 1`},
		{[]string{"compare", res, other, "--force", "-o", "-", "--format", "json"}, `"dimensions"`},
		{[]string{"group", group, "--min-group", "3", "--output", "-", "--format", "json"}, `"min_group": 3`},
		{[]string{"bank", "show", "--json", "-o", "-"}, `"items"`},
		{[]string{"schema", "bank", "-o", "-"}, `"$schema"`},
		{[]string{"bank", "simulate", "-n", "10", "--json", "-o", "-"}, `"bank"`},
	} {
		r := runTangping(t, zhEnv, tc.args...)
		if r.code != 0 || !strings.Contains(r.out, tc.want) {
			t.Errorf("tangping %s: exit %d, stdout lacks %q: %s", strings.Join(tc.args, " "), r.code, tc.want, r.errOut)
		}
	}
	if _, err := os.Stat("-"); err == nil {
		os.Remove("-")
		t.Error(`a file named "-" was created`)
	}
	env, _ := takeEnv(t)
	checkBadInput(t, runTangpingIn(t, "", env, "take", "-o", "-"), "-o - 不可用")
}
