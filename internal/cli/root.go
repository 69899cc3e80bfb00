// Package cli owns the command line: the commands, their flags, how the
// interface language is chosen, and how errors become exit codes. Every
// command's work lives in the package that owns it; this one only wires.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/i18n"
)

// App is what every command gets from outside: streams, environment,
// clock and language. Tests build their own; nothing is global.
type App struct {
	In     io.Reader
	Out    io.Writer
	Err    io.Writer
	Getenv func(string) string
	Now    func() time.Time
	Lang   i18n.Lang
}

// Main runs tangping with the process's arguments and streams and
// returns the exit code. A panic never reaches the user as a stack trace.
func Main() int {
	app := &App{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Getenv: os.Getenv, Now: time.Now}
	stop := exitOnSecondSignal(app)
	defer stop()
	return app.Run(context.Background(), os.Args[1:])
}

// graceAfterSignal is how long a command has to end by itself after
// Ctrl+C or SIGTERM before the process ends anyway.
const graceAfterSignal = 2 * time.Second

// exitOnSecondSignal is the backstop behind Run's own handling: the first
// Ctrl+C or SIGTERM cancels the command, which ends every wait it knows
// of; should something still hold it, a second signal or the grace
// period ends the process with exit 130 (docs/verification.md). Writes
// are atomic, so no half file is left behind.
func exitOnSecondSignal(a *App) (stop func()) {
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case <-sig:
		case <-done:
			return
		}
		select {
		case <-sig:
		case <-time.After(graceAfterSignal):
		case <-done:
			return
		}
		fmt.Fprintln(a.Err, a.Lang.T("已中断。", "Interrupted."))
		os.Exit(ExitInterrupted)
	}()
	return func() { signal.Stop(sig); close(done) }
}

// Run parses args and runs the chosen command.
func (a *App) Run(ctx context.Context, args []string) (code int) {
	a.Lang = i18n.Detect(langFlag(args), a.Getenv)
	if err := checkLangFlag(args, a.Lang); err != nil {
		printError(a.Err, a.Lang, err)
		return exitCode(err)
	}
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintln(a.Err, a.Lang.T(
				"tangping 遇到了内部错误，已停止。已保存的作答不受影响。请把这行信息报告给维护者：",
				"tangping hit an internal error and stopped. Saved answers are not affected. Please report this line to the maintainers:"),
				fmt.Sprint(p))
			code = ExitFailure
		}
	}()
	out := trackWrites(a.Out)
	a.Out = out
	root := a.newRoot()
	var failed error
	catchErrors(root, a.Lang, &failed)
	root.SetArgs(args)
	root.SetIn(a.In)
	root.SetOut(a.Out)
	root.SetErr(a.Err)
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := root.ExecuteContext(ctx)
	if failed != nil {
		err = failed
	}
	if werr := out.writeErr(); werr != nil && (err == nil || errors.Is(err, werr)) {
		err = outputFailed(a.Lang, werr)
	}
	if err != nil {
		printError(a.Err, a.Lang, err)
	}
	return exitCode(err)
}

// catchErrors makes every command's error land in *failed, so that Run
// prints each error once, in the interface language, whichever step
// refused. Flag errors become typed *flagError here, and arguments
// refused by cobra's own validators typed usage errors
// (docs/architecture.md, "Errors and exit codes").
func catchErrors(c *cobra.Command, l i18n.Lang, failed *error) {
	catch := func(err error) error {
		if err != nil && *failed == nil {
			*failed = err
		}
		return nil
	}
	if !c.HasParent() {
		typed := flagErrorFunc(l)
		c.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return catch(typed(cmd, err)) })
	}
	if args := c.Args; args != nil {
		c.Args = func(cmd *cobra.Command, a []string) error { return catch(argsError(l, cmd, a, args(cmd, a))) }
	}
	if run := c.RunE; run != nil {
		c.RunE = func(cmd *cobra.Command, a []string) error {
			if *failed != nil {
				return nil // the arguments were already rejected
			}
			if err := emptyInput(cmd, a, l); err != nil {
				return catch(err)
			}
			return catch(run(cmd, a))
		}
	}
	for _, sub := range c.Commands() {
		catchErrors(sub, l, failed)
	}
}

