package cli

import (
	"github.com/spf13/cobra"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/result"
)

func (a *App) newSchemaCmd() *cobra.Command {
	l := a.Lang
	return &cobra.Command{
		Use:       "schema [result|bank]",
		Short:     l.T("输出结果文件或题库的 JSON Schema", "print the JSON Schema of results or banks"),
		Example:   "  tangping schema result > result.schema.json\n  tangping schema bank",
		Args:      rangeArgs(l, 0, 1),
		ValidArgs: []string{"result", "bank"},
		RunE: func(_ *cobra.Command, args []string) error {
			which := "result"
			if len(args) == 1 {
				which = args[0]
			}
			switch which {
			case "result":
				_, err := a.Out.Write(result.Schema())
				return err
			case "bank":
				_, err := a.Out.Write(bank.Schema())
				return err
			}
			return usagef(l, "未知的 schema %q：只能是 result 或 bank。", "unknown schema %q: use result or bank.", which)
		},
	}
}
