package analyse

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/texttable"
	"github.com/tangping-dev/tangping/internal/textwrap"
)

// Notice marks every output: exact item-level figures are for the bank
// author alone.
func Notice(l i18n.Lang) string {
	return l.T("【仅供题库编写者本人查看】本分析含逐题的精确统计，只用于改进题库，请勿外传、公开或用来评价任何人。",
		"[For the bank author's eyes only] This analysis holds exact item-level statistics. Use it only to improve the bank; do not pass it on, publish it, or use it to judge anyone.")
}

// NegativeAlpha explains a negative Cronbach's alpha wherever one is
// shown (bank analyse, group --exact): it is not a very low reliability
// but a sign that the items did not measure one thing in these results.
func NegativeAlpha(l i18n.Lang) string {
	return l.T("α 为负，说明这些结果在该量表各题上的回答互相矛盾：平均而言，一道题答得高的人，另一道题反而答得低。"+
		"α 只有在 0 到 1 之间才能读作信度；负值不是“信度很低”，而是这些题在这组结果里没有测到同一件事，"+
		"常见于人数少、回答差别小，或有人把正向计分题读反了。不要据此评价任何人。",
		"A negative α means the answers to the scale's items contradict each other in these results: on average, people who answer one item high answer another low. "+
			"α reads as reliability only between 0 and 1; a negative value is not \"very low reliability\" but a sign that the items did not measure one thing here, "+
			"common with few people, little spread in the answers, or an active-keyed item read the wrong way round. Do not judge anyone by it.")
}

// Text renders the report as plain text: the notice, each bank's
// analysis, and the files left out.
func Text(rep *Report, l i18n.Lang) string {
	var w strings.Builder
	fmt.Fprintln(&w, textwrap.Hang(Notice(l), "", 80))
	for _, x := range rep.Analyses {
		fmt.Fprintln(&w)
		writeAnalysis(&w, x, l)
	}
	if len(rep.Skipped) > 0 || rep.Duplicates > 0 {
		fmt.Fprintln(&w)
		if rep.Duplicates > 0 {
			fmt.Fprintln(&w, l.T(fmt.Sprintf("%d 份重复结果（id 相同）只计一次。", rep.Duplicates), fmt.Sprintf("%d duplicate result(s) (same id) counted once.", rep.Duplicates)))
		}
		for _, sk := range rep.Skipped {
			fmt.Fprintln(&w, l.T("跳过 ", "skipped ")+sk.File+l.T("：", ": ")+sk.Reason)
		}
	}
	return w.String()
}

