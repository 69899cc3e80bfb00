package cli

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/tangping-dev/tangping/internal/answers"
	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/score"
)

type scoreOptions struct {
	answers string
	bank    string
	out     string
}

func (a *App) newScoreCmd() *cobra.Command {
	l := a.Lang
	o := &scoreOptions{}
	cmd := &cobra.Command{
		Use:   "score --answers FILE",
		Short: l.T("为答卷文件评分，输出结果 JSON", "score an answers file into a result JSON"),
		Long: l.T("为答卷文件评分，输出与 tangping take 相同的结果 JSON。适用于脚本、测试和纸质问卷的录入。\n"+
			"答卷文件是 JSON：{\"answers\": {\"Q01\": 3, \"Q02\": null, …}}，每题的值是 0–4："+
			"0 从不、1 很少、2 有时、3 经常、4 总是；null 或不写表示未答。"+
			"注意：作答界面上的选项编号是 1–5，文件里一律是 0–4（界面上的 4“经常”在文件里写 3）。\n"+
			"结果默认写到标准输出；-o 则以 0600 权限原子写入文件。",
			"Score an answers file and write the same result JSON as tangping take: for scripts, tests and\n"+
				"paper forms typed in later.\n"+
				"An answers file is JSON: {\"answers\": {\"Q01\": 3, \"Q02\": null, …}}, each value 0–4: "+
				"0 never, 1 rarely, 2 sometimes, 3 often, 4 always; null or no entry is unanswered. "+
				"Note: the questionnaire screens number the options 1–5, files always hold 0–4 (4 \"often\" on screen is 3 in a file).\n"+
				"The result goes to stdout, or atomically to -o with mode 0600."),
		Example: "  tangping score --answers questions/examples/answers.json\n  tangping score --answers answers.json -o result.json",
		Args:    noArgs(l),
		RunE: func(cmd *cobra.Command, _ []string) error {
			lang := a.Lang
			if !cmd.Flags().Changed("lang") {
				lang = ""
			}
			return a.runScore(cmd.Context(), o, lang)
		},
	}
	cmd.Flags().StringVar(&o.answers, "answers", "", l.T("答卷文件的路径，写 - 表示从标准输入读取", "answers file (JSON); - reads stdin"))
	cmd.Flags().StringVar(&o.bank, "bank", "", l.T("题库文件（默认：内置题库）", "bank file (default: the built-in bank)"))
	outputFlag(cmd.Flags(), &o.out, l.T("把结果写入此文件（默认或 -：标准输出）", "write the result to this file (default or -: stdout)"))
	return cmd
}

// runScore scores o.answers. lang is the explicitly chosen result
// language, or "" to take the answers file's, else the interface's.
func (a *App) runScore(ctx context.Context, o *scoreOptions, lang i18n.Lang) error {
	l := a.Lang
	if o.answers == "" {
		return usagef(l, "缺少 --answers：请指定答卷文件，例如 --answers questions/examples/answers.json。",
			"missing --answers: name an answers file, e.g. --answers questions/examples/answers.json.")
	}
	out, err := a.outputFor(o.out, o.answers, o.bank)
	if err != nil {
		return err
	}
	b, err := bank.Load(o.bank, l)
	if err != nil {
		return badInput(err)
	}
	name, data, err := a.readInput(ctx, o.answers, answers.MaxFileSize)
	if err != nil {
		return err
	}
	f, err := answers.Parse(name, data, b, l)
	if err != nil {
		return badInput(err)
	}
	if lang == "" {
		lang = f.Lang
	}
	if lang == "" {
		lang = l
	}
	now := a.Now()
	started := f.StartedAt
	if started.IsZero() {
		started = now
	}
	r := score.Score(b, score.Input{
		ID: result.NewID(), Lang: lang, Respondent: f.Respondent,
		StartedAt: started, CompletedAt: now, Answers: f.Answers,
	})
	data, err = result.Encode(&r)
	if err != nil {
		return err
	}
	_, err = a.write(out, data, "result.json")
	return err
}
