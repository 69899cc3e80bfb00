package cli

import (
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/textwrap"
)

// The man page is written here in roff, from the same command tree and
// the same texts as the help pages, in the interface language
// (docs/development.md, "Help and man page").

func (a *App) newManCmd() *cobra.Command {
	l := a.Lang
	var outPath string
	cmd := &cobra.Command{
		Use:   "man",
		Short: l.T("输出 man 手册页（roff 格式）", "print the man page (roff)"),
		Long: l.T(
			"输出 tangping 的 man 手册页（roff 格式），内容与各命令的 --help 相同，语言随 --lang。\n"+
				"阅读：\n  tangping man | man -l -\n"+
				"安装到个人的 man 目录后，man tangping 即可查看（目录须在 MANPATH 中）。",
			"Print tangping's man page (roff): what every command's --help says, in the --lang language.\n"+
				"To read it:\n  tangping man | man -l -\n"+
				"Installed in your own man folder (one on MANPATH), man tangping shows it."),
		Example: "  tangping man | man -l -\n" +
			"  mkdir -p ~/.local/share/man/man1\n" +
			"  tangping man -o ~/.local/share/man/man1/tangping.1",
		Args: noArgs(l),
		RunE: func(cmd *cobra.Command, _ []string) error {
			out, err := a.outputFor(outPath)
			if err != nil {
				return err
			}
			page := manPage(cmd.Root(), l, version(), a.manDate().Format("2006-01-02"))
			_, err = a.write(out, []byte(page), "tangping.1")
			return err
		},
	}
	outputFlag(cmd.Flags(), &outPath, l.T("写入此文件（默认或 -：标准输出）", "write to this file (default or -: stdout)"))
	return cmd
}

// manDate is the man page's date: SOURCE_DATE_EPOCH when a package build
// sets it, else the commit's time the Go toolchain recorded, else today.
// The first two make the same commit give the same page.
func (a *App) manDate() time.Time {
	if s := a.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if sec, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(sec, 0).UTC()
		}
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.time" {
				if t, err := time.Parse(time.RFC3339, s.Value); err == nil {
					return t.UTC()
				}
			}
		}
	}
	return a.Now()
}

