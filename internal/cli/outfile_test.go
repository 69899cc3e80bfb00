package cli_test

import (
	"os"
	"path/filepath"
	"testing"
)

// TestOutputFileMistakes: -o with an extension that names no format is
// refused before anything is written (report.pdf used to be a text file
// called .pdf), and -o naming a folder is exit 2 with an example name
// (report and group said "rename …/.tmp123 …: file exists", exit 1).
func TestOutputFileMistakes(t *testing.T) {
	t.Parallel()
	res := scoredResult(t, reportAnswers)
	results := filepath.Dir(res)
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"report", res, "-o", filepath.Join(dir, "r.pdf")}, []string{"扩展名 .pdf", ".md .html .json .txt", "打印为 PDF"}},
		{[]string{"report", res, "--outline", "-o", filepath.Join(dir, "o.docx")}, []string{"扩展名 .docx"}},
		{[]string{"group", results, "-o", filepath.Join(dir, "g.pdf")}, []string{"扩展名 .pdf", ".csv .xlsx"}},
		{[]string{"report", res, "-o", dir}, []string{dir + ": 这是一个目录，不是文件。", filepath.Join(dir, "report.txt")}},
		{[]string{"report", res, "--format", "html", "-o", dir}, []string{filepath.Join(dir, "report.html")}},
		{[]string{"group", results, "-o", dir}, []string{dir + ": 这是一个目录", filepath.Join(dir, "group.txt")}},
	} {
		checkBadInput(t, runTangping(t, zhEnv, tc.args...), tc.want...)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left in the folder: %v", entries)
	}
	// --format says what is wanted; the name is then the person's choice.
	out := filepath.Join(dir, "r.pdf")
	if r := runTangping(t, zhEnv, "report", res, "--format", "html", "-o", out); r.code != 0 {
		t.Errorf("--format html -o r.pdf: exit %d %s", r.code, r.errOut)
	}
	// score, take and group spell it --out: report accepts that too.
	md := filepath.Join(dir, "r.md")
	if r := runTangping(t, zhEnv, "report", res, "--out", md); r.code != 0 {
		t.Errorf("report --out: exit %d %s", r.code, r.errOut)
	}
	if _, err := os.Stat(md); err != nil {
		t.Errorf("report --out wrote nothing: %v", err)
	}
}
