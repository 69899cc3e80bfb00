package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tangping-dev/tangping/internal/analyse"
	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/group/collect"
)

type analyseOptions struct {
	banks  bankFlags
	format string
	out    string
	minN   int
}

func (a *App) newBankAnalyseCmd() *cobra.Command {
	l := a.Lang
	o := &analyseOptions{}
	cmd := &cobra.Command{
		Use:   "analyse PATH...",
		Short: l.T("题库条目分析：哪些题目该改写（仅供题库编写者本人查看）", "item analysis: which items to rewrite (for the bank author's eyes only)"),
		Long: l.T("读取一批结果文件（文件、目录或通配符），按题库的每个表现和维度给出每道题的均值、标准差、\n"+
			"地板/天花板比例、题-余相关和删题后 α，并标出建议改写的题目（见 docs/validity.md）。每份结果都经过核对，\n"+
			"按它评分所用的题库（按 sha256 查找：内置题库、--bank、--banks）分开分析。\n"+
			"输出含逐题的精确统计，仅供题库编写者本人查看；答全某量表的结果不足 --min-n 份时，不显示该量表的逐题统计。",
			"Reads result files (files, directories or wildcards) and gives, for each behaviour and dimension\n"+
				"of the bank, each item's mean, SD, floor/ceiling share, corrected item-rest correlation and alpha\n"+
				"if deleted, flagging the items worth rewriting (docs/validity.md). Every result is verified and\n"+
				"analysed with the bank it was scored with (found by sha256: built in, --bank, --banks).\n"+
				"The output holds exact item-level figures, for the bank author's eyes only; a scale with fewer\n"+
				"than --min-n complete results shows no item figures."),
		Example: "  tangping bank analyse results/\n  tangping bank analyse results/ --bank mine.yaml --format json -o a.json",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef(l, "请给出结果文件或目录，例如：tangping bank analyse results/", "name result files or a directory, e.g. tangping bank analyse results/")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runAnalyse(cmd.Context(), o, args, cmd.Flags().Changed("format"))
		},
	}
	f := cmd.Flags()
	a.addBankSearchFlags(f, &o.banks)
	f.StringVar(&o.format, "format", "text", l.T("格式为 text 或 json", "format: text or json"))
	outputFlag(f, &o.out, l.T("写入此文件（0600 权限；默认或 -：标准输出）", "write to this file (mode 0600; default or -: stdout)"))
	f.IntVar(&o.minN, "min-n", analyse.DefaultMinN, l.T(fmt.Sprintf("量表至少要有多少份完整结果才显示逐题统计（至少 %d）", analyse.MinMinN),
		fmt.Sprintf("complete results a scale needs before its item figures are shown (at least %d)", analyse.MinMinN)))
	return cmd
}

func (a *App) runAnalyse(ctx context.Context, o *analyseOptions, args []string, formatGiven bool) error {
	l := a.Lang
	if !formatGiven && o.out != "" && o.out != "-" {
		var ok bool
		if o.format, ok = formatFromExt(o.out, o.format); !ok || o.format == "md" || o.format == "html" {
			return unknownExt(l, o.out, ".txt .json")
		}
	}
	if o.format != "text" && o.format != "json" {
		return usagef(l, "不认识的格式 %q：请用 text 或 json。", "unknown format %q: use text or json.", o.format)
	}
	if o.minN < analyse.MinMinN {
		return usagef(l, "--min-n 至少为 %d：更少的结果算不出可靠的相关，逐题的精确数字也可能还原出个人的作答。",
			"--min-n must be at least %d: fewer results give no reliable correlation, and exact item figures could give away a person's answers.", analyse.MinMinN)
	}
	out, err := a.outputFor(o.out, o.banks.files...)
	if err != nil {
		return err
	}
	v, err := a.verifier(&o.banks)
	if err != nil {
		return err
	}
	set := analyse.NewSet(func(sha string) *bank.Bank {
		b, _ := v.Banks.Find(sha)
		return b
	}, analyse.Options{MinN: o.minN, Lang: l})
	if err := a.readResultFiles(ctx, args, v, out, set.Add, func(path string, err error) { set.Skip(path, collect.Reason(err)) }); err != nil {
		return err
	}
	rep := set.Report()
	if len(rep.Analyses) == 0 {
		lines := []string{l.T("没有一份可以分析的结果：", "no result could be analysed:")}
		for _, s := range rep.Skipped {
			lines = append(lines, "  "+s.File+l.T("：", ": ")+s.Reason)
		}
		return badInput(errors.New(strings.Join(lines, "\n")))
	}
	var data []byte
	if o.format == "json" {
		if data, err = analyse.JSON(rep, l); err != nil {
			return err
		}
	} else {
		data = []byte(analyse.Text(rep, l))
	}
	if written, err := a.write(out, data, "analysis"+extOf(o.format)); err != nil || !written {
		return err
	}
	n := 0
	for _, x := range rep.Analyses {
		n += x.N
	}
	fmt.Fprintln(a.Err, l.T(fmt.Sprintf("已写入 %s：%d 份结果的条目分析。此文件仅供题库编写者本人查看。", o.out, n),
		fmt.Sprintf("wrote %s: item analysis of %d results. The file is for the bank author's eyes only.", o.out, n)))
	return nil
}
