package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/tangping-dev/tangping/internal/group"
	"github.com/tangping-dev/tangping/internal/server"
)

type serveExportOptions struct {
	data     string
	session  string
	out      string
	results  bool
	minGroup int
}

// exportReport is the file the default export writes in OUTDIR.
const exportReport = "group.html"

func (a *App) newServeExportCmd() *cobra.Command {
	l := a.Lang
	o := &serveExportOptions{}
	cmd := &cobra.Command{
		Use:   "export OUTDIR | -o OUTDIR",
		Short: l.T("导出加了保护的团体报告；加 --results 则导出每人的结果文件", "write the session's protected group report (--results: each person's result file)"),
		Long: l.T("默认把数据目录（或 postgres:// 数据库）中已完成的结果汇总成一份加了保护的团体报告，写入 OUTDIR/"+exportReport+"（与 tangping group --data 相同，\n"+
			"可以展示、发送），不写任何个人文件。--results 则把每一份结果写成结果 JSON 文件 result-<id>.json（0600）：\n"+
			"那是每个人的全部作答（除非会话用了 --collect-names，否则不含姓名），只供培训者本人使用，不要展示或发送。\n"+
			"默认包含所有会话；--session 只导出一场。服务器运行时也可以导出。每位参加者都可以凭续答码下载自己的结果。",
			"By default, aggregate the completed results in the data directory (or postgres:// database) into one\n"+
				"protected group report, OUTDIR/"+exportReport+" (the same as tangping group --data; it may be shown and sent),\n"+
				"and write no file about any one person. --results writes each result as a result JSON file\n"+
				"result-<id>.json (mode 0600) instead: each person's every answer (without names unless the session\n"+
				"ran with --collect-names), for the trainer alone; never show or send them. Every session by default;\n"+
				"--session exports one. Works while the servers run. Each participant can download their own\n"+
				"result with their resume code."),
		Example: "  tangping serve export -o 报告/\n" +
			"  tangping serve export --data ~/serve-0514 --session 0514 -o 报告/\n" +
			"  tangping group --data ~/.local/state/tangping/serve -o group.xlsx\n" +
			"  tangping serve export --results -o results/",
		Args: rangeArgs(l, 0, 1),
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
				return usagef(l, "导出写的是一个目录，不能写到标准输出。请给出目录，例如 -o 报告/。",
					"export writes a folder, not standard output. Name a folder, e.g. -o reports/.")
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
				return usagef(l, "%s 是一个文件：导出需要一个目录，例如 报告/。",
					"%s is a file: export needs a directory, e.g. reports/.", args[0])
			}
			if !o.results {
				gopt := &groupOptions{format: "html", minGroup: o.minGroup, out: filepath.Join(args[0], exportReport), title: o.session}
				return a.runGroup(cmd.Context(), gopt, a.serveSource(o.data, o.session))
			}
			fmt.Fprintln(a.Err, l.T("警告：这些文件是每个人的全部作答，只供培训者本人使用，不要展示或发送给任何人。",
				"warning: these files hold each person's every answer, for the trainer alone: never show or send them to anyone."))
			paths, err := server.Export(cmd.Context(), o.data, o.session, args[0], l)
			if err != nil {
				return badInput(err)
			}
			fmt.Fprintln(a.Out, l.T(fmt.Sprintf("已导出 %d 份结果到 %s。汇总：tangping group %s", len(paths), args[0], shellQuote(args[0])),
				fmt.Sprintf("Exported %d results to %s. Aggregate them: tangping group %s", len(paths), args[0], shellQuote(args[0]))))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.data, "data", "", l.T("数据目录或 postgres:// 数据库，即 serve 的 --data（默认：用户状态目录下的 tangping/serve）", "data directory or postgres:// URL, as given to serve (default: tangping/serve in the state directory)"))
	f.StringVar(&o.session, "session", "", l.T("只导出这一场会话（默认：全部）", "export only this session (default: all)"))
	outputFlag(f, &o.out, l.T("输出目录（也可以作为参数给出）", "output folder (or give it as the argument)"))
	_ = f.SetAnnotation("output", placeholderKey, []string{"DIR"})
	f.BoolVar(&o.results, "results", false, l.T("改为导出每个人的结果文件（只供培训者本人使用）", "write each person's result file instead (for the trainer alone)"))
	f.IntVar(&o.minGroup, "min-group", group.DefaultMinGroup, l.T(fmt.Sprintf("少于 K 人的组不单独显示（K 至少为 %d）", minMinGroup), fmt.Sprintf("K: groups of fewer than K are not shown on their own (at least %d)", minMinGroup)))
	return cmd
}

// serveSource feeds a group report from serve's database: every
// completed result of session ("" = every session), named as export
// names them, verified as a file would be.
func (a *App) serveSource(dir, session string) groupSource {
	return func(ctx context.Context, g *groupRun) error {
		rs, err := server.Results(ctx, dir, session, a.Lang)
		if err != nil {
			return badInput(err)
		}
		for _, r := range rs {
			name := server.Source(r)
			if _, err := g.v.Check(name, r); err != nil {
				g.skip(name, err)
				continue
			}
			g.agg.Add(name, r)
		}
		return nil
	}
}
