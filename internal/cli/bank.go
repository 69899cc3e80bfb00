package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/simulate"
)

func (a *App) newBankCmd() *cobra.Command {
	l := a.Lang
	cmd := &cobra.Command{
		Use:   "bank",
		Short: l.T("检查或查看题库", "check or print a question bank"),
		Args:  noArgs(l),
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(&cobra.Command{
		Use:     "validate PATH",
		Short:   l.T("检查题库，列出所有问题（文件:行:列）；有效时退出码 0，否则 2", "check a bank and list every problem (file:line:col); exit 0 when valid, 2 otherwise"),
		Example: "  tangping bank validate questions/tangping-default.yaml",
		Args:    rangeArgs(l, 1, 1),
		RunE: func(_ *cobra.Command, args []string) error {
			b, err := bank.Load(args[0], l)
			if err != nil {
				return badInput(err)
			}
			fmt.Fprintln(a.Out, l.T(
				fmt.Sprintf("%s：题库有效（%s %s，%d 道题，%d 种表现，%d 个维度）。", args[0], b.ID, b.Version, len(b.Items), len(b.Behaviours), len(b.Dimensions)),
				fmt.Sprintf("%s: the bank is valid (%s %s, %d items, %d behaviours, %d dimensions).", args[0], b.ID, b.Version, len(b.Items), len(b.Behaviours), len(b.Dimensions))))
			return a.warnTargets(args[0], b)
		},
	})
	var asJSON bool
	show := &cobra.Command{
		Use:     "show [PATH]",
		Short:   l.T("输出题库摘要（不给 PATH 时为内置题库）；--json 输出完整题库", "print a bank's summary (the built-in bank without PATH); --json prints the whole bank"),
		Example: "  tangping bank show\n  tangping bank show --json | jq '.items | length'",
		Args:    rangeArgs(l, 0, 1),
		RunE: func(_ *cobra.Command, args []string) error {
			path := ""
			if len(args) == 1 {
				path = args[0]
			}
			b, err := bank.Load(path, l)
			if err != nil {
				return badInput(err)
			}
			if asJSON {
				enc := json.NewEncoder(a.Out)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				return enc.Encode(b)
			}
			printBank(a.Out, b, l)
			return nil
		},
	}
	show.Flags().BoolVar(&asJSON, "json", false, l.T("以 JSON 输出完整题库", "print the whole bank as JSON"))
	cmd.AddCommand(show, a.newBankSimulateCmd(), a.newBankAnalyseCmd())
	return cmd
}

// warnTargets simulates the bank's validity rules under the default model
// and warns, without failing, about every target they miss.
func (a *App) warnTargets(path string, b *bank.Bank) error {
	l := a.Lang
	r, err := simulate.Run(b, simulate.DefaultOptions())
	if err != nil {
		return err
	}
	for _, t := range r.Targets() {
		if !t.Met() {
			fmt.Fprintln(a.Err, l.T("警告：", "warning: ")+path+l.T("：效度规则未达目标：", ": the validity rules miss a target: ")+simulate.TargetText(t, l)+
				l.T("。运行 tangping bank simulate "+path+" 查看详情（docs/validity.md）。", ". Run tangping bank simulate "+path+" for details (docs/validity.md)."))
		}
	}
	return nil
}

// printBank writes a readable summary: what the bank measures, with how
// many items, and its validity settings.
func printBank(w io.Writer, b *bank.Bank, l i18n.Lang) {
	count := func(keep func(bank.Item) bool) (n, active int) {
		for _, it := range b.Items {
			if keep(it) {
				n++
				if it.Keyed == bank.KeyedActive {
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
		n, _ := count(func(it bank.Item) bool { return !it.IM && it.Dimension == d.ID })
		fmt.Fprintf(w, "  %-4s %s  %s\n", d.ID, pad(d.Name.In(l), 10), l.T(fmt.Sprintf("%d 题", n), fmt.Sprintf("%d items", n)))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, l.T("躺平表现（得分越高越明显）", "Lying-flat behaviours (higher is more pronounced)"))
	for _, x := range b.Behaviours {
		n, act := count(func(it bank.Item) bool { return !it.IM && it.Behaviour == x.ID })
		fmt.Fprintf(w, "  %-4s %s  %s\n", x.ID, pad(x.Name.In(l), 10),
			l.T(fmt.Sprintf("%d 题（其中正向 %d）  建议 %d 条", n, act, len(x.Recommendations)), fmt.Sprintf("%d items (%d active)  %d recommendations", n, act, len(x.Recommendations))))
	}
	nIM, _ := count(func(it bank.Item) bool { return it.IM })
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
		if c.When == bank.CauseFlagged {
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
		if it.Keyed == bank.KeyedActive {
			mark = "+"
		}
		fmt.Fprintf(w, "  %-4s %-7s %s %s\n", it.ID, tag, mark, it.Text.In(l))
	}
	fmt.Fprintln(w, l.T("  （+ 表示正向计分题）", "  (+ marks an active-keyed item)"))
}

// ruleText says in words when a validity rule raises its flag.
func ruleText(r bank.Rule, l i18n.Lang) string {
	switch r.Check {
	case bank.CheckIMCount:
		return l.T(fmt.Sprintf("结果可能偏理想化：≥%d 道印象管理题选最理想的一端", r.AtLeast),
			fmt.Sprintf("impression_management: ≥%d impression-management items at the flattering extreme", r.AtLeast))
	case bank.CheckInconsistentPairs:
		return l.T(fmt.Sprintf("前后作答不一致：≥%d 对题的计分值相差 ≥%d", r.AtLeast, r.Difference),
			fmt.Sprintf("inconsistency: ≥%d pairs whose keyed values differ by ≥%d", r.AtLeast, r.Difference))
	case bank.CheckLongestRun:
		return l.T(fmt.Sprintf("连续相同作答：≥%d 题连续选同一选项", r.AtLeast),
			fmt.Sprintf("straight_lining: ≥%d identical answers in a row", r.AtLeast))
	case bank.CheckMedianMS:
		return l.T(fmt.Sprintf("作答过快：每题用时中位数 <%d 毫秒（只在记录了用时时判断）", r.Below),
			fmt.Sprintf("too_fast: median time per item under %d ms (only when times were recorded)", r.Below))
	}
	return r.Check
}

// pad right-pads s to width terminal cells; CJK characters take two.
func pad(s string, width int) string {
	if w := ansi.StringWidth(s); w < width {
		return s + strings.Repeat(" ", width-w)
	}
	return s
}
