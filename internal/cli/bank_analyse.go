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
	"github.com/tangping-dev/tangping/internal/result"
)

type analyseOptions struct {
	bank   string
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
			"地板/天花板比例、题-余相关和删题后 α，并标出建议改写的题目（见 docs/validity.md）。\n"+
			"输出含逐题的精确统计，仅供题库编写者本人查看；答全某量表的结果不足 --min-n 份时，不显示该量表的逐题统计。",
			"Reads result files (files, directories or wildcards) and gives, for each behaviour and dimension\n"+
				"of the bank, each item's mean, SD, floor/ceiling share, corrected item-rest correlation and alpha\n"+
				"if deleted, flagging the items worth rewriting (docs/validity.md). The output holds exact\n"+
				"item-level figures, for the bank author's eyes only; a scale with fewer than --min-n complete\n"+
				"results shows no item figures."),
		Example: "  tangping bank analyse results/\n  tangping bank analyse 'results/*.json' --bank my-bank.yaml --format json -o analysis.json",
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
	f.StringVar(&o.bank, "bank", "", l.T("结果所用的题库文件（默认：内置题库）", "the bank the results were scored with (default: the built-in bank)"))
	f.StringVar(&o.format, "format", "text", l.T("格式为 text 或 json", "format: text or json"))
	f.StringVarP(&o.out, "out", "o", "", l.T("写入此文件（0600 权限；默认：标准输出）", "write to this file (mode 0600; default: stdout)"))
	f.IntVar(&o.minN, "min-n", analyse.DefaultMinN, l.T(fmt.Sprintf("量表至少要有多少份完整结果才显示逐题统计（至少 %d）", analyse.MinMinN),
		fmt.Sprintf("complete results a scale needs before its item figures are shown (at least %d)", analyse.MinMinN)))
	return cmd
}

func (a *App) runAnalyse(ctx context.Context, o *analyseOptions, args []string, formatGiven bool) error {
	l := a.Lang
	if !formatGiven && o.out != "" {
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
	b, err := bank.Load(o.bank, l)
	if err != nil {
		return badInput(err)
	}
	roots, err := collect.Roots(args, l)
	if err != nil {
		return badInput(err)
	}
	an := analyse.New(b, analyse.Options{MinN: o.minN, Lang: l})
	files := 0
	err = collect.Read(ctx, roots, collect.Options{Lang: l}, func(path string, r *result.Result, err error) error {
		files++
		if err != nil {
			an.Skip(path, collect.Reason(err))
			return nil
		}
		an.Add(path, r)
		return nil
	})
	if errors.Is(err, context.Canceled) {
		return errInterrupted
	}
	if err != nil {
		return err
	}
	if files == 0 {
		return usagef(l, "在 %s 中没有找到 .json 文件。", "no .json files found in %s.", strings.Join(args, ", "))
	}
	x := an.Analysis()
	if x.N == 0 {
		return usagef(l, "没有一份结果是用题库 %s %s 计分的，无法分析。若结果用的是别的题库，请用 --bank 给出那个题库文件。",
			"no result was scored with bank %s %s, so there is nothing to analyse. If the results used another bank, give that bank's file with --bank.", b.ID, b.Version)
	}
	var data []byte
	if o.format == "json" {
		if data, err = analyse.JSON(x, l); err != nil {
			return err
		}
	} else {
		data = []byte(analyse.Text(x, l))
	}
	if o.out == "" {
		_, err = a.Out.Write(data)
		return err
	}
	if err := result.WriteAtomic(o.out, data); err != nil {
		return outError(l, o.out, "analysis"+extOf(o.format), err)
	}
	fmt.Fprintln(a.Err, l.T(fmt.Sprintf("已写入 %s：%d 份结果的条目分析。此文件仅供题库编写者本人查看。", o.out, x.N),
		fmt.Sprintf("wrote %s: item analysis of %d results. The file is for the bank author's eyes only.", o.out, x.N)))
	return nil
}
