package cli

import (
	"context"
	"fmt"
	"slices"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/tangping-dev/tangping/internal/glyph"
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
			"还列出已消除、新出现和仍存在的提示，以及两次的作答提示。\n"+
			"两份结果须来自同一份问卷（同一 id；不同版本须题目和计分相同，作答提示各按各自版本）。\n"+
			"两份结果记了不同的姓名时拒绝比较；只有一份记名、或单位不同时照样比较，但会提醒。\n"+
			"AFTER 的完成时间不得早于 BEFORE。--force 跳过姓名和先后两项检查。\n"+
			"输出语言随 --lang 或环境变量，与结果文件的语言无关。",
			"Compare two results of one person: the change in every dimension (higher is better) and\n"+
				"behaviour (lower is better), ↑ for better and ↓ for worse; a change smaller than one answer\n"+
				"step (100 ÷ 4 ÷ the scale's items) is \"no clear change\". Also lists flags resolved, new and\n"+
				"remaining, and both results' validity notes.\n"+
				"Both results must come from the same questionnaire (one id; two versions only with the same\n"+
				"items and scoring, each keeping its own validity notes).\n"+
				"Two results that name different people are refused; a name on one only, or different units,\n"+
				"are compared with a note.\n"+
				"AFTER must not be older than BEFORE. --force skips the name and the order checks.\n"+
				"The output is in the --lang or environment language, whatever the results' language."),
		Example: "  tangping compare 2025-03.json 2025-09.json\n  tangping compare before.json after.json --format md > change.md",
		Args:    rangeArgs(l, 2, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runCompare(cmd.Context(), o, args[0], args[1])
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "text", l.T("格式为 text、md 或 json", "format: text, md or json"))
	cmd.Flags().BoolVar(&o.force, "force", false, l.T("即使 AFTER 早于 BEFORE、或两份结果的姓名不同，也照样比较", "compare even when AFTER is older than BEFORE or the two results name different people"))
	outputFlag(cmd.Flags(), &o.out, l.T("写入此文件（默认或 -：标准输出）", "write to this file (default or -: stdout)"))
	a.addBankFlags(cmd.Flags(), &o.banks)
	return cmd
}

func (a *App) runCompare(ctx context.Context, o *compareOptions, beforePath, afterPath string) error {
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
	// The comparison speaks the interface language (--lang, else the
	// environment), whatever language either result was taken in.
	lang := l
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
	if c.PersonNote != "" && (!out.stdout() || !a.outIsTerminal()) {
		fmt.Fprintln(a.Err, l.T("注意：", "Note: ")+c.PersonNote)
	}
	_, err = a.write(out, data, "compare"+extOf(o.format))
	return err
}
