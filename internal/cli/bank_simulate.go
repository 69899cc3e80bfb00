package cli

import (
	"github.com/spf13/cobra"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/simulate"
)

func (a *App) newBankSimulateCmd() *cobra.Command {
	l := a.Lang
	o := simulate.DefaultOptions()
	var asJSON bool
	var outPath string
	cmd := &cobra.Command{
		Use:   "simulate [PATH]",
		Short: l.T("模拟认真作答和敷衍作答，量出每条效度规则的误报率和检出率", "measure each validity rule's false alarms and detection on simulated respondents"),
		Long: l.T("按 docs/validity.md 中的作答模型生成模拟作答者（认真作答、随机作答、全选同一项、全选从不、全选最理想），\n"+
			"用真实的计分引擎计分，列出每条效度规则对认真作答者的误报率和对其余各类的检出率，并对照目标。\n"+
			"同样的参数和种子得到同样的数字。不给 PATH 时为内置题库。",
			"Simulates respondents under the response model of docs/validity.md (attentive, random, one\n"+
				"option throughout, all Never, all ideal), scores them with the real scoring engine, and lists\n"+
				"each validity rule's false-alarm rate for attentive respondents and its detection rate for the\n"+
				"others, checked against the targets. The same settings and seed give the same figures. Without\n"+
				"PATH, the built-in bank."),
		Example: "  tangping bank simulate\n  tangping bank simulate my-bank.yaml --sigma 1.2 -n 10000 --seed 7\n  tangping bank simulate --json -o simulate.json",
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
			out, err := a.outputFor(outPath, path)
			if err != nil {
				return err
			}
			if o.N < 1 || o.N > 1_000_000 {
				return usagef(l, "-n 须在 1 到 1000000 之间，现在是 %d。", "-n must lie between 1 and 1000000; it is %d.", o.N)
			}
			m := o.Model
			if m.Sigma < 0 || m.TraitSD < 0 || m.ReadRate <= 0 {
				return usagef(l, "--sigma 和 --trait-sd 不能为负，--read-rate 须大于 0。", "--sigma and --trait-sd must not be negative, and --read-rate must be above 0.")
			}
			r, err := simulate.Run(b, o)
			if err != nil {
				return badInput(err)
			}
			data := []byte(simulate.Text(r, b, l))
			if asJSON {
				if data, err = simulate.JSON(r, b); err != nil {
					return err
				}
			}
			_, err = a.write(out, data, "simulate.json")
			return err
		},
	}
	f := cmd.Flags()
	f.IntVarP(&o.N, "n", "n", o.N, l.T("每类模拟多少人", "respondents of each kind"))
	f.Uint64Var(&o.Seed, "seed", o.Seed, l.T("随机种子", "random seed"))
	f.Float64Var(&o.Model.Sigma, "sigma", o.Model.Sigma, l.T("每题噪声的标准差 σ", "SD σ of the noise on each answer"))
	f.Float64Var(&o.Model.TraitMean, "trait-mean", o.Model.TraitMean, l.T("总体“躺平”水平 θ 的均值（0–4 计分值）", "mean of the overall lying-flat level θ (keyed 0–4)"))
	f.Float64Var(&o.Model.TraitSD, "trait-sd", o.Model.TraitSD, l.T("θ 在人群中的标准差", "SD of θ across people"))
	f.Float64Var(&o.Model.IMMean, "im-mean", o.Model.IMMean, l.T("印象管理题作答的中心（2 = 有时）", "centre of the answers to impression-management items (2 = sometimes)"))
	f.Float64Var(&o.Model.ReadRate, "read-rate", o.Model.ReadRate, l.T("认真作答者的阅读速度中位数（字/秒）", "attentive respondents' median reading rate (characters per second)"))
	f.BoolVar(&asJSON, "json", false, l.T("以 JSON 输出", "print JSON"))
	outputFlag(f, &outPath, l.T("写入此文件（默认或 -：标准输出）", "write to this file (default or -: stdout)"))
	return cmd
}
