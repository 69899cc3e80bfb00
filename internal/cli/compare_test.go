package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// scoredAt scores answers into dir/name with the clock at the given day.
func scoredAt(t *testing.T, dir, name, answers string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if r := runTangping(t, zhEnv, "score", "--answers", answers, "--out", path); r.code != 0 {
		t.Fatalf("score: %s", r.errOut)
	}
	return path
}

// setCompleted rewrites a result's completed_at, as if it had been taken then.
func setCompleted(t *testing.T, path, when string) {
	t.Helper()
	data, _ := os.ReadFile(path)
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	m["completed_at"] = when
	out, _ := json.MarshalIndent(m, "", "  ")
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestCompareCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	before := scoredAt(t, dir, "before.json", "../report/testdata/answers-before.json")
	after := scoredAt(t, dir, "after.json", "../report/testdata/answers-after.json")
	setCompleted(t, before, "2025-03-01T09:00:00+08:00")
	setCompleted(t, after, "2025-09-01T09:00:00+08:00")

	r := runTangping(t, zhEnv, "compare", before, after)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.errOut)
	}
	for _, want := range []string{"担心问责   50 → 6     −44  ↑ 改善", "未老先衰   25 → 50    +25  ↓ 变差", "推拖绕     75 → 75     ±0  无明显变化", "已消除：担心问责、遥控指挥", "新出现：未老先衰", "无明显变化"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("compare lacks %q:\n%s", want, r.out)
		}
	}
	md := runTangping(t, zhEnv, "compare", before, after, "--format", "md")
	if !strings.Contains(md.out, "| 担心问责 | 50 | 6 | −44 | ↑ 改善 |") {
		t.Errorf("md:\n%s", md.out)
	}
	js := runTangping(t, zhEnv, "compare", before, after, "--format", "json", "--lang", "en")
	var c struct {
		Resolved   []string
		Behaviours []struct{ ID, Verdict string }
	}
	if err := json.Unmarshal([]byte(js.out), &c); err != nil || len(c.Resolved) != 2 || c.Resolved[0] != "Fear of blame" {
		t.Errorf("json: %v %+v", err, c)
	}

	// AFTER older than BEFORE: refused unless --force.
	r = runTangping(t, zhEnv, "compare", after, before)
	checkBadInput(t, r, "顺序似乎反了", before, "--force")
	if r = runTangping(t, zhEnv, "compare", after, before, "--force"); r.code != 0 {
		t.Errorf("--force: exit %d %s", r.code, r.errOut)
	}
	// A result whose version was edited is refused before any comparing:
	// its figures no longer match the bank its hash names.
	data, _ := os.ReadFile(after)
	edited := filepath.Join(dir, "edited.json")
	os.WriteFile(edited, []byte(strings.Replace(string(data), `"version": "`+defaultVersion(t)+`"`, `"version": "2.0.0"`, 1)), 0o600)
	checkBadInput(t, runTangping(t, enEnv, "compare", before, edited, "--force"), "instrument says tangping-default 2.0.0")
	// Another version asking the same questions, its bank at hand:
	// compared, with a note (docs/validity.md).
	v2 := bankVersion(t, "2.0.0")
	other := filepath.Join(dir, "other.json")
	if r := runTangping(t, zhEnv, "score", "--answers", "../report/testdata/answers-after.json", "--bank", v2, "-o", other); r.code != 0 {
		t.Fatal(r.errOut)
	}
	if r = runTangping(t, enEnv, "compare", before, other, "--force", "--bank", v2); r.code != 0 {
		t.Errorf("two versions, both banks at hand: exit %d %s", r.code, r.errOut)
	}
	// Another instrument: refused.
	idBank := editedBank(t, "other-id.yaml", "\nid: tangping-default\n", "\nid: other-bank\n")
	ans, _ := os.ReadFile("../report/testdata/answers-after.json")
	otherAnswers := filepath.Join(dir, "other-answers.json")
	os.WriteFile(otherAnswers, []byte(strings.Replace(string(ans), `"tangping-default"`, `"other-bank"`, 1)), 0o600)
	if r := runTangping(t, zhEnv, "score", "--answers", otherAnswers, "--bank", idBank, "-o", other); r.code != 0 {
		t.Fatal(r.errOut)
	}
	checkBadInput(t, runTangping(t, enEnv, "compare", before, other, "--force", "--bank", idBank), "different questionnaires")
	// Same id and version, different contents: refused too.
	twinBank := otherBank(t)
	twin := filepath.Join(dir, "twin.json")
	if r := runTangping(t, zhEnv, "score", "--answers", "../report/testdata/answers-after.json", "--bank", twinBank, "-o", twin); r.code != 0 {
		t.Fatal(r.errOut)
	}
	r = runTangping(t, enEnv, "compare", before, twin, "--force", "--bank", twinBank)
	checkBadInput(t, r, "different contents")
	// The same file twice: nothing to compare, exit 2 (it printed a page
	// of "no clear change").
	checkBadInput(t, runTangping(t, zhEnv, "compare", before, before, "--force"), "是同一份结果")
	// Not a result.
	r = runTangping(t, zhEnv, "compare", before, "../report/testdata/answers-after.json")
	checkBadInput(t, r, "answers-after.json", "这是一个答卷文件")
	r = runTangping(t, zhEnv, "compare", before)
	checkBadInput(t, r, "需要 2 个参数")
}

