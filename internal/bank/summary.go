package bank

import (
	"fmt"
	"io"
	"strings"

	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/textwrap"
)

// WriteSummary writes what `tangping bank show` prints: what the bank
// measures, with how many items, its validity rules, the outline's cause
// classes and the items in order.
func (b *Bank) WriteSummary(out io.Writer, l i18n.Lang) error {
	w := &errWriter{w: out}
	count := func(keep func(Item) bool) (n, active int) {
		for _, it := range b.Items {
			if keep(it) {
				n++
				if it.Keyed == KeyedActive {
					active++
				}
			}
		}
		return
	}
	fmt.Fprintf(w, "%s  (%s %s)\n", b.Title.In(l), b.ID, b.Version)
	fmt.Fprintf(w, "%s\n", b.RecallWindow.In(l))
	fmt.Fprintf(w, "sha256 %s\n\n", b.SHA256)
	fmt.Fprintln(w, l.T("维度（得分越高越好）", "Dimensions (higher is better)"))
	for _, d := range b.Dimensions {
		n, _ := count(func(it Item) bool { return !it.IM && it.Dimension == d.ID })
		fmt.Fprintf(w, "  %-4s %s  %s\n", d.ID, textwrap.Pad(d.Name.In(l), 10), l.T(fmt.Sprintf("%d 题", n), fmt.Sprintf("%d items", n)))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, l.T("躺平表现（得分越高越明显）", "Lying-flat behaviours (higher is more pronounced)"))
	for _, x := range b.Behaviours {
		n, act := count(func(it Item) bool { return !it.IM && it.Behaviour == x.ID })
		fmt.Fprintf(w, "  %-4s %s  %s\n", x.ID, textwrap.Pad(x.Name.In(l), 10),
			l.T(fmt.Sprintf("%d 题（其中正向 %d）  建议 %d 条", n, act, len(x.Recommendations)), fmt.Sprintf("%d items (%d active)  %d recommendations", n, act, len(x.Recommendations))))
	}
	nIM, _ := count(func(it Item) bool { return it.IM })
	fmt.Fprintln(w)
	fmt.Fprintln(w, l.T("效度规则", "Validity rules"))
	pairs := make([]string, len(b.Validity.Pairs))
	for i, p := range b.Validity.Pairs {
		pairs[i] = p[0] + "–" + p[1]
	}
	fmt.Fprintln(w, l.T(
		fmt.Sprintf("  印象管理题 %d 道；一致性题对 %d 对：%s", nIM, len(pairs), strings.Join(pairs, " ")),
		fmt.Sprintf("  %d impression-management items; %d consistency pairs: %s", nIM, len(pairs), strings.Join(pairs, " "))))
	for _, r := range b.Validity.Rules {
		fmt.Fprintln(w, "  "+ruleText(r, l))
	}
	if len(b.Validity.Rules) == 0 {
		fmt.Fprintln(w, l.T("  （没有效度规则，不会给出任何效度提示）", "  (no validity rules: no validity flag is ever raised)"))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, l.T("提纲的原因类别", "The outline's cause classes"))
	for _, c := range b.Causes {
		when := l.T("总是列出", "always listed")
		if c.When == CauseFlagged {
			when = l.T("相关表现被标记时列出", "listed when what it explains is flagged")
		}
		fmt.Fprintf(w, "  %s  [%s]  %s\n", c.Title.In(l), strings.Join(c.Explains, " "), when)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, l.T(fmt.Sprintf("题目（共 %d 道，按呈现顺序）", len(b.Items)), fmt.Sprintf("Items (%d, in presentation order)", len(b.Items))))
	for _, it := range b.Items {
		tag := it.Behaviour + "/" + it.Dimension
		if it.IM {
			tag = "IM"
		}
		mark := " "
		if it.Keyed == KeyedActive {
			mark = "+"
		}
		fmt.Fprintf(w, "  %-4s %-7s %s %s\n", it.ID, tag, mark, it.Text.In(l))
	}
	fmt.Fprintln(w, l.T("  （+ 表示正向计分题）", "  (+ marks an active-keyed item)"))
	return w.err
}

// errWriter keeps the first write error, so that a summary cut short (a
// closed pipe, a full disk) is reported once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

// ruleText says in words when a validity rule raises its flag.
func ruleText(r Rule, l i18n.Lang) string {
	switch r.Check {
	case CheckIMCount:
		return l.T(fmt.Sprintf("结果可能偏理想化：≥%d 道印象管理题选最理想的一端", r.AtLeast),
			fmt.Sprintf("impression_management: ≥%d impression-management items at the flattering extreme", r.AtLeast))
	case CheckInconsistentPairs:
		return l.T(fmt.Sprintf("前后作答不一致：≥%d 对题的计分值相差 ≥%d", r.AtLeast, r.Difference),
			fmt.Sprintf("inconsistency: ≥%d pairs whose keyed values differ by ≥%d", r.AtLeast, r.Difference))
	case CheckLongestRun:
		return l.T(fmt.Sprintf("连续相同作答：≥%d 题连续选同一选项", r.AtLeast),
			fmt.Sprintf("straight_lining: ≥%d identical answers in a row", r.AtLeast))
	case CheckMedianMS:
		return l.T(fmt.Sprintf("作答过快：每题用时中位数 <%d 毫秒（只在记录了用时时判断）", r.Below),
			fmt.Sprintf("too_fast: median time per item under %d ms (only when times were recorded)", r.Below))
	}
	return r.Check
}
