package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/questions"
)

const reportAnswers = "../report/testdata/answers-flagged.json"

// scoredResult scores answers into a result file in a temporary folder,
// so that the result always matches the built-in bank.
func scoredResult(t *testing.T, answers string, extra ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "result.json")
	args := append([]string{"score", "--answers", answers, "--out", path}, extra...)
	if r := runTangping(t, zhEnv, args...); r.code != 0 {
		t.Fatalf("score: exit %d: %s", r.code, r.errOut)
	}
	return path
}

func TestReportFormats(t *testing.T) {
	t.Parallel()
	res := scoredResult(t, reportAnswers)
	r := runTangping(t, zhEnv, "report", res)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.errOut)
	}
	if strings.Contains(r.out, "\x1b[") {
		t.Error("text written to a pipe must carry no colour escapes")
	}
	for _, want := range []string{"躺平式干部自查自测 · 个人报告", "● 遥控指挥", "描述性区间，非常模", "为何得此分", "Q25 遥控指挥 · 从不（0） · 正向（v = 4 − r） · v = 4"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("text report lacks %q", want)
		}
	}

	md := runTangping(t, zhEnv, "report", res, "--format", "md")
	if md.code != 0 || !strings.HasPrefix(md.out, "# 躺平式干部自查自测 · 个人报告\n") || !strings.Contains(md.out, "## 附录：为何得此分") {
		t.Errorf("md: exit %d, starts %.80q", md.code, md.out)
	}
	page := runTangping(t, zhEnv, "report", res, "--format", "html")
	if page.code != 0 || !strings.HasPrefix(page.out, "<!DOCTYPE html>") || strings.Count(page.out, "<svg") != 1 || !strings.Contains(page.out, `class="hbars"`) {
		t.Errorf("html: exit %d, %d radar charts", page.code, strings.Count(page.out, "<svg"))
	}
	js := runTangping(t, zhEnv, "report", res, "--format", "json")
	file, _ := os.ReadFile(res)
	if js.code != 0 || js.out != string(file) {
		t.Errorf("json should be the result itself, pretty-printed as written: exit %d", js.code)
	}
}

func TestReportToFile(t *testing.T) {
	t.Parallel()
	res := scoredResult(t, reportAnswers)
	dir := t.TempDir()
	for _, tc := range []struct{ name, args, starts string }{
		{"r.html", "", "<!DOCTYPE html>"},
		{"r.md", "", "# "},
		{"r.txt", "", "躺平式干部自查自测"},
		{"outline.md", "--outline", "# 对照检查材料（提纲草稿）"},
		{"outline.html", "--outline", "<!DOCTYPE html>"},
		{"forced.txt", "--format=md", "# "},
	} {
		out := filepath.Join(dir, tc.name)
		args := []string{"report", res, "-o", out}
		if tc.args != "" {
			args = append(args, tc.args)
		}
		r := runTangping(t, zhEnv, args...)
		if r.code != 0 || r.out != "" || !strings.Contains(r.errOut, "已写入 "+out) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", tc.name, r.code, r.out, r.errOut)
			continue
		}
		data, err := os.ReadFile(out)
		if err != nil || !strings.HasPrefix(string(data), tc.starts) {
			t.Errorf("%s starts %.40q, want %q", tc.name, data, tc.starts)
		}
		if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600 (reports hold personal data)", tc.name, fi.Mode().Perm())
		}
	}
}

