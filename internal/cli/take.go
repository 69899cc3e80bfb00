package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tangping-dev/tangping/internal/autosave"
	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/glyph"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/linemode"
	"github.com/tangping-dev/tangping/internal/quiz"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/tui"
)

type takeOptions struct {
	bank       string
	out        string
	anonymous  bool
	accessible bool
	fresh      bool
}

func (a *App) newTakeCmd() *cobra.Command {
	l := a.Lang
	o := &takeOptions{}
	cmd := &cobra.Command{
		Use:   "take",
		Short: l.T("作答问卷（直接运行 tangping 也是这个命令）", "take the questionnaire (plain tangping)"),
		Long: l.T("在终端里逐题作答，最后显示结果并保存结果文件（JSON，0600 权限）。\n"+
			"每答一题都会保存进度；中途退出或断电后再次运行会提示从上次停下的地方继续，--fresh 则重新开始。\n"+
			"屏幕阅读器、TERM=dumb、输入或输出不是终端时，或加上 --accessible，改用逐行问答，\n"+
			"每行输入一个答案，可以用管道一次性传入，例如 printf '3\\n4\\n…' | tangping take。\n"+
			"逐行模式下输入提前结束时，进度已保存，退出码为 2；中途退出的退出码为 130。",
			"Answer the questions one per screen, then see your result; the result file (JSON, mode 0600) is\n"+
				"saved. Progress is saved after every answer; run it again after quitting or a crash to carry on\n"+
				"where you stopped, or use --fresh to start over. For screen readers, TERM=dumb, input or output\n"+
				"that is not a terminal, or with --accessible, questions are asked line by line and answers can be\n"+
				"piped in, e.g. printf '3\\n4\\n...' | tangping take. If the input ends early in line mode the\n"+
				"progress is saved and the exit code is 2; quitting before the end exits with 130."),
		Example: "  tangping\n  tangping take --anonymous\n  tangping take --lang en -o result.json\n  printf '3\\n4\\n2\\n...' | tangping take --accessible",
		Args:    noArgs(l),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runTake(cmd.Context(), o)
		},
	}
	takeFlags(cmd.Flags(), o, l)
	return cmd
}

// takeFlags are take's flags; plain tangping, which is take, has them too.
func takeFlags(f *pflag.FlagSet, o *takeOptions, l i18n.Lang) {
	f.StringVar(&o.bank, "bank", "", l.T("题库文件（默认：内置题库）", "bank file (default: the built-in bank)"))
	outputFlag(f, &o.out, l.T("结果文件（默认：状态目录下 results/日期-编号.json）", "result file (default: results/DATE-ID.json under the state directory)"))
	f.BoolVar(&o.anonymous, "anonymous", false, l.T("匿名作答，不询问姓名、单位和职务", "answer anonymously; do not ask for name, unit and role"))
	f.BoolVar(&o.accessible, "accessible", false, l.T("逐行问答（适合屏幕阅读器和管道输入）", "ask line by line (for screen readers and piped input)"))
	f.BoolVar(&o.fresh, "fresh", false, l.T("丢弃上次未完成的进度，重新开始", "drop unfinished progress and start over"))
}

// takeRun is one run of the questionnaire: the bank, where progress and
// results go, and what was saved last time.
type takeRun struct {
	bank   *bank.Bank
	dir    string
	store  *autosave.File
	resume *autosave.State
}

func (a *App) runTake(ctx context.Context, o *takeOptions) error {
	l := a.Lang
	if ctx == nil {
		ctx = context.Background()
	}
	if o.out == "-" {
		// The terminal is the questionnaire's; a result there would be
		// lost in it. Say so rather than write a file named "-".
		return usagef(l, "take 的结果只能写入文件：-o - 不可用。要得到 JSON，可以用 -o 文件名，或用 tangping score。",
			"take writes its result to a file: -o - is not available. Give -o a file name, or use tangping score for JSON on stdout.")
	}
	if _, err := a.outputFor(o.out, o.bank); err != nil {
		return err
	}
	lines := o.accessible || a.Getenv("TERM") == "dumb" || !isTerminal(a.In) || !isTerminal(a.Out)
	if !lines {
		tui.WarmWidths()
	}
	b, err := bank.Load(o.bank, l)
	if err != nil {
		return badInput(err)
	}
	dir, err := autosave.Dir(a.Getenv, autosave.Home(a.Getenv), l)
	if err != nil {
		return err
	}
	// One take per state folder, held before anything there is read or
	// changed (docs/verification.md).
	release, err := autosave.Lock(dir, a.Now(), l)
	if err != nil {
		return err
	}
	defer release()
	t := &takeRun{bank: b, dir: dir,
		store: &autosave.File{Dir: dir, BankID: b.ID, BankSHA256: b.SHA256, Lang: l, Now: a.Now}}
	if o.fresh {
		if err := t.store.Clear(); err != nil {
			return err
		}
	} else {
		var ce *autosave.CorruptError
		t.resume, err = t.store.Load()
		switch {
		case errors.As(err, &ce):
			fmt.Fprintln(a.Err, l.T("注意：", "note: ")+ce.Error())
		case err != nil:
			return err
		}
	}
	if lines {
		return a.takeLines(ctx, o, t)
	}
	return a.takeTUI(ctx, o, t)
}

