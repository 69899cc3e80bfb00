package render

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/group"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/palette"
	"github.com/tangping-dev/tangping/internal/xlsx"
)

// XLSX writes the report as an Excel workbook made to be read and
// printed: one sheet per table, named in the report's language (概况,
// 作答提示, 维度, 表现, 题目, 分组, 跳过的文件; Summary, Validity, … in
// English), a bold frozen header with a filter, columns as wide as their
// content (a CJK character counts two) with long text wrapped, numbers
// formatted (0.0, 0.00, 0%), values in the report's language, and A4
// landscape pages fitted to the width with the header repeated. The CSV
// keeps the stable machine-readable form (docs/trainer-guide.md).
func XLSX(w io.Writer, r *group.Report) error {
	f := xlsx.New()
	x := newWorkbook(f, r)
	for i, sh := range x.sheets() {
		if len(sh.rows) == 0 && i > 0 {
			continue
		}
		if err := x.write(sh); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// Number formats of the columns.
const (
	fmtText    = ""
	fmtInt     = "0"
	fmtOne     = "0.0"
	fmtTwo     = "0.00"
	fmtPercent = "0%"
)

// xcol is one column: its header and its number format. Text longer
// than maxWidth wraps.
type xcol struct {
	title string
	num   string
}

type xsheet struct {
	name string
	cols []xcol
	rows [][]any
}

type workbook struct {
	f     *xlsx.Workbook
	r     *group.Report
	l     i18n.Lang
	names map[string]string // scale id → name
}

func newWorkbook(f *xlsx.Workbook, r *group.Report) *workbook {
	x := &workbook{f: f, r: r, l: r.Lang, names: map[string]string{}}
	for _, s := range x.sections() {
		for _, d := range s.Dimensions {
			x.names[d.ID] = d.Name
		}
		for _, b := range s.Behaviours {
			x.names[b.ID] = b.Name
		}
	}
	return x
}

func (x *workbook) sections() []*group.Section {
	if len(x.r.Versions) == 0 {
		return []*group.Section{&x.r.Section}
	}
	out := make([]*group.Section, len(x.r.Versions))
	for i := range x.r.Versions {
		out[i] = &x.r.Versions[i]
	}
	return out
}

func (x *workbook) t(zh, en string) string { return x.l.T(zh, en) }

// sheets builds every table. A column with no value in any row (SD in a
// protected report, ± in an exact one, the version when there is one) is
// left out.
func (x *workbook) sheets() []xsheet {
	recs := records(x.r)
	mixed := len(x.r.Versions) > 0
	lead := func(cols ...xcol) []xcol {
		var out []xcol
		if mixed {
			out = append(out, xcol{title: x.t("题库版本", "Bank version")})
		}
		return append(out, cols...)
	}
	leadVals := func(rc rec, vals ...any) []any {
		var out []any
		if mixed {
			out = append(out, rc["version"])
		}
		return append(out, vals...)
	}
	groupName := func(rc rec) any {
		if g, _ := rc["group"].(string); g != "" {
			return g
		}
		return x.t("全体", "Everyone")
	}

	summary := xsheet{name: x.t("概况", "Summary"), cols: []xcol{{title: x.t("项目", "Item")}, {title: x.t("内容", "Value")}}}
	add := func(k string, v any) { // as text: the column mixes words and counts
		if s := fmt.Sprint(v); v != nil && s != "" {
			summary.rows = append(summary.rows, []any{k, s})
		}
	}
	add(x.t("报告", "Report"), heading(x.r))
	add(x.t("培训或会议", "Session"), x.r.Session)
	add(x.t("日期", "Date"), x.r.Date)
	if x.r.Instrument != nil {
		add(x.t("题库", "Bank"), x.r.Instrument.ID+" "+x.r.Instrument.Version)
	}
	add(x.t("有效结果", "Results counted"), x.r.N)
	add(x.t("读取的结果（文件或数据库记录）", "Results read (files or database records)"), x.r.Files)
	add(x.t("跳过的文件", "Files skipped"), len(x.r.Skipped))
	add(x.t("重复的结果", "Duplicate results"), len(x.r.Duplicates))
	add(x.t("最小显示人数 K", "Smallest group shown, K"), x.r.MinGroup)
	if x.r.By != group.ByNone {
		add(x.t("分组", "Split by"), byName(x.r.By, x.l))
	}
	add(x.t("数字的保护", "Protection of the figures"), protectionNote(x.r))
	add(x.t("说明", "Note"), x.r.Notice)
	for _, rc := range recs {
		switch {
		case rc["kind"] == kindSummary && rc["id"] == "n" && rc["version"] != nil && rc["version"] != "":
			add(fmt.Sprint(rc["version"]), rc["n"])
		case rc["kind"] == kindSummary && rc["id"] == "suppressed":
			add(x.t("不显示统计", "No figures shown"), rc["note"])
		case rc["kind"] == kindWithheld:
			add(x.t("未单独显示的分组", "Groups not shown on their own"), rc["note"])
		}
	}

	validity := xsheet{name: x.t("作答提示", "Validity"), cols: lead(
		xcol{title: x.t("分组", "Group")}, xcol{title: x.t("提示", "Flag")},
		xcol{title: x.t("人数", "Results"), num: fmtInt}, xcol{title: x.t("人数 ±", "Results ±"), num: fmtOne})}
	dims := xsheet{name: x.t("维度", "Dimensions"), cols: lead(
		xcol{title: x.t("分组", "Group")}, xcol{title: x.t("编号", "ID")}, xcol{title: x.t("维度", "Dimension")},
		xcol{title: "n", num: fmtInt}, xcol{title: x.t("均值", "Mean"), num: fmtOne}, xcol{title: x.t("均值 ±", "Mean ±"), num: fmtOne},
		xcol{title: x.t("标准差", "SD"), num: fmtOne}, xcol{title: x.t("中位数", "Median"), num: fmtOne},
		xcol{title: x.t("最低", "Min"), num: fmtOne}, xcol{title: x.t("最高", "Max"), num: fmtOne},
		xcol{title: "α", num: fmtTwo}, xcol{title: x.t("α 所用结果数", "α results"), num: fmtInt})}
	behs := xsheet{name: x.t("表现", "Behaviours"), cols: lead(
		xcol{title: x.t("分组", "Group")}, xcol{title: x.t("编号", "ID")}, xcol{title: x.t("表现", "Behaviour")},
		xcol{title: "n", num: fmtInt}, xcol{title: x.t("均值", "Mean"), num: fmtOne}, xcol{title: x.t("均值 ±", "Mean ±"), num: fmtOne},
		xcol{title: x.t("标准差", "SD"), num: fmtOne}, xcol{title: x.t("检出率", "Prevalence"), num: fmtPercent},
		xcol{title: x.t("检出率 ±", "Prevalence ±"), num: fmtPercent}, xcol{title: x.t("达到提示线人数", "Flagged"), num: fmtInt},
		xcol{title: "α", num: fmtTwo}, xcol{title: x.t("α 所用结果数", "α results"), num: fmtInt})}
	bandCols := func(sh *xsheet, bands []group.BandCount) {
		for _, b := range bands {
			sh.cols = append(sh.cols, xcol{title: b.Label, num: fmtInt})
		}
		sh.cols = append(sh.cols, xcol{title: x.t("各区间人数 ±", "Per band ±"), num: fmtOne}, xcol{title: x.t("说明", "Note")})
	}
	first := x.sections()[0]
	if len(first.Dimensions) > 0 {
		bandCols(&dims, first.Dimensions[0].Bands)
	}
	if len(first.Behaviours) > 0 {
		bandCols(&behs, first.Behaviours[0].Bands)
	}
	scale := first.Scale
	items := xsheet{name: x.t("题目", "Items"), cols: lead(
		xcol{title: x.t("题号", "Item")}, xcol{title: x.t("题目", "Question")},
		xcol{title: x.t("表现", "Behaviour")}, xcol{title: x.t("维度", "Dimension")}, xcol{title: x.t("计分方向", "Keyed")},
		xcol{title: "n", num: fmtInt}, xcol{title: x.t("未答", "Blank"), num: fmtInt}, xcol{title: x.t("均值", "Mean"), num: fmtTwo})}
	for a := range 5 {
		title := fmt.Sprint(a)
		if a < len(scale) && scale[a] != "" {
			title = scale[a]
		}
		items.cols = append(items.cols, xcol{title: title, num: fmtInt})
	}
	items.cols = append(items.cols, xcol{title: x.t("人数 ±", "Count ±"), num: fmtOne})
	groups := xsheet{name: x.t("分组", "Groups"), cols: lead(xcol{title: x.t("分组", "Group")}, xcol{title: "n", num: fmtInt}, xcol{title: x.t("说明", "Note")})}
	skipped := xsheet{name: x.t("跳过的文件", "Skipped files"), cols: []xcol{{title: x.t("文件", "File")}, {title: x.t("原因", "Reason")}}}

	for _, rc := range recs {
		switch rc["kind"] {
		case kindValidity:
			validity.rows = append(validity.rows, leadVals(rc, groupName(rc), rc["name"], rc["n"], rc["count_error"]))
		case kindDimension, kindBehaviour:
			row := leadVals(rc, groupName(rc), rc["id"], rc["name"], rc["n"], rc["mean"], rc["mean_error"], rc["sd"])
			sh := &dims
			if rc["kind"] == kindDimension {
				row = append(row, rc["median"], rc["min"], rc["max"])
			} else {
				sh = &behs
				row = append(row, rc["prevalence"], rc["prevalence_error"], rc["flagged"])
			}
			alphaN := rc["alpha_n"]
			if rc["alpha"] == nil {
				alphaN = nil // no alpha, so no count of the results behind it
			}
			row = append(row, rc["alpha"], alphaN)
			for b := 1; len(row) < len(sh.cols)-2; b++ {
				row = append(row, rc[fmt.Sprintf("band_%d", b)])
			}
			row = append(row, rc["count_error"], rc["note"])
			sh.rows = append(sh.rows, row)
		case kindItem:
			row := leadVals(rc, rc["id"], rc["name"], x.scaleName(rc["behaviour"]), x.scaleName(rc["dimension"]),
				keyedText(fmt.Sprint(rc["keyed"]), x.l), rc["n"], rc["missing"], rc["mean"])
			for a := range 5 {
				row = append(row, rc[fmt.Sprintf("answer_%d", a)])
			}
			items.rows = append(items.rows, append(row, rc["count_error"]))
		case kindGroup:
			groups.rows = append(groups.rows, leadVals(rc, groupName(rc), rc["n"], rc["note"]))
		case kindSkipped, kindDuplicate:
			skipped.rows = append(skipped.rows, []any{rc["file"], rc["note"]})
		}
	}
	all := []xsheet{summary, validity, dims, behs, items}
	if x.r.By != group.ByNone {
		all = append(all, groups)
	}
	all = append(all, skipped)
	for i := range all {
		all[i] = dropEmpty(all[i])
	}
	return all
}

// scaleName is a behaviour's or dimension's name for its id; "IM" is
// the impression-management scale.
func (x *workbook) scaleName(v any) any {
	id, _ := v.(string)
	switch {
	case id == "IM":
		return x.t("印象管理", "Impression management")
	case x.names[id] != "":
		return x.names[id]
	}
	return v
}

// dropEmpty leaves out the columns that no row fills.
func dropEmpty(sh xsheet) xsheet {
	keep := make([]bool, len(sh.cols))
	for _, row := range sh.rows {
		for i, v := range row {
			if i < len(keep) && v != nil && v != "" {
				keep[i] = true
			}
		}
	}
	out := xsheet{name: sh.name}
	for i, c := range sh.cols {
		if keep[i] {
			out.cols = append(out.cols, c)
		}
	}
	for _, row := range sh.rows {
		var r []any
		for i, v := range row {
			if i < len(keep) && keep[i] {
				r = append(r, v)
			}
		}
		out.rows = append(out.rows, r)
	}
	return out
}

// maxWidth caps a column, in characters of the default font; longer
// text wraps.
const maxWidth = 60

func (x *workbook) write(sh xsheet) error {
	f := x.f
	s, err := f.AddSheet(sh.name)
	if err != nil {
		return err
	}
	header := make([]any, len(sh.cols))
	widths := make([]int, len(sh.cols))
	heads := make([]int, len(sh.cols))
	bodies := make([]int, len(sh.cols))
	for i, c := range sh.cols {
		header[i] = c.title
		widths[i] = cellWidth(c.title) + 3 // room for the filter button
		heads[i], bodies[i] = x.style("head", c.num), x.style("body", c.num)
	}
	rows := make([][]any, len(sh.rows))
	for r, row := range sh.rows {
		vals := make([]any, len(row))
		for i, v := range row {
			if s, ok := v.(string); ok {
				v = cellText(s) // a leading = + - @ is not a formula
			}
			vals[i] = v
			widths[i] = max(widths[i], cellWidth(displayed(v, sh.cols[i].num)))
		}
		rows[r] = vals
	}
	f.AddRow(s, header, heads, 0)
	for i, w := range widths {
		widths[i] = max(min(w+2, maxWidth), 6) // longer text wraps
		s.SetWidth(i, float64(widths[i]))
	}
	// Spreadsheets do not grow a row for wrapped text they did not lay
	// out themselves, so each row gets the height of its longest cell.
	for r, vals := range rows {
		lines := 1
		for i, v := range sh.rows[r] {
			if s, ok := v.(string); ok {
				w := float64(widths[i] - 1)
				lines = max(lines, int(math.Ceil(float64(cellWidth(s))/w)))
			}
		}
		height := 0.0
		if lines > 1 {
			height = 15*float64(lines) + 2
		}
		f.AddRow(s, vals, bodies, height)
	}
	s.FreezeHeader = true
	s.AutoFilter = len(sh.rows) > 0
	// A4 landscape, as wide as one page and as long as it needs, with the
	// header row on every page and page numbers; the header and footer
	// sit in the top and bottom margins (inches).
	s.Page = xlsx.Page{
		Landscape: true, PaperSize: 9, FitToWidth: true,
		Side: 0.5, Edge: 0.8, Band: 0.3,
		Header:       "&L" + strings.ReplaceAll(heading(x.r), "&", "&&") + "&R&A",
		Footer:       "&C&P / &N",
		RepeatHeader: true,
	}
	return nil
}

// style returns the header style, or a body style with number format
// num; long text wraps and every cell sits at the top.
func (x *workbook) style(kind, num string) int {
	st := xlsx.Style{Vertical: "top", Wrap: true, NumFmt: num}
	if kind == "head" {
		c := palette.Light()
		if num != "" { // over a column of numbers
			st.Horizontal = "right"
		}
		st.NumFmt = ""
		st.Bold = true
		st.Fill = tint(c.Track)
		st.BorderBottom = strings.ToUpper(strings.TrimPrefix(c.Grey, "#"))
		st.Vertical = "center"
	}
	return x.f.Style(st)
}

// tint lightens a palette colour towards white, for a header's fill.
func tint(hex string) string {
	var r, g, b int
	fmt.Sscanf(strings.TrimPrefix(hex, "#"), "%02x%02x%02x", &r, &g, &b)
	mix := func(v int) int { return v + (255-v)*2/3 }
	return fmt.Sprintf("%02X%02X%02X", mix(r), mix(g), mix(b))
}

// displayed is roughly how a value shows in its format, for widths.
func displayed(v any, num string) string {
	switch x := v.(type) {
	case nil:
		return ""
	case float64:
		switch num {
		case fmtOne:
			return fmt.Sprintf("%.1f", x)
		case fmtTwo:
			return fmt.Sprintf("%.2f", x)
		case fmtPercent:
			return fmt.Sprintf("%.0f%%", x*100)
		}
		return fmt.Sprintf("%.0f", x)
	}
	return fmt.Sprint(v)
}

// cellWidth counts a CJK character as two, as a spreadsheet's column
// width (in characters of the default font) needs.
func cellWidth(s string) int {
	w := 0
	for line := range strings.SplitSeq(s, "\n") {
		w = max(w, ansi.StringWidth(line))
	}
	return w
}