func TestReportOutlineAndLanguage(t *testing.T) {
	t.Parallel()
	res := scoredResult(t, reportAnswers)
	r := runTangping(t, zhEnv, "report", res, "--outline")
	for _, want := range []string{"## 一、存在的问题", "### （一）在“遥控指挥”问题方面", "【请补充具体事例】", "## 二、原因剖析", "三个区分开来", "| 序号 | 针对问题 | 整改措施（建议，请修改） | 完成时限 | 完成标准 |", "## 四、努力方向", "团结—批评—团结"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("outline lacks %q", want)
		}
	}
	for _, never := range []string{"组织处理", "诫勉", "百分位", "超过了"} {
		if strings.Contains(r.out, never) {
			t.Errorf("the outline must never say %q", never)
		}
	}
	en := runTangping(t, zhEnv, "report", res, "--lang", "en", "--format", "md")
	if !strings.Contains(en.out, "## Appendix: why this score") || !strings.Contains(en.out, "Management by remote control") {
		t.Errorf("--lang en should give an English report of a Chinese result:\n%.300s", en.out)
	}
	bad := runTangping(t, zhEnv, "report", res, "--outline", "--format", "json")
	checkBadInput(t, bad, "提纲没有 json 格式")
	bad = runTangping(t, zhEnv, "report", res, "--format", "pdf")
	checkBadInput(t, bad, "未知的格式 \"pdf\"")
}

func TestReportBadInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	res := scoredResult(t, reportAnswers)
	full, _ := os.ReadFile(res)
	newer := strings.Replace(string(full), `"schema_version": 1`, `"schema_version": 7`, 1)
	for _, tc := range []struct {
		path string
		want []string
	}{
		{reportAnswers, []string{reportAnswers, "这是一个答卷文件，不是结果", "tangping score"}},
		{write("random.json", `{"hello": "world", "n": 3}`), []string{"random.json", "不是 tangping 结果文件"}},
		{write("cut.json", string(full[:len(full)/2])), []string{"cut.json", "文件不完整"}},
		{write("newer.json", newer), []string{"newer.json", "较新版本", "升级 tangping"}},
		{filepath.Join(dir, "missing.json"), []string{"missing.json"}},
	} {
		r := runTangping(t, zhEnv, "report", tc.path)
		checkBadInput(t, r, tc.want...)
	}
	r := runTangping(t, enEnv, "report", reportAnswers)
	checkBadInput(t, r, "this is an answers file, not a result")
}

// otherBank writes a copy of the built-in bank that differs in one label,
// as a trainer's edited bank would.
func otherBank(t *testing.T) string {
	t.Helper()
	return editedBank(t, "edited.yaml", `{zh: "从不", en: "Never"}`, `{zh: "从来没有", en: "Never"}`)
}

// bankVersion writes a copy of the built-in bank under another version.
func bankVersion(t *testing.T, v string) string {
	t.Helper()
	return editedBank(t, "bank-"+v+".yaml", "\nversion: "+defaultVersion(t)+"\n", "\nversion: "+v+"\n")
}

// defaultVersion is the built-in bank's version.
func defaultVersion(t *testing.T) string {
	t.Helper()
	b, err := bank.Default(i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	return b.Version
}

// editedBank writes a copy of the built-in bank with from replaced by to.
func editedBank(t *testing.T, name, from, to string) string {
	t.Helper()
	_, data := questions.Default()
	edited := strings.Replace(string(data), from, to, 1)
	if edited == string(data) {
		t.Fatalf("the bank no longer holds %q; update the test", from)
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestReportBank: a result of a bank that is not built in is verified
// with --bank and reported in that bank's words; without it, it is not
// believed (see TestUnknownBankNeedsBankOrUnverified).
func TestReportBank(t *testing.T) {
	t.Parallel()
	edited := otherBank(t)
	res := scoredResult(t, reportAnswers, "--bank", edited)
	r := runTangping(t, zhEnv, "report", res, "--format", "md", "--bank", edited)
	if r.code != 0 || !strings.Contains(r.out, "从来没有（0）") {
		t.Errorf("with --bank: exit %d, stderr %q", r.code, r.errOut)
	}
	// A --bank that is not the result's does not get in the way: the
	// result's own (built-in) bank is found by its hash.
	plain := scoredResult(t, reportAnswers)
	r = runTangping(t, zhEnv, "report", plain, "--format", "md", "--bank", edited)
	if r.code != 0 || !strings.Contains(r.out, "从不（0）") {
		t.Errorf("another --bank: exit %d, stderr %q", r.code, r.errOut)
	}
}
