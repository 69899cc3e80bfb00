package cli_test

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/result"
)

// editJSON rewrites the JSON document at path through edit, as a person
// with a text editor would, and writes it to a new file named name in the
// same folder.
func editJSON(t *testing.T, path, name string, edit func(m map[string]any)) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	out, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(filepath.Dir(path), name)
	if err := os.WriteFile(p, out, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// at walks a decoded JSON document: at(m, "dimensions", 0) is the first
// dimension's object.
func at(m map[string]any, path ...any) map[string]any {
	var cur any = m
	for _, p := range path {
		switch k := p.(type) {
		case string:
			cur = cur.(map[string]any)[k]
		case int:
			cur = cur.([]any)[k]
		}
	}
	return cur.(map[string]any)
}

func readResult(t *testing.T, path string) *result.Result {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r result.Result
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

// TestForgedFiguresAreRefused: every stored figure of a result is
// recomputed from its answers with its bank, and a hand-edited one is an
// input error naming the file and the first difference. Before, 23 of 26
// such edits were reported as if true.
func TestForgedFiguresAreRefused(t *testing.T) {
	t.Parallel()
	res := scoredResult(t, reportAnswers)
	orig := readResult(t, res)
	d1 := fmt.Sprintf("%.1f", *orig.Dimensions[0].Score)
	other := 4 - *orig.Answers[0].Value
	for _, tc := range []struct {
		name string
		edit func(m map[string]any)
		want []string
	}{
		{"d1-score", func(m map[string]any) { at(m, "dimensions", 0)["score"] = 10.0 }, []string{"D1", "10.0", d1}},
		{"d1-band", func(m map[string]any) { at(m, "dimensions", 0)["band"] = 1 }, []string{"D1"}},
		{"d1-label", func(m map[string]any) { at(m, "dimensions", 0)["band_label"] = "优秀" }, []string{"D1", "优秀"}},
		{"d1-name", func(m map[string]any) { at(m, "dimensions", 0)["name"] = "别的名字" }, []string{"D1", "别的名字"}},
		{"d1-answered", func(m map[string]any) { at(m, "dimensions", 0)["answered"] = 1 }, []string{"D1"}},
		{"b-flag", func(m map[string]any) {
			for _, x := range m["behaviours"].([]any) {
				x.(map[string]any)["flagged"] = false
			}
		}, []string{"B0"}},
		{"b-huge-band", func(m map[string]any) { at(m, "behaviours", 0)["band"] = 1 << 40 }, []string{"B0"}},
		{"flags", func(m map[string]any) { at(m, "validity")["flags"] = []any{"too_fast"} }, []string{"validity.flags"}},
		{"im-count", func(m map[string]any) { at(m, "validity")["im_count"] = orig.Validity.IMCount + 1 }, []string{"im_count"}},
		{"recs", func(m map[string]any) { m["recommendations"] = []any{} }, []string{"recommendations"}},
		{"answer-changed", func(m map[string]any) { at(m, "answers", 0)["value"] = other }, []string{"存的是", "按作答应为"}},
		{"dup-dimension", func(m map[string]any) {
			m["dimensions"] = append(m["dimensions"].([]any), m["dimensions"].([]any)[0])
		}, []string{"D1"}},
		{"unknown-item", func(m map[string]any) {
			m["answers"] = append(m["answers"].([]any), map[string]any{"item": "Q99", "value": 1})
		}, []string{"Q99"}},
		{"version", func(m map[string]any) { at(m, "instrument")["version"] = "9.9.9" }, []string{"9.9.9"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := editJSON(t, res, tc.name+".json", tc.edit)
			r := runTangping(t, zhEnv, "report", p)
			checkBadInput(t, r, append([]string{p}, tc.want...)...)
			if r.out != "" {
				t.Errorf("a report was written for a forged result:\n%.200s", r.out)
			}
		})
	}
}

// TestForgedScoreMessage: the first difference is said in words, with the
// stored and the recomputed figure.
func TestForgedScoreMessage(t *testing.T) {
	t.Parallel()
	res := scoredResult(t, reportAnswers)
	orig := readResult(t, res)
	p := editJSON(t, res, "forged.json", func(m map[string]any) { at(m, "dimensions", 0)["score"] = 10.0 })
	want := fmt.Sprintf("D1 存的是 10.0，按作答应为 %.1f", *orig.Dimensions[0].Score)
	checkBadInput(t, runTangping(t, zhEnv, "report", p), want)
	wantEN := fmt.Sprintf("D1 is stored as 10.0 but the answers give %.1f", *orig.Dimensions[0].Score)
	checkBadInput(t, runTangping(t, enEnv, "report", p), wantEN)
}

// TestUnknownBankNeedsBankOrUnverified: a result whose bank cannot be
// found is not believed; --bank finds it, --unverified reads it marked.
func TestUnknownBankNeedsBankOrUnverified(t *testing.T) {
	t.Parallel()
	edited := otherBank(t)
	res := scoredResult(t, reportAnswers, "--bank", edited)
	r := runTangping(t, zhEnv, "report", res)
	checkBadInput(t, r, res, "找不到", "--bank", "--unverified")
	r = runTangping(t, zhEnv, "report", res, "--bank", edited)
	if r.code != 0 || strings.Contains(r.out, "未核对") {
		t.Errorf("with --bank: exit %d %s", r.code, r.errOut)
	}
	r = runTangping(t, zhEnv, "report", res, "--banks", filepath.Dir(edited))
	if r.code != 0 {
		t.Errorf("with --banks: exit %d %s", r.code, r.errOut)
	}
	r = runTangping(t, zhEnv, "report", res, "--unverified")
	if r.code != 0 || !strings.Contains(r.out, "未核对") {
		t.Errorf("--unverified: exit %d, the report is not marked:\n%.400s\n%s", r.code, r.out, r.errOut)
	}
	r = runTangping(t, zhEnv, "report", res, "--unverified", "--format", "json")
	if r.code != 0 || !strings.Contains(r.out, `"unverified": true`) {
		t.Errorf("--unverified json: exit %d, not marked:\n%.300s", r.code, r.out)
	}
	// A forged figure under a known bank stays an error with --unverified.
	plain := scoredResult(t, reportAnswers)
	p := editJSON(t, plain, "forged.json", func(m map[string]any) { at(m, "dimensions", 0)["score"] = 10.0 })
	checkBadInput(t, runTangping(t, zhEnv, "report", p, "--unverified"), "D1")
}

// TestGroupSkipsWhatItCannotVerify: group names every forged file and
// counts only the rest; a band of 2^40 (which crashed it) or 10^8 (which
// grew it to 24 GB) is one more skipped file.
func TestGroupSkipsWhatItCannotVerify(t *testing.T) {
	t.Parallel()
	dir := groupFolder(t, 6, func(i int, r *result.Result) {
		switch i {
		case 5:
			s := 10.0
			r.Dimensions[0].Score = &s
		case 6:
			b := 1 << 40
			r.Behaviours[0].Band = &b
		}
	})
	huge := editJSON(t, filepath.Join(dir, "r01.json"), "huge.json", func(m map[string]any) {
		m["id"] = "huge"
		at(m, "behaviours", 1)["band"] = 100000000
	})
	r := runTangping(t, zhEnv, "group", dir, "--min-group", "3", "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.errOut)
	}
	var rep struct {
		N       int `json:"n"`
		Skipped []struct{ File, Reason string }
	}
	if err := json.Unmarshal([]byte(r.out), &rep); err != nil {
		t.Fatal(err)
	}
	skipped := map[string]string{}
	for _, s := range rep.Skipped {
		skipped[filepath.Base(s.File)] = s.Reason
	}
	if rep.N != 4 {
		t.Errorf("n = %d, want 4 (r01–r04)", rep.N)
	}
	for _, f := range []string{"r05.json", "r06.json", filepath.Base(huge), "broken.json"} {
		if _, ok := skipped[f]; !ok {
			t.Errorf("%s is not listed as skipped: %v", f, skipped)
		}
	}
	if !strings.Contains(skipped["r05.json"], "手工改动") {
		t.Errorf("r05.json's reason does not say it failed verification: %q", skipped["r05.json"])
	}
	// The difference itself holds the person's figures: on the trainer's
	// terminal only (TestGroupSkipReasonsHoldNoFigures).
	if !strings.Contains(r.errOut, "r05.json: D1") {
		t.Errorf("the terminal does not name r05.json's first difference, D1:\n%s", r.errOut)
	}
}

// TestGroupNeverPoolsTwoBanks: two banks with the same id and version but
// different contents are different instruments; their results are never
// pooled.
func TestGroupNeverPoolsTwoBanks(t *testing.T) {
	t.Parallel()
	edited := otherBank(t)
	dir := t.TempDir()
	for i := range 10 {
		var extra []string
		if i%2 == 1 {
			extra = []string{"--bank", edited}
		}
		p := filepath.Join(dir, fmt.Sprintf("r%02d.json", i))
		args := append([]string{"score", "--answers", reportAnswers, "-o", p}, extra...)
		if r := runTangping(t, zhEnv, args...); r.code != 0 {
			t.Fatalf("score: %s", r.errOut)
		}
	}
	r := runTangping(t, zhEnv, "group", dir, "--bank", edited)
	checkBadInput(t, r, "--allow-mixed")
	r = runTangping(t, zhEnv, "group", dir, "--bank", edited, "--allow-mixed", "--format", "json")
	var rep struct {
		N        int `json:"n"`
		Versions []struct {
			N int `json:"n"`
		} `json:"versions"`
	}
	if err := json.Unmarshal([]byte(r.out), &rep); err != nil {
		t.Fatalf("exit %d: %v\n%s", r.code, err, r.errOut)
	}
	if rep.N != 10 || len(rep.Versions) != 2 || rep.Versions[0].N != 5 || rep.Versions[1].N != 5 {
		t.Errorf("two banks pooled: %+v", rep)
	}
}

// TestGroupUnverified: results of a bank group cannot find are skipped
// with the reason; --unverified counts them and every format says so.
func TestGroupUnverified(t *testing.T) {
	t.Parallel()
	edited := otherBank(t)
	dir := t.TempDir()
	for i := range 6 {
		p := filepath.Join(dir, fmt.Sprintf("r%02d.json", i))
		if r := runTangping(t, zhEnv, "score", "--answers", reportAnswers, "--bank", edited, "-o", p); r.code != 0 {
			t.Fatalf("score: %s", r.errOut)
		}
	}
	r := runTangping(t, zhEnv, "group", dir, "--format", "json")
	var rep struct {
		N          int  `json:"n"`
		Unverified bool `json:"unverified"`
		Skipped    []struct{ File, Reason string }
	}
	if err := json.Unmarshal([]byte(r.out), &rep); err != nil {
		t.Fatalf("exit %d: %v %s", r.code, err, r.errOut)
	}
	if rep.N != 0 || len(rep.Skipped) != 6 || !strings.Contains(rep.Skipped[0].Reason, "找不到评分时所用的题库") {
		t.Errorf("without the bank: n=%d skipped=%+v", rep.N, rep.Skipped)
	}
	r = runTangping(t, zhEnv, "group", dir, "--unverified", "--format", "json")
	rep.Skipped = nil
	if err := json.Unmarshal([]byte(r.out), &rep); err != nil || rep.N != 6 || !rep.Unverified {
		t.Errorf("--unverified json: %v n=%d unverified=%v", err, rep.N, rep.Unverified)
	}
	for _, f := range []string{"text", "md", "html"} {
		r = runTangping(t, zhEnv, "group", dir, "--unverified", "--format", f)
		if r.code != 0 || !strings.Contains(r.out, "未核对") {
			t.Errorf("--unverified %s: exit %d, not marked", f, r.code)
		}
	}
	r = runTangping(t, zhEnv, "group", dir, "--bank", edited, "--format", "text")
	if r.code != 0 || strings.Contains(r.out, "未核对") || !strings.Contains(r.out, "有效结果 6 份") {
		t.Errorf("--bank: exit %d\n%.300s", r.code, r.out)
	}
}

// TestCompareUnverified: compare reads through verification too, and a
// pair read --unverified says so in every format.
func TestCompareUnverified(t *testing.T) {
	t.Parallel()
	edited := otherBank(t)
	dir := t.TempDir()
	before, after := filepath.Join(dir, "before.json"), filepath.Join(dir, "after.json")
	for p, answers := range map[string]string{before: "../report/testdata/answers-before.json", after: "../report/testdata/answers-after.json"} {
		if r := runTangping(t, zhEnv, "score", "--answers", answers, "--bank", edited, "-o", p); r.code != 0 {
			t.Fatal(r.errOut)
		}
	}
	checkBadInput(t, runTangping(t, zhEnv, "compare", before, after, "--force"), "找不到评分时所用的题库", "--unverified")
	for format, want := range map[string]string{"text": "未核对", "md": "未核对", "json": `"unverified": true`} {
		r := runTangping(t, zhEnv, "compare", before, after, "--force", "--unverified", "--format", format)
		if r.code != 0 || !strings.Contains(r.out, want) {
			t.Errorf("compare --unverified --format %s: exit %d, lacks %q: %s", format, r.code, want, r.errOut)
		}
	}
	r := runTangping(t, zhEnv, "compare", before, after, "--force", "--bank", edited)
	if r.code != 0 || strings.Contains(r.out, "未核对") {
		t.Errorf("with --bank: exit %d %s", r.code, r.errOut)
	}
	forged := editJSON(t, after, "forged.json", func(m map[string]any) { at(m, "dimensions", 0)["score"] = 10.0 })
	checkBadInput(t, runTangping(t, zhEnv, "compare", before, forged, "--force", "--bank", edited), "D1 存的是 10.0")
}

// TestGroupSkipReasonsHoldNoFigures: the reason a file failed
// verification names one person's figures, stored and recomputed ("D1
// 存的是 10.0，按作答应为 55.0"). A protected group report is for showing
// and sending, so it names the file and the kind of failure only; the
// detail goes to the trainer's terminal. Before, every format printed it.
func TestGroupSkipReasonsHoldNoFigures(t *testing.T) {
	t.Parallel()
	dir := groupFolder(t, 6, func(i int, r *result.Result) {
		if i == 5 {
			s := 10.0
			r.Dimensions[0].Score = &s
		}
	})
	out := t.TempDir()
	for _, env := range []map[string]string{zhEnv, enEnv} {
		for _, format := range []string{"text", "md", "html", "csv", "json", "xlsx"} {
			args := []string{"group", dir, "--min-group", "3", "--format", format}
			path := filepath.Join(out, fmt.Sprintf("g-%s.%s", env["LANG"][:2], format))
			if format == "xlsx" {
				args = append(args, "-o", path)
			}
			r := runTangping(t, env, args...)
			if r.code != 0 {
				t.Fatalf("%s: exit %d: %s", format, r.code, r.errOut)
			}
			report := r.out
			if format == "xlsx" {
				report = xlsxText(t, path)
			}
			if !strings.Contains(report, "r05.json") {
				t.Errorf("%s %s: the report does not name the skipped file", env["LANG"], format)
			}
			for _, leak := range []string{"存的是", "按作答应为", "is stored as", "the answers give"} {
				if strings.Contains(report, leak) {
					t.Errorf("%s %s: the shared report carries the failed file's figures (%q)", env["LANG"], format, leak)
				}
			}
			if !strings.Contains(r.errOut, "D1") || !(strings.Contains(r.errOut, "按作答应为") || strings.Contains(r.errOut, "the answers give")) {
				t.Errorf("%s %s: the trainer's terminal lacks the detail:\n%s", env["LANG"], format, r.errOut)
			}
		}
	}
	exact := runTangping(t, zhEnv, "group", dir, "--min-group", "3", "--exact", "--format", "md")
	if !strings.Contains(exact.out, "按作答应为") {
		t.Errorf("an exact report (the trainer's own) should keep the detail:\n%s", exact.out)
	}
}

// xlsxText is every XML part of a workbook, for searching.
func xlsxText(t *testing.T, path string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var b strings.Builder
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
	}
	return b.String()
}
