package render

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/tangping-dev/tangping/internal/group"
)

// cellText renders a value for CSV. Text that a spreadsheet would take
// for a formula (a unit named "=HYPERLINK(…)", say) gets a leading
// apostrophe, the usual guard against formula injection.
func cellText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		if x != "" && strings.ContainsRune("=+-@\t\r", rune(x[0])) {
			return "'" + x
		}
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// CSV writes the report as one tidy table, UTF-8 with a byte-order mark
// so that Excel and WPS open the Chinese text correctly. The kind column
// says what each row is.
func CSV(w io.Writer, r *group.Report) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	recs := records(r)
	cols := csvColumns(maxBands(recs))
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // what Excel writes and expects
	if err := cw.Write(cols); err != nil {
		return err
	}
	row := make([]string, len(cols))
	for _, x := range recs {
		for i, c := range cols {
			row[i] = cellText(x[c])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// sheet is one XLSX worksheet: which kinds of row it holds and which
// columns it shows.
type sheet struct {
	name  string
	kinds []string
	cols  []string
}

// XLSX writes the report as an Excel workbook with the sheets summary,
// dimensions, behaviours and items (and groups with --by). Sheet names
// are stable for scripts; column headers are in the report's language.
func XLSX(w io.Writer, r *group.Report) error {
	recs := records(r)
	bands := maxBands(recs)
	lead := []string{"group"}
	if len(r.Versions) > 0 {
		lead = []string{"version", "group"}
	}
	sheets := []sheet{
		{"summary", []string{kindSummary, kindValidity, kindWithheld, kindSkipped, kindDuplicate},
			append(append([]string{"kind"}, lead...), "id", "name", "n", "file", "note", "count_error")},
		{"dimensions", []string{kindDimension},
			append(withBands(append(lead, "id", "name", "n", "mean", "sd", "median", "min", "max", "alpha", "alpha_n", "note"), bands), "mean_error", "count_error")},
		{"behaviours", []string{kindBehaviour},
			append(withBands(append(lead, "id", "name", "n", "mean", "sd", "prevalence", "flagged", "alpha", "alpha_n", "note"), bands), "mean_error", "prevalence_error", "count_error")},
		{"items", []string{kindItem},
			append(lead[:len(lead)-1:len(lead)-1], "id", "name", "behaviour", "dimension", "keyed", "n", "missing", "mean",
				"answer_0", "answer_1", "answer_2", "answer_3", "answer_4", "count_error")},
	}
	if r.By != group.ByNone {
		sheets = append(sheets, sheet{"groups", []string{kindGroup}, append(lead, "n", "note")})
	}
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(sh.name); err != nil {
			return err
		}
		if err := writeSheet(f, sh, recs, r); err != nil {
			return err
		}
	}
	return f.Write(w)
}

func writeSheet(f *excelize.File, sh sheet, recs []rec, r *group.Report) error {
	header := make([]any, len(sh.cols))
	for i, c := range sh.cols {
		header[i] = columnTitle(c, r)
	}
	if err := f.SetSheetRow(sh.name, "A1", &header); err != nil {
		return err
	}
	row := 2
	for _, x := range recs {
		if !contains(sh.kinds, x["kind"].(string)) {
			continue
		}
		vals := make([]any, len(sh.cols))
		for i, c := range sh.cols {
			vals[i] = x[c]
			if c == "group" && x[c] == "" {
				vals[i] = r.Lang.T("全体", "everyone")
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		if err := f.SetSheetRow(sh.name, cell, &vals); err != nil {
			return err
		}
		row++
	}
	if err := f.SetPanes(sh.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(len(sh.cols))
	return f.SetColWidth(sh.name, "A", last, 12)
}

func contains(xs []string, s string) bool {
	return slices.Contains(xs, s)
}

// columnTitle is a column's header in the report's language.
func columnTitle(c string, r *group.Report) string {
	l := r.Lang
	if after, ok := strings.CutPrefix(c, "band_"); ok {
		n, _ := strconv.Atoi(after)
		return l.T(fmt.Sprintf("区间%d", n), fmt.Sprintf("band %d", n))
	}
	if after, ok := strings.CutPrefix(c, "answer_"); ok {
		n, _ := strconv.Atoi(after)
		s := r.Section
		if len(r.Versions) > 0 {
			s = r.Versions[0]
		}
		return fmt.Sprintf("%d %s", n, anchor(&s, n))
	}
	titles := map[string][2]string{
		"kind": {"类别", "kind"}, "version": {"题库版本", "version"}, "group": {"分组", "group"},
		"id": {"编号", "id"}, "name": {"名称", "name"}, "n": {"n", "n"}, "mean": {"均值", "mean"},
		"sd": {"标准差", "SD"}, "median": {"中位数", "median"}, "min": {"最低", "min"}, "max": {"最高", "max"},
		"prevalence": {"检出率", "prevalence"}, "flagged": {"达到提示线人数", "flagged"}, "alpha": {"α", "alpha"},
		"alpha_n": {"α 所用完整结果数", "alpha n"}, "behaviour": {"表现", "behaviour"}, "dimension": {"维度", "dimension"},
		"keyed": {"计分方向", "keyed"}, "missing": {"未答", "missing"}, "file": {"文件", "file"}, "note": {"说明", "note"},
		"mean_error": {"均值 ±", "mean ±"}, "prevalence_error": {"检出率 ±", "prevalence ±"}, "count_error": {"人数 ±", "count ±"},
	}
	if t, ok := titles[c]; ok {
		return l.T(t[0], t[1])
	}
	return c
}