// submit writes the result to -o or under the state directory, and
// then drops the progress it came from.
func (a *App) submitter(o *takeOptions, t *takeRun) func(result.Result) (string, error) {
	return func(r result.Result) (string, error) {
		path := o.out
		if path == "" {
			path = filepath.Join(t.dir, "results", r.CompletedAt.Local().Format("2006-01-02")+"-"+shortID(r.ID)+".json")
		}
		if err := result.WriteFile(path, &r); err != nil {
			return "", fmt.Errorf(a.Lang.T("无法写入结果文件 %s（%w）。请检查目录是否存在、是否有写权限，或用 -o 另选位置。",
				"cannot write the result file %s (%w). Check that the folder exists and is writable, or choose another place with -o."), path, err)
		}
		if err := t.store.Clear(); err != nil {
			fmt.Fprintln(a.Err, a.Lang.T("注意：无法删除已提交的进度文件 ", "note: cannot remove the submitted progress file ")+t.store.Path()+": "+err.Error())
		}
		return path, nil
	}
}

// quizOptions is the questionnaire both faces run.
func (a *App) quizOptions(o *takeOptions, t *takeRun) quiz.Options {
	return quiz.Options{
		Bank: t.bank, Lang: a.Lang, Store: t.store, Resume: t.resume, Anonymous: o.anonymous,
		Submit: a.submitter(o, t), Now: a.Now, NewID: result.NewID,
	}
}

func shortID(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

func (a *App) takeTUI(ctx context.Context, o *takeOptions, t *takeRun) error {
	l := a.Lang
	m := tui.New(tui.Options{Options: a.quizOptions(o, t), SaveReports: a.saveReports(t.bank), Glyphs: glyph.FromEnv(a.Getenv)})
	opts := []tea.ProgramOption{
		tea.WithContext(ctx), tea.WithInput(a.In), tea.WithOutput(a.Out), tea.WithEnvironment(a.environ()),
	}
	if a.Getenv("NO_COLOR") != "" {
		// no-color.org: any non-empty value turns colour off
		opts = append(opts, tea.WithColorProfile(colorprofile.Ascii))
	}
	_, err := tea.NewProgram(m, opts...).Run()
	if _, ok := m.Result(); ok {
		a.printSaved(m.SavedTo(), m.ReportsSaved())
		return nil
	}
	if err != nil && ctx.Err() == nil && !errors.Is(err, tea.ErrInterrupted) {
		return fmt.Errorf(l.T("终端界面出错：%w", "the terminal interface failed: %w"), err)
	}
	st := m.State()
	if st.Answered() == 0 {
		// nothing of this run was kept (progress is saved from the first
		// answer on); progress from an earlier run is left as it was
		fmt.Fprintln(a.Err, l.T("已退出，本次没有作答。", "Stopped; nothing was answered this time."))
		return errInterruptedSaid
	}
	fmt.Fprintln(a.Err, l.T(
		fmt.Sprintf("已答 %d/%d 题，进度保存在 %s。再次运行 tangping 即可接着作答。", st.Answered(), len(t.bank.Items), t.store.Path()),
		fmt.Sprintf("%d of %d answered; progress is saved in %s. Run tangping again to carry on.", st.Answered(), len(t.bank.Items), t.store.Path())))
	return errInterruptedSaid
}

func (a *App) printSaved(path string, reports []string) {
	fmt.Fprintln(a.Out, a.Lang.T("结果已保存到："+path, "The result is saved to: "+path))
	for _, r := range reports {
		fmt.Fprintln(a.Out, a.Lang.T("报告已保存到："+r, "Report saved to: "+r))
	}
	fmt.Fprintln(a.Out, a.Lang.T("查看完整报告：tangping report "+path, "Full report: tangping report "+path))
}

func (a *App) takeLines(ctx context.Context, o *takeOptions, t *takeRun) error {
	l := a.Lang
	q := a.quizOptions(o, t)
	q.Untimed = !isTerminal(a.In) // piped answers take no time
	_, path, err := linemode.Run(ctx, linemode.Options{Options: q, In: a.In, Out: a.Out})
	var eoi *linemode.EndOfInputError
	switch {
	case err == nil:
		fmt.Fprintln(a.Out, l.T("查看完整报告：tangping report "+path, "Full report: tangping report "+path))
		return nil
	case errors.As(err, &eoi):
		if eoi.Unsaved {
			return err // a runtime failure (a full disk), exit 1
		}
		return badInput(err)
	case errors.Is(err, linemode.ErrQuit), errors.Is(err, context.Canceled):
		return errInterrupted
	}
	return err
}

// isTerminal reports whether f is a terminal; a reader or writer that is
// not a file (a test's buffer) is not.
func isTerminal(f any) bool {
	fd, ok := f.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(fd.Fd())
}

// environ hands bubbletea the variables it reads from the injected
// environment rather than the process's: the colour settings, and what
// it uses to decide which terminal queries to send.
func (a *App) environ() []string {
	env := a.colorEnviron()
	for _, k := range []string{"TERM_PROGRAM", "SSH_TTY", "LANG", "LC_ALL", "LC_CTYPE"} {
		if v := a.Getenv(k); v != "" {
			env = append(env, k+"="+v)
		}
	}
	return env
}
