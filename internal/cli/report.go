package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/glyph"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/report"
	"github.com/tangping-dev/tangping/internal/result"
)

type reportOptions struct {
	format  string
	outline bool
	out     string
	banks   bankFlags
}

var reportFormats = []string{"text", "md", "html", "json"}

func (a *App) newReportCmd() *cobra.Command {
	l := a.Lang
	o := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "report RESULT.json",
		Short: l.T("个人报告，加 --outline 生成对照检查材料提纲", "personal report and self-examination outline"),
		Long: l.T("把结果文件写成个人报告：text（终端，默认）、md、html（单个离线文件，可直接打印为 A4）或 json。\n"+
			"每种格式都有“为何得此分”一节，列出每个维度用到的题目、您的回答、计分方向和区间分界。\n"+
			"--outline 生成对照检查材料提纲草稿（默认 Markdown）。报告语言默认与结果一致，可用 --lang 指定。\n"+
			"-o 以 0600 权限原子写入文件；未给 --format 时按文件扩展名（.md .html .json .txt）选择格式。",
			"Turn a result file into a personal report: text (terminal, the default), md, html (one offline file\n"+
				"that prints on A4) or json. Every format has a \"why this score\" section listing, per dimension,\n"+
				"the items, the answers, how each is keyed and the band cut points. --outline drafts the\n"+
				"self-examination report (Markdown by default). The report's language follows the result unless\n"+
				"--lang says otherwise. -o writes atomically with mode 0600; without --format the file's\n"+
				"extension (.md .html .json .txt) picks the format."),
		Example: "  tangping report result.json\n  tangping report result.json --format html -o report.html\n  tangping report result.json --outline -o outline.md",
		Args:    rangeArgs(l, 1, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			lang := i18n.Lang("")
			if cmd.Flags().Changed("lang") {
				lang = a.Lang
			}
			return a.runReport(cmd.Context(), o, args[0], lang, cmd.Flags().Changed("format"))
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "text", l.T("格式为 text、md、html 或 json", "format: text, md, html or json"))
	f.BoolVar(&o.outline, "outline", false, l.T("生成对照检查材料提纲草稿，格式为 text、md 或 html", "draft the self-examination report outline (text, md or html)"))
	outputFlag(f, &o.out, l.T("写入此文件（默认或 -：标准输出）", "write to this file (default or -: stdout)"))
	a.addBankFlags(f, &o.banks)
	return cmd
}

// runReport renders the result at path. lang is the report language asked
// for with --lang, or "" for the result's own.
func (a *App) runReport(ctx context.Context, o *reportOptions, path string, lang i18n.Lang, formatGiven bool) error {
	l := a.Lang
	if o.out == "-" {
		o.out = ""
	}
	format := o.format
	if !formatGiven && o.out != "" {
		var ok bool
		if format, ok = formatFromExt(o.out, format); !ok {
			return unknownExt(l, o.out, ".md .html .json .txt")
		}
	}
	if !slices.Contains(reportFormats, format) {
		return usagef(l, "未知的格式 %q：只能是 text、md、html 或 json。", "unknown format %q: use text, md, html or json.", format)
	}
	if o.outline && format == "json" {
		return usagef(l, "提纲没有 json 格式：--outline 可与 --format text、md 或 html 一起用。", "the outline has no json form: use --outline with --format text, md or html.")
	}
	out, err := a.outputFor(o.out, append([]string{path}, o.banks.files...)...)
	if err != nil {
		return err
	}
	v, err := a.verifier(&o.banks)
	if err != nil {
		return err
	}
	r, b, err := a.readResult(ctx, v, path)
	if err != nil {
		return err
	}
	if lang == "" {
		lang = i18n.Lang(r.Lang)
		if _, ok := i18n.Parse(r.Lang); !ok {
			lang = l
		}
	}
	if o.outline && !formatGiven && o.out == "" {
		format = "md" // the outline is a draft to edit: Markdown unless asked
	}
	data, err := a.renderReport(format, o, r, b, lang)
	if err != nil {
		return err
	}
	if written, err := a.write(out, []byte(data), "report"+extOf(format)); err != nil || !written {
		return err
	}
	fmt.Fprintln(a.Err, l.T("已写入 "+o.out, "Wrote "+o.out))
	return nil
}

