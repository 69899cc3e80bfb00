package cli

import (
	"context"
	"slices"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/tangping-dev/tangping/internal/glyph"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/report"
)

type compareOptions struct {
	format string
	force  bool
	out    string
	banks  bankFlags
}

func (a *App) newCompareCmd() *cobra.Command {
	l := a.Lang
	o := &compareOptions{}
	cmd := &cobra.Command{
		Use:   "compare BEFORE AFTER",
		Short: l.T("比较同一人的两次结果：每个维度和表现的变化", "compare two results of one person"),
		Long: l.T("比较同一人先后两次的结果：每个维度（越高越好）和每种表现（越低越好）的变化，\n"+
			"以 ↑ 表示改善、↓ 表示变差；变化小于一个作答档（100 ÷ 4 ÷ 该项题数）记为“无明显变化”。\n"+
			"还列出已消除、新出现和仍存在的提示，以及两次的作答提示。两份结果须来自同一份问卷（同一 id；不同版本须题目和计分\n"+
			"相同，作答提示各按各自版本），且 AFTER 的完成时间不早于 BEFORE（--force 可跳过后一项检查）。",
			"Compare two results of one person: the change in every dimension (higher is better) and\n"+
				"behaviour (lower is better), ↑ for better and ↓ for worse; a change smaller than one answer\n"+
				"step (100 ÷ 4 ÷ the scale's items) is \"no clear change\". Also lists flags resolved, new and\n"+
				"remaining, and both results' validity notes. Both results must come from the same questionnaire\n"+
				"(one id; two versions only with the same items and scoring, each keeping its own validity\n"+
				"notes), and AFTER must not be older than BEFORE (--force skips that check)."),
		Example: "  tangping compare 2025-03.json 2025-09.json\n  tangping compare before.json after.json --format md > change.md",
		Args:    rangeArgs(l, 2, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runCompare(cmd.Context(), o, args[0], args[1], cmd.Flags().Changed("lang"))
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "text", l.T("格式为 text、md 或 json", "format: text, md or json"))
	cmd.Flags().BoolVar(&o.force, "force", false, l.T("即使 AFTER 早于 BEFORE 也照样比较", "compare even when AFTER is older than BEFORE"))
	outputFlag(cmd.Flags(), &o.out, l.T("写入此文件（默认或 -：标准输出）", "write to this file (default or -: stdout)"))
	a.addBankFlags(cmd.Flags(), &o.banks)
	return cmd
}

func (a *App) runCompare(ctx context.Context, o *compareOptions, beforePath, afterPath string, langGiven bool) error {
	l := a.Lang
	if !slices.Contains([]string{"text", "md", "json"}, o.format) {
		return usagef(l, "未知的格式 %q：只能是 text、md 或 json。", "unknown format %q: use text, md or json.", o.format)
	}
	if beforePath == "-" && afterPath == "-" {
		return usagef(l, "BEFORE 和 AFTER 不能都是 -（标准输入只有一个）。", "BEFORE and AFTER cannot both be - (there is one standard input).")
	}
	out, err := a.outputFor(o.out, append([]string{beforePath, afterPath}, o.banks.files...)...)
	if err != nil {
		return err
	}
	v, err := a.verifier(&o.banks)
	if err != nil {
		return err
	}
	before, bb, err := a.readResult(ctx, v, beforePath)
	if err != nil {
		return err
	}
	after, ab, err := a.readResult(ctx, v, afterPath)
	if err != nil {
		return err
	}
	// The verified banks (nil when read --unverified) give names and, for a
	// pair from two versions, decide whether they compare (docs/validity.md).
	if err := report.CheckPair(before, after, beforePath, afterPath, l, o.force, bb, ab); err != nil {
		return badInput(err)
	}
	lang := l
	if !langGiven {
		if rl, ok := i18n.Parse(after.Lang); ok {
			lang = rl
		}
	}
	c, err := report.Compare(before, after, beforePath, afterPath, ab, lang, o.force, bb)
	if err != nil {
		return badInput(err)
	}
	var data []byte
	switch o.format {
	case "json":
		if data, err = report.CompareJSON(c); err != nil {
			return err
		}
	case "md":
		data = []byte(report.CompareMarkdown(c))
	default:
		opts := report.TextOptions{Lang: lang, Width: 80, Glyphs: glyph.FromEnv(a.Getenv)}
		if !out.stdout() || !a.outIsTerminal() {
			data = []byte(ansi.Strip(report.CompareText(c, opts)))
			break
		}
		opts.Width, opts.Dark = a.terminalLook()
		text, err := a.forTerminal(report.CompareText(c, opts))
		if err != nil {
			return err
		}
		data = []byte(text)
	}
	_, err = a.write(out, data, "compare"+extOf(o.format))
	return err
}
