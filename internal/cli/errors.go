package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/i18n"
)

// Exit codes (DESIGN.md).
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
	case errors.As(err, &de):
		return ExitBadInput
	case isFlagError(err):
		return ExitBadInput
	}
	return ExitFailure
}

// cobra and pflag report usage mistakes as plain errors; these prefixes
// are how they can be told apart.
var flagErrorPrefixes = []string{
	"flag needs an argument", "unknown flag", "unknown shorthand flag",
	"invalid argument", "unknown command", "bad flag syntax",
	"required flag", "if any flags in the group",
}

func isFlagError(err error) bool {
	s := err.Error()
	for _, p := range flagErrorPrefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// invalidArg matches pflag's message for a value that does not parse:
// invalid argument "abc" for "--min-group" flag: strconv.ParseInt: ….
var invalidArg = regexp.MustCompile(`^invalid argument (".*") for "(?:-., )?(--[^"]+)" flag: (.*)$`)

// missingShort matches pflag's "flag needs an argument: 'o' in -o".
var missingShort = regexp.MustCompile(`^flag needs an argument: '(.)' in -.+$`)

// invalidArgMessage says what kind of value a flag wants instead of
// showing Go's parser error.
func invalidArgMessage(lang i18n.Lang, s string) (string, bool) {
	m := invalidArg.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	value, flag, why := m[1], m[2], m[3]
	zh, en := "", ""
	switch {
	case strings.Contains(why, "value out of range"):
		zh, en = "超出范围", "it is out of range"
	case strings.Contains(why, "strconv.ParseInt"), strings.Contains(why, "strconv.ParseUint"):
		zh, en = "应当是整数", "it must be a whole number"
	case strings.Contains(why, "strconv.ParseFloat"):
		zh, en = "应当是数字", "it must be a number"
	case strings.Contains(why, "strconv.ParseBool"):
		zh, en = "应当是 true 或 false", "it must be true or false"
	case strings.HasPrefix(why, "time: "):
		zh, en = "应当是时长，例如 30m、90s 或 1h", "it must be a duration such as 30m, 90s or 1h"
	default:
		zh, en = why, why
	}
	return lang.T(fmt.Sprintf("%s 的取值 %s 无效：%s。", flag, value, zh), fmt.Sprintf("%s: %s is not valid: %s.", flag, value, en)), true
}

// translateFlagError puts cobra's English usage errors into Chinese.
func translateFlagError(lang i18n.Lang, err error) string {
	s := err.Error()
	if msg, ok := invalidArgMessage(lang, s); ok {
		return msg
	}
	if m := missingShort.FindStringSubmatch(s); m != nil {
		return lang.T("选项 -"+m[1]+" 缺少取值。", "option -"+m[1]+" needs a value.")
	}
	if lang == i18n.EN {
		return s
	}
	repl := []struct{ from, to string }{
		{"flag needs an argument: ", "选项缺少取值："},
		{"unknown shorthand flag: ", "未知的短选项："},
		{"unknown flag: ", "未知选项："},
		{"invalid argument ", "选项取值无效："},
		{"unknown command ", "未知命令 "},
		{"required flag(s) ", "缺少必需的选项 "},
		{" not set", ""},
		{" for \"", "（\""},
		{"Run '", "运行 '"},
		{"' for usage.", "' 查看用法。"},
	}
	for _, r := range repl {
		s = strings.ReplaceAll(s, r.from, r.to)
	}
	return s
}

// printError writes an error for a person: every line prefixed, no stack
// trace, and a pointer to --help for usage mistakes.
func printError(w io.Writer, lang i18n.Lang, err error) {
	if errors.Is(err, errInterrupted) {
		fmt.Fprintln(w, lang.T("已中断。已作答的内容都已保存。", "Interrupted. Every answer given has been saved."))
		return
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(w, lang.T("已中断。", "Interrupted."))
		return
	}
	prefix := lang.T("错误：", "error: ")
	msg := err.Error()
	if isFlagError(err) {
		msg = translateFlagError(lang, err)
	}
	for _, line := range strings.Split(msg, "\n") {
		fmt.Fprintln(w, prefix+diag.Printable(line))
	}
	if isFlagError(err) {
		fmt.Fprintln(w, lang.T("运行 tangping --help 查看用法。", "Run tangping --help for usage."))
	}
}
