package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/glyph"
	"github.com/tangping-dev/tangping/internal/group"
	"github.com/tangping-dev/tangping/internal/group/collect"
	"github.com/tangping-dev/tangping/internal/group/render"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/verify"
)

type groupOptions struct {
	format     string
	by         string
	minGroup   int
	strict     bool
	allowMixed bool
	exact      bool
	out        string
	banks      bankFlags
	data       string // serve's data directory, read directly
	title      string // the session's name, on the report's first screen
}

var groupFormats = []string{"text", "md", "html", "csv", "xlsx", "json"}

// minMinGroup is the smallest K accepted: in a group of two, min and max
// are the two people's scores, and with three the mean gives the third.
const minMinGroup = 3

// groupSource feeds results into the aggregator. Files on disk are one
// source; serve's store can be another. A source calls agg.Skip for what
// it cannot read and returns an error only when it cannot go on.
type groupSource func(ctx context.Context, g *groupRun) error

// groupRun is what a source needs: the aggregator to feed, the verifier
// every result goes through, and the output file no input may be.
type groupRun struct {
	agg   *group.Aggregator
	v     *verify.Verifier
	out   *output
	exact bool
	// details are the verification failures a protected report does not
	// print, for the trainer's terminal.
	details []string
}

// skip records a result that cannot be counted. Why a result failed
// verification names one person's figures, stored and recomputed: a
// protected report, made for showing and sending, says only what kind of
// failure it was, and the detail goes to the trainer's terminal
// (docs/privacy.md).
func (g *groupRun) skip(path string, err error) {
	reason := collect.Reason(err)
	var me *verify.MismatchError
	if !g.exact && errors.As(err, &me) {
		g.details = append(g.details, "  "+path+": "+me.Detail)
		reason = me.Summary()
	}
	g.agg.Skip(path, reason)
}

