package render

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/tangping-dev/tangping/internal/group"
	"github.com/tangping-dev/tangping/internal/i18n"
)

// tbl is one table of the report as display strings: what the text,
// Markdown and HTML renderers lay out each in their own way. Num marks
// right-aligned (numeric) columns.
type tbl struct {
	Caption string
	Headers []string
	Rows    [][]string
	Num     []bool
}

func numCols(n int, textCols ...int) []bool {
	out := make([]bool, n)
	for i := range out {
		out[i] = true
	}
	for _, c := range textCols {
		out[c] = false
	}
	return out
}

const dash = "—"

func f1(p *float64) string {
	if p == nil {
		return dash
	}
	return fixed(*p, 1)
}

func f2(p *float64) string {
	if p == nil {
		return dash
	}
	return fixed(*p, 2)
}

// fixed formats x with prec decimals; a small negative number that rounds
// to zero shows as 0.00, not -0.00.
func fixed(x float64, prec int) string {
	s := strconv.FormatFloat(x, 'f', prec, 64)
	if strings.Trim(s, "-0.") == "" {
		return strings.TrimPrefix(s, "-")
	}
	return s
}

func pct(p *float64) string {
	if p == nil {
		return dash
	}
	return fmt.Sprintf("%.0f%%", *p*100)
}

func share(count, n int) string {
	if n == 0 {
		return dash
	}
	return fmt.Sprintf("%.0f%%", float64(count)*100/float64(n))
}

// alphaText shows alpha to two decimals, or why there is none. A value
// with a note (a negative alpha) is marked with "*"; the note is given
// once, below the tables (negativeAlphaNote).
func alphaText(a *float64, note string) string {
	if a == nil {
		if note == "" {
			return dash
		}
		return note
	}
	if note != "" {
		return fixed(*a, 2) + " *"
	}
	return fixed(*a, 2)
}

// Protected figures (docs/privacy.md) are shown rounded, with their ±:
// "约 61（±3）". A table of counts that all carry the same ± says it once,
// in its header.

// approx shows a protected mean or count, rounded, with its ± (at least
// 1, the rounding's own).
func approx(x, e *float64, l i18n.Lang) string {
	if x == nil {
		return dash
	}
	pm := 1.0
	if e != nil {
		pm = math.Max(math.Round(*e), 1)
	}
	return l.T(fmt.Sprintf("约 %.0f（±%.0f）", *x, pm), fmt.Sprintf("about %.0f (±%.0f)", *x, pm))
}

// approxPct shows a protected share as a rounded percentage with its ±.
func approxPct(p, e *float64, l i18n.Lang) string {
	if p == nil {
		return dash
	}
	pm := 1.0
	if e != nil {
		pm = math.Max(math.Round(*e*100), 1)
	}
	return l.T(fmt.Sprintf("约 %.0f%%（±%.0f%%）", *p*100, pm), fmt.Sprintf("about %.0f%% (±%.0f%%)", *p*100, pm))
}

// plusMinus heads a column of protected counts: "份数（±2）".
func plusMinus(head string, e float64, l i18n.Lang) string {
	return head + l.T(fmt.Sprintf("（±%.0f）", math.Max(e, 1)), fmt.Sprintf(" (±%.0f)", math.Max(e, 1)))
}

func validityTable(s *group.Section, l i18n.Lang) tbl {
	results := l.T("份数", "Results")
	if len(s.Validity) > 0 && s.Validity[0].Error > 0 {
		results = plusMinus(l.T("约数", "About"), s.Validity[0].Error, l)
	}
	t := tbl{Headers: []string{l.T("提示", "Flag"), results, l.T("占比", "Share")}, Num: numCols(3, 0)}
	for _, f := range s.Validity {
		t.Rows = append(t.Rows, []string{f.Label, fmt.Sprint(f.Count), share(f.Count, s.N)})
	}
	t.Rows = append(t.Rows, []string{l.T("至少一项", "any of them"), fmt.Sprint(s.AnyFlag), share(s.AnyFlag, s.N)})
	return t
}