// answersAs writes a copy of the answers file base with respondent and
// lang replaced, and scores it into dir/name at the given time.
func answersAs(t *testing.T, dir, name, base, when, lang string, respondent map[string]any) string {
	t.Helper()
	data, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	m["respondent"], m["lang"] = respondent, lang
	out, _ := json.Marshal(m)
	answers := filepath.Join(dir, name+"-answers.json")
	if err := os.WriteFile(answers, out, 0o600); err != nil {
		t.Fatal(err)
	}
	path := scoredAt(t, dir, name+".json", answers)
	setCompleted(t, path, when)
	return path
}

// TestCompareDifferentPeople: compare used to show two colleagues' results
// as one person's change, without a word. Two names are refused (--force
// compares them, with a note); a name on one only, or two units, compare
// with a note; a name written with a space is one name; two anonymous
// results compare as they are.
func TestCompareDifferentPeople(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	const b, a = "../report/testdata/answers-before.json", "../report/testdata/answers-after.json"
	const t1, t2 = "2025-03-01T09:00:00+08:00", "2025-09-01T09:00:00+08:00"
	zhang := answersAs(t, dir, "zhang", b, t1, "zh", map[string]any{"name": "张三", "unit": "城管局"})
	li := answersAs(t, dir, "li", a, t2, "zh", map[string]any{"name": "李四", "unit": "城管局"})
	zhangSpaced := answersAs(t, dir, "zhang2", a, t2, "zh", map[string]any{"name": "张 三", "unit": "城管局"})
	anonA := answersAs(t, dir, "anon-a", a, t2, "zh", map[string]any{"anonymous": true})
	anonB := answersAs(t, dir, "anon-b", b, t1, "zh", map[string]any{"anonymous": true})
	unitA := answersAs(t, dir, "unit-a", b, t1, "zh", map[string]any{"unit": "城管局"})
	unitB := answersAs(t, dir, "unit-b", a, t2, "zh", map[string]any{"unit": "交通局"})

	r := runTangping(t, zhEnv, "compare", zhang, li)
	checkBadInput(t, r, "不像是同一个人", "张三", "李四", "--force")
	r = runTangping(t, enEnv, "compare", zhang, li)
	checkBadInput(t, r, "do not look like one person's", "--force")
	if r = runTangping(t, zhEnv, "compare", zhang, li, "--force"); r.code != 0 || !strings.Contains(r.out, "姓名不同") {
		t.Errorf("--force on two names: exit %d, want the comparison with a note:\n%s%s", r.code, r.out, r.errOut)
	}
	if r = runTangping(t, zhEnv, "compare", zhang, zhangSpaced); r.code != 0 || strings.Contains(r.out, "同一人") {
		t.Errorf("张三 and 张 三: exit %d, want no refusal and no note:\n%s%s", r.code, r.out, r.errOut)
	}
	if r = runTangping(t, zhEnv, "compare", zhang, anonA); r.code != 0 || !strings.Contains(r.out, "无法确认是同一人") {
		t.Errorf("a name on one only: exit %d, want a note:\n%s%s", r.code, r.out, r.errOut)
	}
	out := filepath.Join(dir, "change.md")
	if r = runTangping(t, zhEnv, "compare", zhang, anonA, "--format", "md", "-o", out); r.code != 0 || !strings.Contains(r.errOut, "无法确认是同一人") {
		t.Errorf("with -o the note goes to stderr too: exit %d\n%s", r.code, r.errOut)
	}
	if r = runTangping(t, zhEnv, "compare", unitA, unitB); r.code != 0 || !strings.Contains(r.out, "单位不同") {
		t.Errorf("two units: exit %d, want a note:\n%s%s", r.code, r.out, r.errOut)
	}
	if r = runTangping(t, zhEnv, "compare", anonB, anonA); r.code != 0 || strings.Contains(r.out, "同一人") || strings.Contains(r.out, "单位不同") {
		t.Errorf("two anonymous results: exit %d, want no note:\n%s%s", r.code, r.out, r.errOut)
	}
}

// TestCompareSpeaksTheInterfaceLanguage: the comparison followed the
// AFTER file's language, so an English reader comparing two Chinese
// results got Chinese.
func TestCompareSpeaksTheInterfaceLanguage(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	zhBefore := answersAs(t, dir, "zh-b", "../report/testdata/answers-before.json", "2025-03-01T09:00:00+08:00", "zh", map[string]any{})
	zhAfter := answersAs(t, dir, "zh-a", "../report/testdata/answers-after.json", "2025-09-01T09:00:00+08:00", "zh", map[string]any{})
	enAfter := answersAs(t, dir, "en-a", "../report/testdata/answers-after.json", "2025-09-01T09:00:00+08:00", "en", map[string]any{})
	if r := runTangping(t, enEnv, "compare", zhBefore, zhAfter); r.code != 0 || !strings.Contains(r.out, "Fear of blame") || strings.Contains(r.out, "担心问责") {
		t.Errorf("LANG=en, two Chinese results: exit %d, want English:\n%s%s", r.code, r.out, r.errOut)
	}
	if r := runTangping(t, zhEnv, "compare", zhBefore, enAfter); r.code != 0 || !strings.Contains(r.out, "担心问责") || strings.Contains(r.out, "Fear of blame") {
		t.Errorf("LANG=zh, an English AFTER: exit %d, want Chinese:\n%s%s", r.code, r.out, r.errOut)
	}
	if r := runTangping(t, zhEnv, "compare", zhBefore, zhAfter, "--lang", "en"); r.code != 0 || !strings.Contains(r.out, "Fear of blame") {
		t.Errorf("--lang en: exit %d, want English:\n%s%s", r.code, r.out, r.errOut)
	}
}
