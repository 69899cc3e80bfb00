package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/spf13/cobra"

	"github.com/tangping-dev/tangping/internal/bank"
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
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := a.loadBank(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			fmt.Fprintln(a.Out, l.T(
				fmt.Sprintf("%s：题库有效（%s %s，%d 道题，%d 种表现，%d 个维度）。", args[0], b.ID, b.Version, len(b.Items), len(b.Behaviours), len(b.Dimensions)),
				fmt.Sprintf("%s: the bank is valid (%s %s, %d items, %d behaviours, %d dimensions).", args[0], b.ID, b.Version, len(b.Items), len(b.Behaviours), len(b.Dimensions))))
			return a.warnTargets(args[0], b)
		},
	})
	var asJSON bool
	var outPath string
	show := &cobra.Command{
		Use:     "show [PATH]",
		Short:   l.T("输出题库摘要（不给 PATH 时为内置题库）；--json 输出完整题库", "print a bank's summary (the built-in bank without PATH); --json prints the whole bank"),
		Example: "  tangping bank show\n  tangping bank show --json | jq '.items | length'\n  tangping bank show --json -o 我的题库.json",
		Args:    rangeArgs(l, 0, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := ""
			if len(args) == 1 {
				path = args[0]
			}
			out, err := a.outputFor(outPath, path)
			if err != nil {
				return err
			}
			b, err := a.loadBank(cmd.Context(), path)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if asJSON {
				// The JSON is a bank: it reads back with bank validate,
				// take --bank and the rest (docs/verification.md).
				enc := json.NewEncoder(&buf)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				if err := enc.Encode(b); err != nil {
					return err
				}
			} else {
				if err := b.WriteSummary(&buf, l); err != nil {
					return err
				}
			}
			_, err = a.write(out, buf.Bytes(), "bank.json")
			return err
		},
	}
	show.Flags().BoolVar(&asJSON, "json", false, l.T("以 JSON 输出完整题库（可作为题库读回）", "print the whole bank as JSON (it reads back as a bank)"))
	outputFlag(show.Flags(), &outPath, l.T("写入此文件（默认或 -：标准输出）", "write to this file (default or -: stdout)"))
	cmd.AddCommand(show, a.newBankSimulateCmd(), a.newBankAnalyseCmd())
	return cmd
}

// loadBank loads the bank at path: the built-in default for "", the
// app's input for "-", else a regular file.
func (a *App) loadBank(ctx context.Context, path string) (*bank.Bank, error) {
	if path == "" {
		b, err := bank.Default(a.Lang)
		return b, badInput(err)
	}
	name, data, err := a.readInput(ctx, path, bank.MaxFileSize)
	if err != nil {
		return nil, err
	}
	b, err := bank.Parse(name, data, a.Lang)
	return b, badInput(err)
}

// warnTargets simulates the bank's validity rules under the default model
// and warns, without failing, about every target they miss.
func (a *App) warnTargets(path string, b *bank.Bank) error {
	l := a.Lang
	// The targets concern attentive and random respondents only.
	o := simulate.DefaultOptions()
	o.Kinds = []string{simulate.Attentive, simulate.Random}
	r, err := simulate.Run(b, o)
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
