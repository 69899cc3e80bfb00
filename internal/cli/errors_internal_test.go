package cli

import (
	"errors"
	"fmt"
	"testing"
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
