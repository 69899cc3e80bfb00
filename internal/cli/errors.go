package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/suggest"
)

// Exit codes (docs/architecture.md, "Errors and exit codes").
const (
	ExitOK          = 0
	ExitFailure     = 1
	ExitBadInput    = 2
	ExitInterrupted = 130
)

// exitError carries the exit code chosen where the error was understood.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// badInput marks err as bad usage or bad input: exit 2.
func badInput(err error) error {
	if err == nil {
		return nil
	}
	return &exitError{code: ExitBadInput, err: err}
}

// usagef is a bad-usage error with a message in the interface language.
func usagef(lang i18n.Lang, zh, en string, args ...any) error {
	return badInput(fmt.Errorf(lang.T(zh, en), args...))
}

// errInterrupted ends a command the user stopped; progress is kept.
var errInterrupted = errors.New("interrupted")

// errInterruptedSaid is errInterrupted for a command that has already
// told the person what became of their answers: exit 130, nothing more
// printed.
var errInterruptedSaid = fmt.Errorf("%w (already explained)", errInterrupted)

// exitCode maps an error to the process exit code in one place.
func exitCode(err error) int {
	var ee *exitError
	var de *diag.Error
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, errInterrupted), errors.Is(err, context.Canceled):
		return ExitInterrupted
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, new(*flagError)):
		return ExitBadInput
	case errors.As(err, &de):
		return ExitBadInput
	}
	return ExitFailure
}

// flagError is a command-line mistake pflag found: a flag unknown, a
// value missing or not of the flag's type. Its message is in the interface
// language, built from pflag's typed error, which it keeps.
type flagError struct {
	msg string
	cmd string // the command's path, for "run … --help"
	err error
}

func (e *flagError) Error() string { return e.msg }
func (e *flagError) Unwrap() error { return e.err }

// flagErrorFunc is the root command's FlagErrorFunc: every flag parsing
// error of every command passes through it, typed, so it is told apart
// here and never by its English text.
func flagErrorFunc(l i18n.Lang) func(*cobra.Command, error) error {
	return func(cmd *cobra.Command, err error) error {
		return &flagError{msg: flagMessage(l, cmd, err), cmd: cmd.CommandPath(), err: err}
	}
}

// flagMessage says what is wrong with cmd's command line; for an unknown
// flag, which of cmd's flags was probably meant.
func flagMessage(l i18n.Lang, cmd *cobra.Command, err error) string {
	var (
		notExist *pflag.NotExistError
		noValue  *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &notExist):
		if notExist.GetSpecifiedShortnames() != "" {
			f := "-" + notExist.GetSpecifiedName()[:1]
			return l.T("未知的短选项："+f, "unknown shorthand flag: "+f)
		}
		f := "--" + notExist.GetSpecifiedName()
		if s := closestFlag(cmd, notExist.GetSpecifiedName()); s != "" {
			return l.T("未知选项："+f+"。是不是想用 --"+s+"？", "unknown flag: "+f+". Did you mean --"+s+"?")
		}
		return l.T("未知选项："+f, "unknown flag: "+f)
	case errors.As(err, &noValue):
		f := "--" + noValue.GetSpecifiedName()
		if noValue.GetSpecifiedShortnames() != "" {
			f = "-" + noValue.GetSpecifiedName()[:1]
		}
		return l.T("选项 "+f+" 缺少取值。", "option "+f+" needs a value.")
	case errors.As(err, &invalid):
		flag, value := "--"+invalid.GetFlag().Name, strconv.Quote(invalid.GetValue())
		zh, en := valueWanted(invalid)
		return l.T(fmt.Sprintf("%s 的取值 %s 无效：%s。", flag, value, zh), fmt.Sprintf("%s: %s is not valid: %s.", flag, value, en))
	case errors.As(err, &syntax):
		f := syntax.GetSpecifiedFlag()
		return l.T("选项写法不对："+f, "bad flag syntax: "+f)
	}
	return err.Error()
}

// closestFlag is the name of cmd's shown flag (its own or inherited)
// nearest to name, or "" when none is a plausible typo of it.
func closestFlag(cmd *cobra.Command, name string) string {
	var names []string
	visit := func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	}
	cmd.LocalFlags().VisitAll(visit)
	cmd.InheritedFlags().VisitAll(visit)
	return suggest.Closest(name, names)
}

// valueWanted says what kind of value the flag takes, by its type.
func valueWanted(e *pflag.InvalidValueError) (zh, en string) {
	if errors.Is(e, strconv.ErrRange) {
		return "超出范围", "it is out of range"
	}
	switch t := e.GetFlag().Value.Type(); {
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"):
		return "应当是整数", "it must be a whole number"
	case strings.HasPrefix(t, "float"):
		return "应当是数字", "it must be a number"
	case t == "bool":
		return "应当是 true 或 false", "it must be true or false"
	case t == "duration":
		return "应当是时长，例如 30m、90s 或 1h", "it must be a duration such as 30m, 90s or 1h"
	}
	why := e.Unwrap().Error()
	return why, why
}

// printError writes an error for a person: every line prefixed, no stack
// trace, and a pointer to --help for usage mistakes.
func printError(w io.Writer, lang i18n.Lang, err error) {
	if errors.Is(err, errInterruptedSaid) {
		return
	}
	if errors.Is(err, errInterrupted) {
		fmt.Fprintln(w, lang.T("已中断。已作答的内容都已保存。", "Interrupted. Every answer given has been saved."))
		return
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(w, lang.T("已中断。", "Interrupted."))
		return
	}
	prefix := lang.T("错误：", "error: ")
	for line := range strings.SplitSeq(err.Error(), "\n") {
		fmt.Fprintln(w, prefix+diag.Printable(line))
	}
	if fe := (*flagError)(nil); errors.As(err, &fe) {
		path := cmp.Or(fe.cmd, "tangping")
		fmt.Fprintln(w, lang.T("运行 "+path+" --help 查看用法。", "Run "+path+" --help for usage."))
	}
}
