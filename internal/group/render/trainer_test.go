package render_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/group"
	"github.com/tangping-dev/tangping/internal/group/collect"
	"github.com/tangping-dev/tangping/internal/group/render"
	"github.com/tangping-dev/tangping/internal/group/synth"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// trainerFolder is what a trainer collects: 200 results (a third of them
// in a subfolder) written by the real writer, plus a truncated result, an
// answers file and a JSON file of something else. It returns the folder,
// every respondent's name, and the 200 results' mean D1 score worked out
// here directly from the files' scores.
func trainerFolder(t *testing.T) (dir string, names []string, meanD1 float64) {
	t.Helper()
	b, err := bank.Default(i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	g := synth.New(b, 7)
	var sum float64
	var n int
	var first []byte
	for i := 1; i <= 200; i++ {
		r := g.Next()
		sub := dir
		if i%3 == 0 {
			sub = filepath.Join(dir, "第二批")
		}
		p := filepath.Join(sub, fmt.Sprintf("r%03d.json", i))
		if err := result.WriteFile(p, &r); err != nil {
			t.Fatal(err)
		}
		names = append(names, r.Respondent.Name)
		if s := r.Dimensions[0].Score; s != nil {
			sum += *s
			n++
		}
		if i == 1 {
			first, _ = os.ReadFile(p)
		}
	}
	answers, err := os.ReadFile("../../../questions/examples/answers.json")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"truncated.json": first[:len(first)/2],
		"answers.json":   answers,
		"random.json":    []byte(`{"hello": [1, 2, 3], "ok": true}`),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir, names, sum / float64(n)
}

func readGroup(t *testing.T, dir string, workers int, o group.Options) *group.Report {
	t.Helper()
	b, _ := bank.Default(i18n.ZH)
	roots, err := collect.Roots([]string{dir}, o.Lang)
	if err != nil {
		t.Fatal(err)
	}
	agg := group.New(b, o)
	err = collect.Read(context.Background(), roots, collect.Options{Lang: o.Lang, Workers: workers},
		func(path string, r *result.Result, err error) error {
			if err != nil {
				agg.Skip(filepath.Base(path), collect.Reason(err))
			} else {
				agg.Add(path, r)
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if err := agg.Err(); err != nil {
		t.Fatal(err)
	}
	return agg.Report()
}

func TestTrainerFolderEveryFormat(t *testing.T) {
	t.Parallel()
	dir, names, meanD1 := trainerFolder(t)
	rep := readGroup(t, dir, 0, group.Options{Lang: i18n.ZH, By: group.ByUnit})

	if rep.N != 200 || rep.Files != 203 {
		t.Errorf("n = %d of %d files, want 200 of 203", rep.N, rep.Files)
	}
	reasons := map[string]string{}
	for _, s := range rep.Skipped {
		reasons[s.File] = s.Reason
	}
	for file, want := range map[string]string{"truncated.json": "截断", "answers.json": "答卷文件", "random.json": "不是 tangping 结果"} {
		if !strings.Contains(reasons[file], want) {
			t.Errorf("%s skipped for %q, want a reason mentioning %q", file, reasons[file], want)
		}
	}
	if len(rep.Dimensions) != 6 || len(rep.Behaviours) != 10 || len(rep.Items) != 46 || len(rep.Groups) == 0 {
		t.Errorf("report has %d dimensions, %d behaviours, %d items, %d groups",
			len(rep.Dimensions), len(rep.Behaviours), len(rep.Items), len(rep.Groups))
	}
	// The default, protected report is near the files' own figures (n =
	// 200: the noise on a mean is well under a point) and shows neither
	// alpha nor the extremes; --exact gives them exactly.
	if m, e := rep.Dimensions[0].Mean, rep.Dimensions[0].MeanError; m == nil || e == nil || math.Abs(*m-meanD1) > *e+0.1 {
		t.Errorf("protected D1 mean = %v ± %v, the files' own scores give %v", m, e, meanD1)
	}
	for _, d := range rep.Dimensions {
		if d.Alpha != nil || d.Min != nil || d.Max != nil || d.Median != nil || d.SD != nil {
			t.Errorf("%s: the protected report shows alpha, min, max, median or SD", d.ID)
		}
	}
	exact := readGroup(t, dir, 0, group.Options{Lang: i18n.ZH, By: group.ByUnit, Exact: true})
	if m := exact.Dimensions[0].Mean; m == nil || math.Abs(*m-meanD1) > 1e-9 {
		t.Errorf("exact D1 mean = %v, the files' own scores give %v", m, meanD1)
	}
	for _, d := range exact.Dimensions {
		if d.Alpha == nil || *d.Alpha < 0.5 {
			t.Errorf("%s alpha = %v: the synthetic scales should hang together", d.ID, d.Alpha)
		}
	}

	outputs := map[string][]byte{}
	var buf bytes.Buffer
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(render.JSON(&buf, rep))
	outputs["json"] = bytes.Clone(buf.Bytes())
	buf.Reset()
	must(render.HTML(&buf, rep))
	outputs["html"] = bytes.Clone(buf.Bytes())
	buf.Reset()
	must(render.CSV(&buf, rep))
	outputs["csv"] = bytes.Clone(buf.Bytes())
	buf.Reset()
	must(render.XLSX(&buf, rep))
	outputs["xlsx"] = xlsxText(t, buf.Bytes())
	outputs["md"] = []byte(render.Markdown(rep))
	outputs["text"] = []byte(render.Text(rep, render.TextOptions{Width: 80}))

	for format, out := range outputs {
		if len(out) < 1000 {
			t.Errorf("%s output is only %d bytes", format, len(out))
		}
		s := string(out)
		for file := range reasons {
			if !strings.Contains(s, file) {
				t.Errorf("%s output does not name the skipped file %s", format, file)
			}
		}
		for _, name := range names {
			if strings.Contains(s, name) {
				t.Fatalf("%s output contains the respondent name %q", format, name)
			}
		}
		if strings.Contains(s, "测试姓名") {
			t.Errorf("%s output contains a respondent name", format)
		}
	}
	if !bytes.HasPrefix(outputs["csv"], []byte("\xEF\xBB\xBFkind,")) {
		t.Errorf("csv does not start with a BOM and the kind column: %q", outputs["csv"][:20])
	}
	var back map[string]any
	if err := json.Unmarshal(outputs["json"], &back); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"n", "skipped", "dimensions", "behaviours", "items", "groups"} {
		if _, ok := back[k]; !ok {
			t.Errorf("json lacks %q", k)
		}
	}
	page := strings.ReplaceAll(string(outputs["html"]), `xmlns="http://www.w3.org/2000/svg"`, "")
	for _, bad := range []string{"http:", "https:", "<script", "<link", "src=", "url("} {
		if strings.Contains(page, bad) {
			t.Errorf("html is not self-contained: it has %q", bad)
		}
	}
}

// xlsxText opens a workbook and returns every cell of every sheet, with
// the sheet names, as text.
func xlsxText(t *testing.T, data []byte) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("xlsx does not open: %v", err)
	}
	defer f.Close()
	var b strings.Builder
	want := []string{"概况", "作答提示", "维度", "表现", "题目", "分组", "跳过的文件"}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sheets = %v, want %v", got, want)
	}
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(sh + "\n")
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	return []byte(b.String())
}

func TestReadingOrderDoesNotChangeTheReport(t *testing.T) {
	t.Parallel()
	dir, _, _ := trainerFolder(t)
	// A duplicate in the subfolder: whichever worker decodes it first,
	// the file first in walk order is the one counted.
	data, _ := os.ReadFile(filepath.Join(dir, "r001.json"))
	if err := os.WriteFile(filepath.Join(dir, "第二批", "copy.json"), data, 0o600); err != nil {
		t.Fatal(err)
	}
	o := group.Options{Lang: i18n.EN, By: group.ByRole}
	var outs []string
	for _, workers := range []int{1, 2, 7} {
		rep := readGroup(t, dir, workers, o)
		var buf bytes.Buffer
		if err := render.JSON(&buf, rep); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, buf.String())
		if len(rep.Duplicates) != 1 || !strings.HasSuffix(rep.Duplicates[0].First, "r001.json") {
			t.Errorf("workers=%d: duplicates %+v", workers, rep.Duplicates)
		}
	}
	if outs[0] != outs[1] || outs[0] != outs[2] {
		t.Errorf("the report depends on the number of workers")
	}
}