func dimensionTable(s *group.Section, l i18n.Lang) tbl {
	if protected(s) {
		t := tbl{Headers: []string{l.T("维度", "Dimension"), l.T("均值", "Mean")}, Num: numCols(2, 0)}
		for _, d := range s.Dimensions {
			t.Rows = append(t.Rows, []string{d.Name, approx(d.Mean, d.MeanError, l)})
		}
		return t
	}
	t := tbl{Headers: []string{l.T("维度", "Dimension"), "n", l.T("均值", "Mean"), l.T("标准差", "SD"),
		l.T("中位数", "Median"), l.T("最低", "Min"), l.T("最高", "Max"), "α"}, Num: numCols(8, 0)}
	for _, d := range s.Dimensions {
		t.Rows = append(t.Rows, []string{d.Name, fmt.Sprint(d.N), f1(d.Mean), f1(d.SD), f1(d.Median), f1(d.Min), f1(d.Max), alphaText(d.Alpha, d.AlphaNote)})
	}
	return t
}

func behaviourTable(s *group.Section, l i18n.Lang) tbl {
	if protected(s) {
		t := tbl{Headers: []string{l.T("表现", "Behaviour"), l.T("均值", "Mean"), l.T("检出率", "Prevalence")}, Num: numCols(3, 0)}
		for _, b := range s.Behaviours {
			t.Rows = append(t.Rows, []string{b.Name, approx(b.Mean, b.MeanError, l), approxPct(b.Prevalence, b.PrevalenceError, l)})
		}
		return t
	}
	t := tbl{Headers: []string{l.T("表现", "Behaviour"), "n", l.T("均值", "Mean"), l.T("标准差", "SD"),
		l.T("检出率", "Prevalence"), "α"}, Num: numCols(6, 0)}
	for _, b := range s.Behaviours {
		t.Rows = append(t.Rows, []string{b.Name, fmt.Sprint(b.N), f1(b.Mean), f1(b.SD), pct(b.Prevalence), alphaText(b.Alpha, b.AlphaNote)})
	}
	return t
}

// meanLabel labels a bar: a protected mean is shown rounded.
func meanLabel(d group.Dimension) string {
	if d.MeanError != nil && d.Mean != nil {
		return fixed(*d.Mean, 0)
	}
	return f1(d.Mean)
}

// itemsNote says why a section has no item table, or "".
func itemsNote(s *group.Section, l i18n.Lang) string {
	if len(s.Items) > 0 || !protected(s) {
		return ""
	}
	return l.T(fmt.Sprintf("有效结果不足 %d 份，不显示题目统计：人数少时，每道题的分布最容易暴露个人作答。", group.MinItemN),
		fmt.Sprintf("Item figures show from %d results: in a smaller group the answers to single items give individuals away most easily.", group.MinItemN))
}

// protected says whether s holds protected figures: they carry a ±.
func protected(s *group.Section) bool {
	for _, d := range s.Dimensions {
		if d.MeanError != nil {
			return true
		}
	}
	for _, b := range s.Behaviours {
		if b.MeanError != nil {
			return true
		}
	}
	return false
}