func (a *App) newGroupCmd() *cobra.Command {
	l := a.Lang
	o := &groupOptions{}
	cmd := &cobra.Command{
		Use:   "group [PATH...]",
		Short: l.T("团体报告：汇总多份结果（培训组织者用）", "group report from many results (trainers)"),
		Long: l.T("汇总一个小组的结果文件：各维度、各表现和每道题的统计，不含任何姓名或个人作答。\n"+
			"PATH 可以是文件、目录（递归查找 *.json）或通配符（如 'results/*.json'）。\n"+
			"无法读取的文件会被跳过并列出原因；加 --strict 则视为错误（退出码 2）。同一结果（id 相同，或改了 id 的副本：作答、用时和起止时间都相同）只计一次。\n"+
			"数字默认加了差分隐私保护（约 X（±Y））：报告可以展示、发送，比较两份报告也还原不出某一个人；\n"+
			"不显示中位数、最低、最高、标准差和 α，少于 100 人时不显示题目统计（见 docs/privacy.md）。\n"+
			"--exact 给出未加保护的精确数字，只供培训者本人查看，不要展示或发送给任何人。\n"+
			"不足 K 人（--min-group，默认 5）的小组只显示人数；--by 分组时，不足 K 人的分组合并为“其他”。\n"+
			"-o 以 0600 权限原子写入文件；未给 --format 时按扩展名（.md .html .csv .xlsx .json .txt）选择格式。",
			"Aggregate a group's result files: statistics per dimension, behaviour and item, with no names and\n"+
				"no individual answers. PATH is a file, a directory (searched recursively for *.json) or a\n"+
				"wildcard such as 'results/*.json'. Unreadable files are skipped and listed with the reason;\n"+
				"--strict makes them an error (exit 2). A result (same id, or a copy with a new id: the same answers, answer times, start and end) counts once.\n"+
				"Figures are protected by differential privacy by default (about X (±Y)): the report may be shown\n"+
				"and sent, and comparing two reports does not give one person back; there is no median, min,\n"+
				"max, SD or alpha, and no item table below 100 results (see docs/privacy.md). --exact gives\n"+
				"the unprotected figures, for the trainer's own eyes only: never show or send them.\n"+
				"A group of fewer than K (--min-group, default 5) shows only its size; with --by, smaller\n"+
				"subgroups are pooled as \"Other\". -o writes atomically with mode 0600; without --format the\n"+
				"extension (.md .html .csv .xlsx .json .txt) picks the format."),
		Example: "  tangping group results/\n" +
			"  tangping group results/ --by unit --format html -o group.html\n" +
			"  tangping group 'results/*.json' --format xlsx -o group.xlsx\n" +
			"  tangping group a.json b.json --format json | jq '.dimensions[].mean'",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && o.data == "" {
				return usagef(l, "请给出结果文件或目录，例如：tangping group results/", "name result files or a directory, e.g. tangping group results/")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.out == "-" {
				o.out = ""
			}
			if !cmd.Flags().Changed("format") && o.out != "" {
				var ok bool
				if o.format, ok = groupFormatFromExt(o.out, o.format); !ok {
					return unknownExt(l, o.out, ".md .html .csv .xlsx .json .txt")
				}
			}
			var sources []groupSource
			if len(args) > 0 {
				sources = append(sources, a.fileSource(args))
			}
			if o.data != "" {
				if err := checkData(l, o.data); err != nil {
					return err
				}
				sources = append(sources, a.serveSource(o.data, ""))
			}
			return a.runGroup(cmd.Context(), o, sources...)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "text", l.T("格式为 text、md、html、csv、xlsx 或 json", "format: text, md, html, csv, xlsx or json"))
	f.StringVar(&o.by, "by", "", l.T("按 unit（单位）或 role（职务）分组", "split by unit or role"))
	f.IntVar(&o.minGroup, "min-group", group.DefaultMinGroup, l.T(fmt.Sprintf("少于 K 人的组不单独显示（K 至少为 %d）", minMinGroup), fmt.Sprintf("K: groups of fewer than K are not shown on their own (at least %d)", minMinGroup)))
	f.StringVar(&o.title, "title", "", l.T("培训或会议的名称，写在报告首屏（如“2025 年第一期专题培训”）", "the session's name, shown on the report's first screen"))
	f.BoolVar(&o.strict, "strict", false, l.T("有任何无法读取的文件即报错（退出码 2）", "fail (exit 2) if any file cannot be read"))
	f.BoolVar(&o.exact, "exact", false, l.T("精确数字，不加保护：只供培训者本人查看，不要展示或发送", "exact, unprotected figures: for the trainer's own eyes only, never show or send them"))
	f.BoolVar(&o.allowMixed, "allow-mixed", false, l.T("允许混合不同题库或版本的结果，各版本分开报告", "accept results of different banks or versions; report each separately"))
	outputFlag(f, &o.out, l.T("写入此文件（默认或 -：标准输出）", "write to this file (default or -: stdout)"))
	f.StringVar(&o.data, "data", "", l.T("直接读取 tangping serve 的数据目录或 postgres:// 数据库中已完成的结果", "read the completed results in a tangping serve data directory or postgres:// URL"))
	a.addBankFlags(f, &o.banks)
	return cmd
}

// groupFormatFromExt picks a format from -o's extension: the two
// spreadsheet formats here, the rest as the personal report does.
func groupFormatFromExt(path, def string) (string, bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return "csv", true
	case ".xlsx":
		return "xlsx", true
	}
	return formatFromExt(path, def)
}

func (a *App) checkGroupOptions(o *groupOptions) error {
	l := a.Lang
	switch {
	case !slices.Contains(groupFormats, o.format):
		return usagef(l, "不认识的格式 %q：请用 text、md、html、csv、xlsx 或 json。", "unknown format %q: use text, md, html, csv, xlsx or json.", o.format)
	case o.by != group.ByNone && o.by != group.ByUnit && o.by != group.ByRole:
		return usagef(l, "--by 只能是 unit（单位）或 role（职务），不是 %q。", "--by takes unit or role, not %q.", o.by)
	case o.minGroup < minMinGroup:
		return usagef(l, "--min-group 至少为 %d：组更小时，最高、最低和均值就能还原出每个人的得分。", "--min-group must be at least %d: in a smaller group the min, max and mean give away each person's score.", minMinGroup)
	case o.format == "xlsx" && o.out == "" && a.outIsTerminal():
		return usagef(l, "xlsx 是二进制文件，不能显示在终端里。请加 -o 指定文件，例如：-o group.xlsx", "xlsx is a binary file and cannot be shown in a terminal. Name a file with -o, e.g. -o group.xlsx")
	}
	return nil
}

// fileSource reads the result files named by args, in a fixed order,
// through verification. A file that is the output is an error that stops
// everything: the report must not replace one of its inputs.
func (a *App) fileSource(args []string) groupSource {
	return func(ctx context.Context, g *groupRun) error {
		return a.readResultFiles(ctx, args, g.v, g.out, g.agg.Add, g.skip)
	}
}

