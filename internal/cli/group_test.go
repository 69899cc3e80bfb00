package cli_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/group/synth"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// groupFolder writes n synthetic results and one truncated file into a
// fresh folder; edit may change a result before it is written.
func groupFolder(t *testing.T, n int, edit func(i int, r *result.Result)) string {
	t.Helper()
	b, err := bank.Default(i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	g := synth.New(b, 3)
	for i := 1; i <= n; i++ {
		r := g.Next()
		if edit != nil {
			edit(i, &r)
		}
		if err := result.WriteFile(filepath.Join(dir, fmt.Sprintf("r%02d.json", i)), &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.json"), []byte(`{"schema_version": 1, "id": "x`), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestGroupTextReport(t *testing.T) {
	t.Parallel()
	dir := groupFolder(t, 12, nil)
	r := runTangping(t, zhEnv, "group", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.errOut)
	}
	for _, want := range []string{"团体报告", "有效结果 12 份", "跳过 1 份", "broken.json", "截断", "政治力强", "推拖绕",
		"差分隐私", "约 ", "不显示题目统计"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("text report lacks %q", want)
		}
	}
	if strings.Contains(r.out, "Q46") || strings.Contains(r.out, "标准差  中位数") {
		t.Errorf("the protected report of 12 shows items or medians:\n%s", r.out)
	}
	if strings.Contains(r.out, "\x1b[") {
		t.Errorf("colour codes written to a pipe")
	}
	if strings.Contains(r.out, "测试姓名") {
		t.Errorf("a respondent name leaked into the report")
	}
	en := runTangping(t, enEnv, "group", dir)
	if !strings.Contains(en.out, "12 results counted") || !strings.Contains(en.out, "Political strength") {
		t.Errorf("English report:\n%s", en.out)
	}
}

// TestGroupExactWarns: --exact gives the unprotected figures and says,
// on stderr and in the report, that they are for the trainer alone.
func TestGroupExactWarns(t *testing.T) {
	t.Parallel()
	dir := groupFolder(t, 12, nil)
	r := runTangping(t, zhEnv, "group", dir, "--exact")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.errOut)
	}
	for what, text := range map[string]string{"stderr": r.errOut, "report": r.out} {
		if !strings.Contains(text, "只供培训者本人查看") || !strings.Contains(text, "不要展示") {
			t.Errorf("%s lacks the exact-mode warning:\n%s", what, text)
		}
	}
	if !strings.Contains(r.out, "Q46") || !strings.Contains(r.out, "标准差  中位数") {
		t.Errorf("--exact lacks the item table or the median")
	}
	en := runTangping(t, enEnv, "group", dir, "--exact", "--format", "json")
	if !strings.Contains(en.errOut, "own eyes only") || !strings.Contains(en.out, `"mode": "exact"`) {
		t.Errorf("English --exact: stderr %q", en.errOut)
	}
}

// TestGroupProtectedIsStable: the same set prints the same figures on
// every run and in either language (so re-running cannot average the
// noise away), and one result less changes them.
func TestGroupProtectedIsStable(t *testing.T) {
	t.Parallel()
	dir := groupFolder(t, 12, nil)
	means := func(env map[string]string) []float64 {
		r := runTangping(t, env, "group", dir, "--format", "json")
		var rep struct {
			Dimensions []struct{ Mean float64 }
			Protection struct {
				Mode    string
				Epsilon float64
			}
		}
		if err := json.Unmarshal([]byte(r.out), &rep); err != nil {
			t.Fatalf("exit %d: %v", r.code, err)
		}
		if rep.Protection.Mode != "protected" || rep.Protection.Epsilon <= 0 {
			t.Errorf("protection = %+v", rep.Protection)
		}
		var out []float64
		for _, d := range rep.Dimensions {
			out = append(out, d.Mean)
		}
		return out
	}
	first := fmt.Sprint(means(zhEnv))
	if again, en := fmt.Sprint(means(zhEnv)), fmt.Sprint(means(enEnv)); again != first || en != first {
		t.Errorf("figures differ between runs or languages: %s, %s, %s", first, again, en)
	}
	if err := os.Remove(filepath.Join(dir, "r05.json")); err != nil {
		t.Fatal(err)
	}
	if fewer := fmt.Sprint(means(zhEnv)); fewer == first {
		t.Errorf("one result less gives the very same figures: %s", fewer)
	}
}

func TestGroupFormatsToFiles(t *testing.T) {
	t.Parallel()
	dir := groupFolder(t, 6, nil)
	out := t.TempDir()
	for _, c := range []struct{ file, flag, start string }{
		{"g.json", "", "{"},
		{"g.md", "", "# "},
		{"g.html", "", "<!DOCTYPE html>"},
		{"g.csv", "", "\uFEFFkind,"},
		{"g.xlsx", "", "PK"},
		{"g.txt", "", "躺平式干部自查自测"},
		{"report.out", "--format=md", "# "},
	} {
		args := []string{"group", dir, "--by", "role", "-o", filepath.Join(out, c.file)}
		if c.flag != "" {
			args = append(args, c.flag)
		}
		r := runTangping(t, zhEnv, args...)
		if r.code != 0 {
			t.Errorf("%s: exit %d: %s", c.file, r.code, r.errOut)
			continue
		}
		if !strings.Contains(r.errOut, "已写入") || !strings.Contains(r.errOut, "6 份结果") || !strings.Contains(r.errOut, "跳过 1 个") {
			t.Errorf("%s: summary line = %q", c.file, r.errOut)
		}
		p := filepath.Join(out, c.file)
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", c.file, st.Mode().Perm())
		}
		data, _ := os.ReadFile(p)
		if !strings.HasPrefix(string(data), c.start) {
			t.Errorf("%s starts %q, want %q", c.file, data[:min(len(data), 20)], c.start)
		}
	}
}

func TestGroupStrictAndBadInput(t *testing.T) {
	t.Parallel()
	dir := groupFolder(t, 6, nil)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"group", dir, "--strict"}, "broken.json"},
		{[]string{"group", filepath.Join(dir, "nope")}, "找不到这个文件或目录"},
		{[]string{"group", filepath.Join(dir, "*.xml")}, "没有文件与这个通配符匹配"},
		{[]string{"group", dir, "--min-group", "2"}, "--min-group 至少为 3"},
		{[]string{"group", dir, "--by", "age"}, "--by 只能是 unit"},
		{[]string{"group", dir, "--format", "pdf"}, "不认识的格式"},
		{[]string{"group"}, "请给出结果文件或目录"},
		{[]string{"group", t.TempDir()}, "没有找到 .json 文件"},
	} {
		r := runTangping(t, zhEnv, c.args...)
		if r.code != 2 || !strings.Contains(r.errOut, c.want) {
			t.Errorf("tangping %s: exit %d, stderr %q; want exit 2 mentioning %q", strings.Join(c.args[1:], " "), r.code, r.errOut, c.want)
		}
	}
}

func TestGroupGlobAndDuplicates(t *testing.T) {
	t.Parallel()
	dir := groupFolder(t, 6, nil)
	data, _ := os.ReadFile(filepath.Join(dir, "r01.json"))
	if err := os.WriteFile(filepath.Join(dir, "r01-copy.json"), data, 0o600); err != nil {
		t.Fatal(err)
	}
	// The pattern reaches tangping unexpanded, as from a shell that
	// does not expand it (or from quotes).
	r := runTangping(t, zhEnv, "group", filepath.Join(dir, "r0*.json"), "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.errOut)
	}
	var rep struct {
		N          int `json:"n"`
		Duplicates []struct{ File, First string }
		Skipped    []any
	}
	if err := json.Unmarshal([]byte(r.out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.N != 6 || len(rep.Skipped) != 0 || len(rep.Duplicates) != 1 || filepath.Base(rep.Duplicates[0].First) != "r01-copy.json" {
		t.Errorf("n=%d skipped=%d duplicates=%+v; want 6, 0 and r01.json counted after r01-copy.json", rep.N, len(rep.Skipped), rep.Duplicates)
	}
}

func TestGroupMixedVersions(t *testing.T) {
	t.Parallel()
	old := bankVersion(t, "0.9.0")
	b, err := bank.Load(old, i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	g := synth.New(b, 9)
	dir := groupFolder(t, 8, func(i int, r *result.Result) {
		if i > 5 {
			*r = g.Next()
		}
	})
	r := runTangping(t, zhEnv, "group", dir, "--bank", old)
	if r.code != 2 || !strings.Contains(r.errOut, "tangping-default 0.9.0: 3 份") || !strings.Contains(r.errOut, "--allow-mixed") {
		t.Fatalf("mixed versions: exit %d, %s", r.code, r.errOut)
	}
	r = runTangping(t, zhEnv, "group", dir, "--bank", old, "--allow-mixed", "--format", "json")
	var rep struct {
		N        int `json:"n"`
		Versions []struct {
			N          int  `json:"n"`
			Suppressed bool `json:"suppressed"`
		} `json:"versions"`
	}
	if err := json.Unmarshal([]byte(r.out), &rep); err != nil {
		t.Fatalf("exit %d: %v\n%s", r.code, err, r.errOut)
	}
	if rep.N != 8 || len(rep.Versions) != 2 || rep.Versions[0].N != 3 || !rep.Versions[0].Suppressed || rep.Versions[1].N != 5 {
		t.Errorf("allow-mixed report: %+v", rep)
	}
}

// TestGroupCountsARenamedCopyOnce: a result handed in twice, the copy
// with a new id (the one field verification cannot recompute), was
// counted twice: one person could weigh the group's profile as often as
// they liked. The same sitting (answers, answer times, start and end) is
// one result whatever its id.
func TestGroupCountsARenamedCopyOnce(t *testing.T) {
	t.Parallel()
	dir := groupFolder(t, 6, nil)
	for i, id := range []string{"copy-1", "copy-2", "copy-3"} {
		editJSON(t, filepath.Join(dir, "r02.json"), fmt.Sprintf("r02-copy%d.json", i), func(m map[string]any) { m["id"] = id })
	}
	r := runTangping(t, zhEnv, "group", dir, "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.errOut)
	}
	var rep struct {
		N          int `json:"n"`
		Duplicates []struct{ File, First string }
	}
	if err := json.Unmarshal([]byte(r.out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.N != 6 || len(rep.Duplicates) != 3 {
		t.Errorf("n=%d, %d duplicates; want 6 counted and the 3 renamed copies of r02.json listed as duplicates", rep.N, len(rep.Duplicates))
	}
	for _, d := range rep.Duplicates {
		if !strings.HasPrefix(filepath.Base(d.File), "r02") || !strings.HasPrefix(filepath.Base(d.First), "r02") {
			t.Errorf("%s is reported as a copy of %s, want copies of r02.json", d.File, d.First)
		}
	}
}