// argsError types what an argument validator rejects. Ours (noArgs,
// rangeArgs, rootArgs) already return usage errors in the interface
// language; cobra's own, on the completion commands, return English text,
// which is replaced by a plain statement of the fact.
func argsError(l i18n.Lang, cmd *cobra.Command, args []string, err error) error {
	if err == nil || errors.As(err, new(*exitError)) {
		return err
	}
	return badInput(diag.Because(l.T(
		fmt.Sprintf("%s 不接受参数 %s。运行 %s --help 查看用法。", cmd.CommandPath(), strings.Join(args, " "), cmd.CommandPath()),
		fmt.Sprintf("%s does not take the arguments %s. Run %s --help for usage.", cmd.CommandPath(), strings.Join(args, " "), cmd.CommandPath())), err))
}

// langFlag finds --lang before cobra parses, because help texts are built
// in the chosen language.
func langFlag(args []string) string {
	for i, s := range args {
		switch {
		case s == "--":
			return ""
		case s == "--lang" && i+1 < len(args):
			return args[i+1]
		case len(s) > 7 && s[:7] == "--lang=":
			return s[7:]
		}
	}
	return ""
}

func (a *App) newRoot() *cobra.Command {
	l := a.Lang
	takeOpts := &takeOptions{}
	root := &cobra.Command{
		Use:   "tangping",
		Short: l.T("躺平式干部自查自测", "lying-flat cadre self-check"),
		Long: l.T(
			"tangping 是一份在终端里完成的自查问卷：对照十种“躺平”表现和\n"+
				"“二十四字行为准则”的六个维度，在民主生活会前私下、如实地检视自己。\n"+
				"作答只保存在本机，不会发送到任何地方。",
			"tangping is a terminal self-assessment: check yourself privately and\n"+
				"honestly against ten lying-flat behaviours and the six dimensions of the\n"+
				"24-character code before the democratic life meeting. Answers stay on this\n"+
				"computer; nothing is sent anywhere."),
		Args: rootArgs(l),
		// Plain tangping takes the questionnaire, with take's flags.
		RunE: func(cmd *cobra.Command, _ []string) error { return a.runTake(cmd.Context(), takeOpts) },
	}
	takeFlags(root.Flags(), takeOpts, l)
	root.PersistentFlags().String("lang", string(l), l.T("界面语言 `zh|en`，不给时看 LANG 等环境变量", "interface language `zh|en`; without it, LANG and the like decide"))
	// the default shown would be the language just detected, not a default
	root.PersistentFlags().Lookup("lang").DefValue = ""
	// cobra's own help, version and completion texts are English; give
	// them ours before cobra adds its defaults.
	root.PersistentFlags().BoolP("help", "h", false, l.T("显示帮助", "show help"))
	root.Flags().BoolP("version", "v", false, l.T("显示版本、提交和构建日期", "show the version, commit and build date"))
	root.Version = version()
	root.SilenceUsage, root.SilenceErrors = true, true
	root.SetHelpFunc(a.helpFunc)
	root.SetHelpCommand(&cobra.Command{
		Use:   l.T("help [命令]", "help [command]"),
		Short: l.T("显示某个命令的帮助", "show help for a command"),
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := c.Root().Find(args)
			if err != nil || target == nil {
				target, rest = c.Root(), args
			}
			if len(rest) > 0 {
				// "tangping help tkae" showed the root's page, exit 0
				return unknownCommand(l, target, rest[0])
			}
			return target.Help()
		},
	})
	root.AddCommand(a.newScoreCmd(), a.newBankCmd(), a.newSchemaCmd(), a.newReportCmd(), a.newCompareCmd(),
		a.newGroupCmd(), a.newTakeCmd(), a.newServeCmd(), a.newManCmd())
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	localiseCompletion(root, l)
	return root
}

// noArgs and exactArgs replace cobra's validators, whose messages are
// English only.
func noArgs(l i18n.Lang) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 && cmd.HasAvailableSubCommands() {
			return unknownCommand(l, cmd, args[0])
		}
		if len(args) > 0 {
			return usagef(l, "%s 不接受参数 %q。运行 %s --help 查看用法。", "%s takes no arguments, got %q. Run %s --help for usage.",
				cmd.CommandPath(), args[0], cmd.CommandPath())
		}
		return nil
	}
}

func rangeArgs(l i18n.Lang, lo, hi int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < lo || len(args) > hi {
			return usagef(l, "%s 需要 %s 个参数，实际给了 %d 个。用法：%s", "%s needs %s argument(s), got %d. Usage: %s",
				cmd.CommandPath(), countText(lo, hi), len(args), useLine(cmd, wordsFor(l)))
		}
		return nil
	}
}

func countText(lo, hi int) string {
	if lo == hi {
		return fmt.Sprint(lo)
	}
	return fmt.Sprintf("%d–%d", lo, hi)
}