func (a *App) runGroup(ctx context.Context, o *groupOptions, sources ...groupSource) error {
	l := a.Lang
	if err := a.checkGroupOptions(o); err != nil {
		return err
	}
	out, err := a.outputFor(o.out, append(dataFiles(o.data), o.banks.files...)...)
	if err != nil {
		return err
	}
	v, err := a.verifier(&o.banks)
	if err != nil {
		return err
	}
	// The bank for the report's notice: the first --bank, else the
	// built-in default. Each section finds its own bank by hash.
	b, err := bank.Default(l)
	if added := v.Banks.Added(); len(added) > 0 {
		b, err = added[0], nil
	}
	if err != nil {
		return err
	}
	bankOf := func(sha string) *bank.Bank {
		b, _ := v.Banks.Find(sha)
		return b
	}
	if o.exact {
		fmt.Fprintln(a.Err, l.T("警告：", "warning: ")+group.ExactWarning(l))
	}
	agg := group.New(b, group.Options{MinGroup: o.minGroup, By: o.by, AllowMixed: o.allowMixed, Lang: l, Bank: bankOf, Exact: o.exact,
		Session: o.title, Date: a.Now()})
	run := &groupRun{agg: agg, v: v, out: out, exact: o.exact}
	for _, src := range sources {
		if err := src(ctx, run); err != nil {
			return err // context.Canceled: interrupted, exit 130
		}
	}
	if len(run.details) > 0 {
		fmt.Fprintln(a.Err, l.T("以下文件未通过核对（这些细节含个人的分数，只显示在这里，不写入报告）：",
			"these files failed verification (the details hold one person's figures: shown here only, not in the report):"))
		fmt.Fprintln(a.Err, strings.Join(run.details, "\n"))
	}
	if sk := agg.Skipped(); o.strict && len(sk) > 0 {
		lines := []string{l.T(fmt.Sprintf("%d 个文件无法读取（--strict）：", len(sk)), fmt.Sprintf("%d file(s) cannot be read (--strict):", len(sk)))}
		for _, s := range sk {
			lines = append(lines, "  "+s.File+l.T("：", ": ")+s.Reason)
		}
		return badInput(errors.New(strings.Join(lines, "\n")))
	}
	if err := agg.Err(); err != nil {
		return badInput(err)
	}
	rep := agg.Report()
	data, err := a.renderGroup(o, rep)
	if err != nil {
		return err
	}
	if written, err := a.write(out, data, "group"+extOf(o.format)); err != nil || !written {
		return err
	}
	fmt.Fprintln(a.Err, groupSummary(rep, o.out, l))
	return nil
}

// groupSummary is the one line printed when the report went to a file.
func groupSummary(r *group.Report, out string, l i18n.Lang) string {
	s := l.T(fmt.Sprintf("已写入 %s：%d 份结果", out, r.N), fmt.Sprintf("wrote %s: %d results", out, r.N))
	if n := len(r.Skipped); n > 0 {
		s += l.T(fmt.Sprintf("，跳过 %d 个无法读取的文件（见报告）", n), fmt.Sprintf(", %d unreadable file(s) skipped (listed in the report)", n))
	}
	if n := len(r.Duplicates); n > 0 {
		s += l.T(fmt.Sprintf("，%d 份重复结果只计一次", n), fmt.Sprintf(", %d duplicate(s) counted once", n))
	}
	return s + l.T("。", ".")
}

func (a *App) renderGroup(o *groupOptions, r *group.Report) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	switch o.format {
	case "json":
		err = render.JSON(&buf, r)
	case "md":
		buf.WriteString(render.Markdown(r))
	case "html":
		err = render.HTML(&buf, r)
	case "csv":
		err = render.CSV(&buf, r)
	case "xlsx":
		err = render.XLSX(&buf, r)
	default:
		tty := o.out == "" && a.outIsTerminal()
		opts := render.TextOptions{Width: 80, Dark: true, Glyphs: glyph.FromEnv(a.Getenv)}
		if tty {
			opts.Width, opts.Dark = a.terminalLook()
		}
		text := render.Text(r, opts)
		if !tty {
			return []byte(ansi.Strip(text)), nil
		}
		w := colorprofile.NewWriter(&buf, a.colorEnviron())
		w.Profile = colorprofile.Detect(a.Out, a.colorEnviron())
		_, err = io.WriteString(w, text)
	}
	return buf.Bytes(), err
}
