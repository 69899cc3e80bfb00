package cli

import (
	"github.com/spf13/cobra"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/result"
)

func (a *App) newSchemaCmd() *cobra.Command {
	l := a.Lang
	var outPath string
	cmd := &cobra.Command{
		Use:       "schema [result|bank]",
		Short:     l.T("输出结果文件或题库的 JSON Schema", "print the JSON Schema of results or banks"),
		Example:   "  tangping schema result -o result.schema.json\n  tangping schema bank",
		Args:      rangeArgs(l, 0, 1),
		ValidArgs: []string{"result", "bank"},
		RunE: func(_ *cobra.Command, args []string) error {
			which := "result"
			if len(args) == 1 {
				which = args[0]
			}
			var data []byte
			switch which {
			case "result":
				data = result.Schema()
			case "bank":
				data = bank.Schema()
			default:
				return usagef(l, "未知的 schema %q：只能是 result 或 bank。", "unknown schema %q: use result or bank.", which)
			}
			out, err := a.outputFor(outPath)
			if err != nil {
				return err
			}
			_, err = a.write(out, data, which+".schema.json")
			return err
		},
	}
	outputFlag(cmd.Flags(), &outPath, l.T("写入此文件（默认或 -：标准输出）", "write to this file (default or -: stdout)"))
	return cmd
}
