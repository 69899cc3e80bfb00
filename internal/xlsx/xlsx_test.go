package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// build writes a workbook and opens it with a general spreadsheet
// library, as a reader's program would.
func build(t *testing.T, fill func(w *Workbook)) (*excelize.File, []byte) {
	t.Helper()
	w := New()
	fill(w)
	var b bytes.Buffer
	if err := w.Write(&b); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f, b.Bytes()
}

func TestWorkbookReadsBack(t *testing.T) {
	t.Parallel()
	f, _ := build(t, func(w *Workbook) {
		head := w.Style(Style{Bold: true, Fill: "ECECEC", BorderBottom: "6B6B6B", Vertical: "center", Horizontal: "right"})
		one := w.Style(Style{Vertical: "top", Wrap: true, NumFmt: "0.0"})
		pct := w.Style(Style{NumFmt: "0%"})
		if w.Style(Style{Vertical: "top", Wrap: true, NumFmt: "0.0"}) != one {
			t.Error("the same style twice gets two ids")
		}
		s, err := w.AddSheet("维度")
		if err != nil {
			t.Fatal(err)
		}
		w.AddRow(s, []any{"名称", "均值", "比例"}, []int{head, head, head}, 0)
		w.AddRow(s, []any{"第一行\n第二行", 55.666667, 0.25}, []int{0, one, pct}, 32)
		w.AddRow(s, []any{nil, 7, int64(3)}, []int{0, one, one}, 0)
		s.SetWidth(0, 20)
		s.SetWidth(2, 9)
		s.FreezeHeader, s.AutoFilter = true, true
		s.Page = Page{Landscape: true, PaperSize: 9, FitToWidth: true, Side: 0.5, Edge: 0.8, Band: 0.3,
			Header: "&L标题 && 副标题&R&A", Footer: "&C&P / &N", RepeatHeader: true}
		if _, err := w.AddSheet("Second"); err != nil {
			t.Fatal(err)
		}
	})
	if got := strings.Join(f.GetSheetList(), ","); got != "维度,Second" {
		t.Fatalf("sheets %s", got)
	}
	rows, err := f.GetRows("维度")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"名称", "均值", "比例"}, {"第一行\n第二行", "55.7", "25%"}, {"", "7.0", "3.0"}}
	if len(rows) != len(want) {
		t.Fatalf("rows %q", rows)
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d = %q, want %q (number formats applied)", i+1, rows[i], want[i])
		}
	}
	if v, _ := f.GetCellValue("维度", "B2", excelize.Options{RawCellValue: true}); v != "55.666667" {
		t.Errorf("the stored number is %q: formats must not round what is stored", v)
	}
	id, _ := f.GetCellStyle("维度", "A1")
	st, _ := f.GetStyle(id)
	if st == nil || st.Font == nil || !st.Font.Bold || st.Fill.Type != "pattern" || len(st.Border) != 1 ||
		st.Alignment == nil || st.Alignment.Horizontal != "right" {
		t.Errorf("header style %+v", st)
	}
	id, _ = f.GetCellStyle("维度", "B2")
	if st, _ := f.GetStyle(id); st == nil || st.CustomNumFmt == nil || *st.CustomNumFmt != "0.0" || !st.Alignment.WrapText {
		t.Errorf("body style %+v", st)
	}
	if wd, _ := f.GetColWidth("维度", "A"); wd != 20 {
		t.Errorf("column A is %v wide", wd)
	}
	if ht, _ := f.GetRowHeight("维度", 2); ht != 32 {
		t.Errorf("row 2 is %v high", ht)
	}
	panes, _ := f.GetPanes("维度")
	if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes %+v", panes)
	}
	pl, _ := f.GetPageLayout("维度")
	props, _ := f.GetSheetProps("维度")
	if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.Size == nil || *pl.Size != 9 ||
		pl.FitToWidth == nil || *pl.FitToWidth != 1 || props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("page setup %+v", pl)
	}
	hf, _ := f.GetHeaderFooter("维度")
	if hf == nil || hf.OddHeader != "&L标题 && 副标题&R&A" || hf.OddFooter != "&C&P / &N" {
		t.Errorf("header and footer %+v", hf)
	}
	names := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		names[dn.Name+"@"+dn.Scope] = dn.RefersTo
	}
	if names["_xlnm._FilterDatabase@维度"] != "'维度'!$A$1:$C$3" || names["_xlnm.Print_Titles@维度"] != "'维度'!$1:$1" {
		t.Errorf("defined names %v", names)
	}
	if _, ok := names["_xlnm._FilterDatabase@Second"]; ok {
		t.Error("an empty sheet has a filter")
	}
}

// Text from result files and folder names goes into cells: markup,
// quotes, control characters and leading spaces must come back as text
// and never break the XML; over-long text is cut to what a cell holds.
func TestHostileText(t *testing.T) {
	t.Parallel()
	hostile := []string{
		`</t></si><si><t>injected`, `a & b < c > "d" 'e'`, "bell\x07 nul\x00 esc\x1b[31m", "  leading and trailing  ",
		"=1+1", strings.Repeat("长", MaxCellChars+10),
	}
	f, data := build(t, func(w *Workbook) {
		s, err := w.AddSheet("x")
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hostile {
			w.AddRow(s, []any{h}, nil, 0)
		}
		s.Page.Header = "&L" + hostile[0]
	})
	rows, _ := f.GetRows("x")
	if len(rows) != len(hostile) {
		t.Fatalf("%d rows, want %d: %q", len(rows), len(hostile), rows)
	}
	want := []string{hostile[0], hostile[1], "bell\uFFFD nul\uFFFD esc\uFFFD[31m", hostile[3], "=1+1", strings.Repeat("长", MaxCellChars)}
	for i := range want {
		if rows[i][0] != want[i] {
			t.Errorf("row %d = %.60q…, want %.60q…", i+1, rows[i][0], want[i])
		}
	}
	if fs, _ := f.GetCellFormula("x", "A5"); fs != "" {
		t.Errorf("text became a formula: %q", fs)
	}
	// Every part is well-formed XML.
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range z.File {
		rc, _ := zf.Open()
		d := xml.NewDecoder(rc)
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("%s: %v", zf.Name, err)
				break
			}
		}
		rc.Close()
	}
}

func TestSheetNames(t *testing.T) {
	t.Parallel()
	w := New()
	for _, bad := range []string{"", "a/b", "[x]", "q?", strings.Repeat("名", 32), "'quoted'"} {
		if _, err := w.AddSheet(bad); err == nil {
			t.Errorf("sheet name %q accepted", bad)
		}
	}
	if _, err := w.AddSheet("Summary"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.AddSheet("SUMMARY"); err == nil {
		t.Error("two sheets whose names differ only in case")
	}
	if err := New().Write(io.Discard); err == nil {
		t.Error("a workbook without sheets was written")
	}
}

func TestColumnName(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]string{1: "A", 26: "Z", 27: "AA", 52: "AZ", 53: "BA", 702: "ZZ", 703: "AAA"} {
		if got := ColumnName(n); got != want {
			t.Errorf("ColumnName(%d) = %s, want %s", n, got, want)
		}
	}
}
