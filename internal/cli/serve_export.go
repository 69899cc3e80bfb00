package cli

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/tangping-dev/tangping/internal/group/collect"
	"github.com/tangping-dev/tangping/internal/server"
)

type serveExportOptions struct {
	data    string
	session string
	out     string
}

func (a *App) newServeExportCmd() *cobra.Command {
	l := a.Lang
	o := &serveExportOptions{}
	cmd := &cobra.Command{
		Use:   "export OUTDIR | -o OUTDIR",
		Short: l.T("导出已完成的结果（供 tangping group 读取）", "write the session's completed results as result files (for tangping group)"),
		Long: l.T("把数据目录（或 postgres:// 数据库）中每一份已完成的结果写成结果 JSON 文件（以 0600 权限原子写入），\n"+
			"文件名为 result-<id>.json。默认导出所有会话；--session 只导出一场。服务器运行时也可以导出。",
			"Write every completed result in the data directory (or postgres:// database) as a result JSON file\n"+
				"(atomically, mode 0600), named result-<id>.json. Every session by default; --session exports one.\n"+
				"Works while the servers run."),
		Example: "  tangping serve export --data ~/.local/state/tangping/serve -o results/\n  tangping group results/",
		Args:    rangeArgs(l, 0, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) == 1 && o.out != "":
				return usagef(l, "请只给一个输出目录：OUTDIR 或 -o，不要两个都给。", "give one output folder: OUTDIR or -o, not both.")
			case len(args) == 0 && o.out == "":
				return usagef(l, "请给出输出目录，例如：tangping serve export -o 结果/", "name an output folder, e.g. tangping serve export -o results/")
			case o.out != "":
				args = []string{o.out}
			}
			if args[0] == "-" {
				return usagef(l, "导出写的是一个目录（每份结果一个文件），不能写到标准输出。请给出目录，例如 -o 结果/。",
					"export writes a folder (one file per result), not standard output. Name a folder, e.g. -o results/.")
			}
			if o.data == "" {
				d, err := a.defaultDataDir()
				if err != nil {
					return err
				}
				o.data = d
			}
			if err := checkData(l, o.data); err != nil {
				return err
			}
			if st, err := os.Stat(args[0]); err == nil && !st.IsDir() {
				return usagef(l, "%s 是一个文件：导出需要一个目录（每份结果一个文件），例如 结果/。",
					"%s is a file: export needs a directory (one file per result), e.g. results/.", args[0])
			}
			paths, err := server.Export(cmd.Context(), o.data, o.session, args[0], l)
			if err != nil {
				return badInput(err)
			}
			fmt.Fprintln(a.Out, l.T(fmt.Sprintf("已导出 %d 份结果到 %s。汇总：tangping group %s", len(paths), args[0], shellQuote(args[0])),
				fmt.Sprintf("Exported %d results to %s. Aggregate them: tangping group %s", len(paths), args[0], shellQuote(args[0]))))
			return nil
		},
	}
	cmd.Flags().StringVar(&o.data, "data", "", l.T("数据目录或 postgres:// 数据库，即 serve 的 --data（默认：用户状态目录下的 tangping/serve）", "data directory or postgres:// URL, as given to serve (default: tangping/serve in the state directory)"))
	cmd.Flags().StringVar(&o.session, "session", "", l.T("只导出这一场会话（默认：全部）", "export only this session (default: all)"))
	outputFlag(cmd.Flags(), &o.out, l.T("输出目录（也可以作为参数给出）", "output folder (or give it as the argument)"))
	return cmd
}

// serveSource feeds `tangping group --data DIR` from serve's database:
// every completed result of every session, named as export names them,
// verified as a file would be.
func (a *App) serveSource(dir string) groupSource {
	return func(ctx context.Context, g *groupRun) error {
		rs, err := server.Results(ctx, dir, "", a.Lang)
		if err != nil {
			return badInput(err)
		}
		for _, r := range rs {
			name := server.Source(r)
			if _, err := g.v.Check(name, r); err != nil {
				g.agg.Skip(name, collect.Reason(err))
				continue
			}
			g.agg.Add(name, r)
		}
		return nil
	}
}