// writeAnalysis writes one bank's analysis.
func writeAnalysis(w *strings.Builder, x *Analysis, l i18n.Lang) {
	fmt.Fprintln(w, l.T(fmt.Sprintf("题库条目分析：%s %s，%d 份结果", x.Bank.ID, x.Bank.Version, x.N),
		fmt.Sprintf("Item analysis: %s %s, %d results", x.Bank.ID, x.Bank.Version, x.N)))
	fmt.Fprintln(w, textwrap.Hang(l.T(
		fmt.Sprintf("每个量表只用答全了该量表所有题目的结果；不足 %d 份时不显示逐题统计。统计基于计分值 v（常规题 v = r，正向题 v = 4 − r，标 +）。地板/天花板：v = 0 / v = 4 的比例。", x.MinN),
		fmt.Sprintf("Each scale uses only the results that answered all its items; below %d, its item statistics are not shown. Figures are on the keyed value v (v = r, or 4 − r for active items, marked +). Floor/ceiling: the shares at v = 0 / v = 4.", x.MinN)), "", 80))
	fmt.Fprintln(w, textwrap.Hang(l.T(fmt.Sprintf("⚠ 表示建议改写：题-余相关 < %.1f，或删去后 α 反而上升超过 %.2f，或所有人答得一样。", MinRestR, MinAlphaRise),
		fmt.Sprintf("⚠ marks an item worth rewriting: item-rest r below %.1f, alpha more than %.2f higher without it, or everyone answered alike.", MinRestR, MinAlphaRise)), "", 80))
	negative := false
	for _, s := range x.Scales {
		fmt.Fprintln(w)
		kind := l.T("表现", "behaviour")
		if s.Kind == "dimension" {
			kind = l.T("维度", "dimension")
		}
		head := fmt.Sprintf("%s %s（%s）  n = %d", s.ID, s.Name, kind, s.N)
		if l == i18n.EN {
			head = fmt.Sprintf("%s %s (%s)  n = %d", s.ID, s.Name, kind, s.N)
		}
		if s.Withheld {
			fmt.Fprintln(w, head+l.T(fmt.Sprintf("  不足 %d 份完整结果，不显示逐题统计", x.MinN), fmt.Sprintf("  fewer than %d complete results: item statistics withheld", x.MinN)))
			continue
		}
		alpha := num(s.Alpha)
		if strings.HasPrefix(alpha, "-") {
			alpha += " *"
			negative = true
		}
		fmt.Fprintln(w, head+"  α = "+alpha)
		rows := [][]string{{"  " + l.T("题目", "item"), l.T("均值", "mean"), "SD", l.T("地板", "floor"), l.T("天花板", "ceiling"), l.T("题-余相关", "item-rest r"), l.T("删后 α", "α if deleted"), ""}}
		for _, it := range s.Items {
			id := it.ID
			if it.Keyed == bank.KeyedActive {
				id += "+"
			}
			mark := ""
			if len(it.Flags) > 0 {
				mark = "⚠"
			}
			rows = append(rows, []string{"  " + id, fmt.Sprintf("%.2f", it.Mean), fmt.Sprintf("%.2f", it.SD), pct(it.Floor), pct(it.Ceiling), num(it.RestR), num(it.AlphaIfDeleted), mark})
		}
		w.WriteString(texttable.Columns(rows))
	}
	if negative {
		fmt.Fprintln(w)
		fmt.Fprintln(w, textwrap.Hang(NegativeAlpha(l), "* ", 80))
	}
	weak := x.Weak()
	fmt.Fprintln(w)
	if len(weak) == 0 {
		fmt.Fprintln(w, l.T("没有需要改写的题目。", "No item needs rewriting."))
	} else {
		fmt.Fprintln(w, l.T(fmt.Sprintf("建议改写的题目（%d 处）：", len(weak)), fmt.Sprintf("Items worth rewriting (%d):", len(weak))))
		for _, wi := range weak {
			fmt.Fprintln(w, textwrap.Hang(fmt.Sprintf("%s %s: %s", wi.Scale.ID, wi.Scale.Name, reasons(wi, l)), "  "+wi.Item.ID+"  ", 80))
			fmt.Fprintln(w, textwrap.Hang(wi.Item.Text, "    ", 80))
		}
	}
}

// reasons says in words why an item is flagged.
func reasons(wi WeakItem, l i18n.Lang) string {
	var out []string
	for _, f := range wi.Item.Flags {
		switch f {
		case LowRestR:
			out = append(out, l.T(fmt.Sprintf("与本量表其余题目的相关只有 %s", num(wi.Item.RestR)), fmt.Sprintf("item-rest r only %s", num(wi.Item.RestR))))
		case AlphaRises:
			out = append(out, l.T(fmt.Sprintf("删去后 α 从 %s 升到 %s", num(wi.Scale.Alpha), num(wi.Item.AlphaIfDeleted)),
				fmt.Sprintf("alpha rises from %s to %s without it", num(wi.Scale.Alpha), num(wi.Item.AlphaIfDeleted))))
		case NoVariance:
			out = append(out, l.T("所有人的回答都一样，区分不出差别", "everyone gave the same answer, so it tells no one apart"))
		}
	}
	return strings.Join(out, l.T("；", "; "))
}

func num(p *float64) string {
	if p == nil {
		return "—"
	}
	s := fmt.Sprintf("%.2f", *p)
	if s == "-0.00" {
		s = "0.00"
	}
	return s
}

func pct(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) }

// JSON renders the report with its notice. Numbers are unrounded.
func JSON(rep *Report, l i18n.Lang) ([]byte, error) {
	out := struct {
		Notice string `json:"notice"`
		*Report
	}{Notice(l), rep}
	data, err := json.MarshalIndent(out, "", "  ")
	return append(data, '\n'), err
}