func (a *App) renderReport(format string, o *reportOptions, r *result.Result, b *bank.Bank, lang i18n.Lang) (string, error) {
	switch {
	case format == "json":
		data, err := result.Encode(r)
		return string(data), err
	case format == "md" && o.outline:
		return report.OutlineMarkdown(r, b, lang), nil
	case format == "md":
		return report.Markdown(r, b, lang), nil
	case format == "html" && o.outline:
		return report.OutlineHTML(r, b, lang)
	case format == "html":
		return report.HTML(r, b, lang)
	}
	opts := report.TextOptions{Lang: lang, Width: 80, Glyphs: glyph.FromEnv(a.Getenv)}
	tty := o.out == "" && a.outIsTerminal()
	if tty {
		opts.Width, opts.Dark = a.terminalLook()
	}
	text := report.TextReport(r, b, opts)
	if o.outline {
		text = report.OutlineText(r, b, opts)
	}
	if !tty {
		return ansi.Strip(text), nil
	}
	return a.forTerminal(text)
}

// forTerminal downsamples text's colours to what the terminal shows;
// NO_COLOR strips them.
func (a *App) forTerminal(text string) (string, error) {
	var sb strings.Builder
	w := colorprofile.NewWriter(&sb, a.colorEnviron())
	w.Profile = colorprofile.Detect(a.Out, a.colorEnviron())
	_, err := io.WriteString(w, text)
	return sb.String(), err
}

// formatFromExt picks a format from an output file's extension: def
// without one, and ok false for one it does not know (report.pdf must not
// quietly become a text file named .pdf).
func formatFromExt(path, def string) (format string, ok bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown":
		return "md", true
	case ".html", ".htm":
		return "html", true
	case ".json":
		return "json", true
	case ".txt", ".text":
		return "text", true
	case "":
		return def, true
	}
	return def, false
}

// extOf is the usual file extension of a format.
func extOf(format string) string {
	if format == "text" {
		return ".txt"
	}
	return "." + format
}

// unknownExt refuses an -o file whose extension names no format.
func unknownExt(l i18n.Lang, path, known string) error {
	ext := filepath.Ext(path)
	return usagef(l, "不认识输出文件 %s 的扩展名 %s：请用 %s 之一，或用 --format 指定格式。要得到 PDF，请先写成 .html，再在浏览器里“打印为 PDF”。",
		"the output file %s has an extension %s that names no format: use one of %s, or give --format. For a PDF, write .html and print it to PDF from a browser.",
		path, ext, known)
}

// terminalLook returns the terminal's width and whether its background is
// dark, asking the terminal only when both streams are the terminal.
func (a *App) terminalLook() (width int, dark bool) {
	width, dark = 80, true
	out, _ := a.Out.(term.File)
	if out == nil {
		return
	}
	if w, _, err := term.GetSize(out.Fd()); err == nil && w > 0 {
		width = w
	}
	if in, ok := a.In.(term.File); ok && term.IsTerminal(in.Fd()) {
		dark = lipgloss.HasDarkBackground(in, out)
	}
	return
}

// environ is the part of the environment that decides colour output.
func (a *App) colorEnviron() []string {
	var env []string
	for _, k := range []string{"TERM", "COLORTERM", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "TTY_FORCE", "TMUX", "WT_SESSION", "GOOGLE_CLOUD_SHELL"} {
		if v := a.Getenv(k); v != "" {
			env = append(env, k+"="+v)
		}
	}
	return env
}

// saveReports is the TUI's hook for the result screen's save key: the
// Markdown report, the HTML report and the outline beside the result
// file, in the result's language.
func (a *App) saveReports(b *bank.Bank) func(result.Result, string) ([]string, error) {
	return func(r result.Result, resultPath string) ([]string, error) {
		lang, ok := i18n.Parse(r.Lang)
		if !ok {
			lang = a.Lang
		}
		return report.SaveBeside(&r, b, resultPath, lang)
	}
}

// outIsTerminal reports whether the command's output is a terminal.
func (a *App) outIsTerminal() bool { return isTerminal(a.Out) }