// bandTable counts results per descriptive band, one row per scale.
func bandTable(first string, names []string, bands [][]group.BandCount) tbl {
	width := 0
	for _, b := range bands {
		width = max(width, len(b))
	}
	t := tbl{Headers: []string{first}, Num: numCols(width+1, 0)}
	for i := range width {
		h := fmt.Sprint(i + 1)
		for _, b := range bands {
			if i < len(b) && b[i].Label != "" {
				h = b[i].Label
				break
			}
		}
		t.Headers = append(t.Headers, h)
	}
	for i, b := range bands {
		row := []string{names[i]}
		for j := range width {
			c := 0
			if j < len(b) {
				c = b[j].Count
			}
			row = append(row, fmt.Sprint(c))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func dimensionBands(s *group.Section, l i18n.Lang) tbl {
	t := bandsOf(l.T("维度", "Dimension"), s.Dimensions, func(d group.Dimension) (string, []group.BandCount) { return d.Name, d.Bands })
	if len(s.Dimensions) > 0 && s.Dimensions[0].BandsError != nil {
		t.Caption = bandsCaption(*s.Dimensions[0].BandsError, l)
	}
	return t
}

func behaviourBands(s *group.Section, l i18n.Lang) tbl {
	t := bandsOf(l.T("表现", "Behaviour"), s.Behaviours, func(b group.Behaviour) (string, []group.BandCount) { return b.Name, b.Bands })
	if len(s.Behaviours) > 0 && s.Behaviours[0].BandsError != nil {
		t.Caption = bandsCaption(*s.Behaviours[0].BandsError, l)
	}
	return t
}

func bandsCaption(e float64, l i18n.Lang) string {
	return l.T(fmt.Sprintf("各区间人数（约数，每格 ±%.0f）", math.Max(e, 1)), fmt.Sprintf("Results per band (approximate, ±%.0f each)", math.Max(e, 1)))
}

func bandsOf[T any](first string, xs []T, get func(T) (string, []group.BandCount)) tbl {
	names := make([]string, len(xs))
	bands := make([][]group.BandCount, len(xs))
	for i, x := range xs {
		names[i], bands[i] = get(x)
	}
	return bandTable(first, names, bands)
}

func itemTable(s *group.Section, l i18n.Lang) tbl {
	t := tbl{Headers: []string{l.T("题号", "Item"), l.T("表现", "Behav."), l.T("方向", "Keyed"), "n", l.T("均值", "Mean")}}
	for r := range 5 {
		t.Headers = append(t.Headers, anchor(s, r))
	}
	t.Num = numCols(len(t.Headers), 0, 1, 2)
	for _, it := range s.Items {
		beh := it.Behaviour
		if it.IM {
			beh = "IM"
		}
		row := []string{it.ID, beh, keyedText(it.Keyed, l), fmt.Sprint(it.N), f2(it.Mean)}
		for _, c := range it.Counts {
			row = append(row, fmt.Sprint(c))
		}
		t.Rows = append(t.Rows, row)
		if it.CountsError != nil {
			t.Caption = l.T(fmt.Sprintf("人数为约数，每格 ±%.0f", *it.CountsError), fmt.Sprintf("Counts are approximate, ±%.0f each", *it.CountsError))
		}
	}
	return t
}

// itemLegend names the behaviour codes of the items table, which has no
// room for the names.
func itemLegend(s *group.Section, l i18n.Lang) string {
	if len(s.Items) == 0 {
		return ""
	}
	var names []string
	for _, b := range s.Behaviours {
		names = append(names, b.ID+" "+b.Name)
	}
	return l.T("表现：", "Behaviours: ") + strings.Join(names, l.T("；", "; "))
}

func anchor(s *group.Section, r int) string {
	if r < len(s.Scale) && s.Scale[r] != "" {
		return s.Scale[r]
	}
	return fmt.Sprint(r)
}

func keyedText(k string, l i18n.Lang) string {
	switch k {
	case "flat":
		return l.T("常规", "flat")
	case "active":
		return l.T("正向", "active")
	}
	return k
}

// groupTables are the subgroups' dimension means and behaviour
// prevalences. Columns are headed by id to fit a terminal; legend names
// them.
func groupTables(s *group.Section, l i18n.Lang) (dims, behs tbl, legend string) {
	dims = tbl{Headers: []string{l.T("分组", "Group"), "n"}}
	behs = tbl{Headers: []string{l.T("分组", "Group"), "n"}}
	var names []string
	for _, d := range s.Dimensions {
		dims.Headers = append(dims.Headers, d.ID)
		names = append(names, d.ID+" "+d.Name)
	}
	for _, b := range s.Behaviours {
		behs.Headers = append(behs.Headers, b.ID)
		names = append(names, b.ID+" "+b.Name)
	}
	dims.Num, behs.Num = numCols(len(dims.Headers), 0), numCols(len(behs.Headers), 0)
	for _, g := range s.Groups {
		name := g.Name
		if g.Other {
			name = l.T(fmt.Sprintf("%s（%d 组合并）", g.Name, g.Groups), fmt.Sprintf("%s (%d groups pooled)", g.Name, g.Groups))
		}
		dr := []string{name, fmt.Sprint(g.N)}
		for _, d := range g.Dimensions {
			if d.MeanError != nil && d.Mean != nil {
				dr = append(dr, fmt.Sprintf("%.0f±%.0f", *d.Mean, math.Max(math.Round(*d.MeanError), 1)))
			} else {
				dr = append(dr, f1(d.Mean))
			}
		}
		br := []string{name, fmt.Sprint(g.N)}
		for _, b := range g.Behaviours {
			if b.PrevalenceError != nil && b.Prevalence != nil {
				br = append(br, fmt.Sprintf("%.0f%%±%.0f", *b.Prevalence*100, math.Max(math.Round(*b.PrevalenceError*100), 1)))
			} else {
				br = append(br, pct(b.Prevalence))
			}
		}
		dims.Rows, behs.Rows = append(dims.Rows, dr), append(behs.Rows, br)
	}
	dims.Caption = l.T("各组维度均值", "Dimension means by group")
	behs.Caption = l.T("各组表现检出率", "Behaviour prevalence by group")
	return dims, behs, strings.Join(names, l.T("；", "; "))
}
