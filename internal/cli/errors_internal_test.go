package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
	"testing"

	"github.com/tangping-dev/tangping/internal/i18n"
)

// Usage errors are told by their type, never by their text: a runtime
// failure whose message happens to read like one of cobra's or pflag's
// (a library's "invalid argument", a file named "unknown flag") is still
// a runtime failure, exit 1, and is shown as it is.
func TestUsageErrorsAreTypedNotMatched(t *testing.T) {
	t.Parallel()
	for _, text := range []string{"invalid argument \"x\" for \"--y\" flag: z", "unknown flag: --nope", "unknown command \"a\" for \"b\"", "flag needs an argument: --o"} {
		err := fmt.Errorf("reading the database: %w", errors.New(text))
		if got := exitCode(fmt.Errorf("%s", text)); got != ExitFailure {
			t.Errorf("%q alone: exit %d, want %d", text, got, ExitFailure)
		}
		if got := exitCode(err); got != ExitFailure {
			t.Errorf("%q wrapped: exit %d, want %d", text, got, ExitFailure)
		}
	}
	if got := exitCode(&flagError{msg: "未知选项：--nope"}); got != ExitBadInput {
		t.Errorf("a flag error: exit %d, want %d", got, ExitBadInput)
	}
}

// TestOutputFailureKeepsItsCause: a failed write to standard output says
// why in the person's words and still lets errors.Is see the disk being
// full behind it (the cause was once formatted into the text and lost).
func TestOutputFailureKeepsItsCause(t *testing.T) {
	t.Parallel()
	err := outputFailed(i18n.EN, &fs.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.ENOSPC})
	if !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("errors.Is(%v, ENOSPC) = false", err)
	}
	if got := exitCode(err); got != ExitFailure {
		t.Errorf("exit %d, want %d", got, ExitFailure)
	}
	if !strings.Contains(err.Error(), "no space left on device") || strings.Contains(err.Error(), "/dev/stdout") {
		t.Errorf("message %q: want the reason without the path", err)
	}
}