// manPage is the whole man page of the command tree under root.
func manPage(root *cobra.Command, l i18n.Lang, ver, date string) string {
	hw := wordsFor(l)
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	p(`.TH TANGPING 1 %s %s %s`, roffArg(date), roffArg("tangping "+ver), roffArg(root.Short))
	p(".nh")   // no hyphenation: options and paths stay whole
	p(".ad l") // ragged right: Chinese has no spaces to stretch
	p(".SH %s", l.T("名称", "NAME"))
	p(`tangping \- %s`, roffText(root.Short))
	p(".SH %s", l.T("概要", "SYNOPSIS"))
	p(`\fBtangping\fR [\fI%s\fR] [\fI%s\fR]`, hw.command, hw.flagsArg)
	p(".SH %s", l.T("描述", "DESCRIPTION"))
	roffBlocks(&b, root.Long)
	p(".SH %s", l.T("命令", "COMMANDS"))
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range listedCommands(c) {
			if sub.Name() == "help" {
				continue
			}
			p(".SS %s", roffText(useLine(sub, hw)))
			desc := sub.Long
			if desc == "" {
				desc = sub.Short
			}
			roffBlocks(&b, desc)
			if ex := examples(sub); len(ex) > 0 {
				p(".PP")
				p(`\fB%s\fR`, hw.examples)
				p(".RS 2\n.nf")
				for _, e := range ex {
					p("%s", roffText(e))
				}
				p(".fi\n.RE")
			}
			roffFlags(&b, sub.LocalFlags(), hw)
			walk(sub)
		}
	}
	walk(root)
	p(".SH %s", l.T("选项", "FLAGS"))
	p("%s", roffText(l.T("每个命令都接受：", "Every command takes:")))
	roffFlags(&b, root.PersistentFlags(), hw)
	p(".PP\n%s", roffText(l.T("tangping 本身还接受：", "tangping itself also takes:")))
	roffFlags(&b, root.LocalNonPersistentFlags(), hw)
	p(".SH %s", l.T("退出状态", "EXIT STATUS"))
	for _, e := range [][3]string{
		{"0", "成功。", "Success."},
		{"1", "运行时故障，例如磁盘写不进。", "A runtime failure, such as a disk that cannot be written."},
		{"2", "用法或输入有误；信息指出文件、行号和改法。", "Bad usage or input; the message names the file, the line and the fix."},
		{"130", "被中断（Ctrl+C）；已作答的内容已保存。", "Interrupted (Ctrl+C); the answers given are kept."},
	} {
		p(".TP\n.B %s\n%s", e[0], roffText(l.T(e[1], e[2])))
	}
	p(".SH %s", l.T("环境变量", "ENVIRONMENT"))
	for _, e := range [][3]string{
		{"LC_ALL, LC_MESSAGES, LANG", "不给 --lang 时，第一个有值的变量决定界面语言：zh… 为中文，en… 为英文，其余为中文。",
			"Without --lang, the first of these that is set chooses the language: zh… Chinese, en… English, anything else Chinese."},
		{"NO_COLOR", "有任何值时不输出颜色。", "Any value turns colour off."},
		{"TANGPING_GLYPHS", "safe：条形图等改用 ASCII 符号（终端把方块字符画成两格宽时）；unicode：始终用 Unicode 符号。",
			"safe: draw bars and marks in ASCII (for terminals that draw block characters two cells wide); unicode: always Unicode."},
		{"XDG_STATE_HOME", "状态目录的位置（默认 ~/.local/state）：进度在 tangping/progress，结果在 tangping/results。",
			"Where the state folder is (default ~/.local/state): progress in tangping/progress, results in tangping/results."},
	} {
		p(".TP\n.B %s\n%s", roffText(e[0]), roffText(l.T(e[1], e[2])))
	}
	p(".SH %s", l.T("另见", "SEE ALSO"))
	p("%s", roffText(l.T("仓库中的 README.md 和 docs/ 目录：", "README.md and the docs/ folder of the repository:")))
	p(".UR https://github.com/tangping\\-dev/tangping\n.UE")
	return b.String()
}

// roffFlags lists flags as tagged paragraphs.
func roffFlags(b *strings.Builder, fs *pflag.FlagSet, hw helpWords) {
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		tag := `\fB\-\-` + roffText(f.Name) + `\fR`
		if f.Shorthand != "" {
			tag = `\fB\-` + roffText(f.Shorthand) + `\fR, ` + tag
		}
		if name := valueName(f); name != "" {
			tag += ` \fI` + roffText(name) + `\fR`
		}
		fmt.Fprintf(b, ".TP\n%s\n%s\n", tag, roffText(flagDesc(f, hw)))
	})
}

// roffBlocks writes a description: paragraphs apart, each sentence line
// on a line of its own, verbatim lines unfilled and indented.
func roffBlocks(b *strings.Builder, s string) {
	for i, blk := range textBlocks(s) {
		switch {
		case i > 0 && blk.para:
			b.WriteString(".PP\n")
		case i > 0:
			b.WriteString(".br\n")
		}
		if blk.verbatim {
			b.WriteString(".RS 4\n.nf\n")
		}
		for j, line := range blk.lines {
			if j > 0 && !blk.verbatim {
				b.WriteString(".br\n")
			}
			b.WriteString(roffText(line) + "\n")
		}
		if blk.verbatim {
			b.WriteString(".fi\n.RE\n")
		}
	}
}

// roffText escapes a line of text for roff: backslashes and hyphens
// (typed as they are, options stay copyable), a leading dot or quote,
// and break points between Chinese characters, which groff would
// otherwise never break between.
func roffText(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	s = textwrap.Mark(s, `\:`)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

// roffArg quotes a macro argument.
func roffArg(s string) string {
	return `"` + strings.ReplaceAll(roffText(s), `"`, `\(dq`) + `"`
}
