package cli_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/cli"
)

// exampleAnswers is the example answers file shipped for newcomers, from
// this package's folder.
const exampleAnswers = "../../questions/examples/answers.json"

type cliRun struct {
	code        int
	out, errOut string
}

// runTangping runs tangping in-process with env as its whole environment
// and a fixed clock, and returns the exit code and both streams.
func runTangping(t *testing.T, env map[string]string, args ...string) cliRun {
	t.Helper()
	return runTangpingIn(t, "", env, args...)
}

// runTangpingIn is runTangping with stdin as the app's input.
func runTangpingIn(t *testing.T, stdin string, env map[string]string, args ...string) cliRun {
	t.Helper()
	var out, errOut bytes.Buffer
	app := &cli.App{
		In:     strings.NewReader(stdin),
		Out:    &out,
		Err:    &errOut,
		Getenv: func(k string) string { return env[k] },
		Now:    func() time.Time { return time.Date(2026, 5, 1, 10, 0, 0, 0, time.FixedZone("CST", 8*3600)) },
	}
	code := app.Run(context.Background(), args)
	r := cliRun{code: code, out: out.String(), errOut: errOut.String()}
	for _, bad := range []string{"goroutine", "panic", "runtime error", ".go:"} {
		if strings.Contains(r.out+r.errOut, bad) {
			t.Errorf("tangping %s printed %q:\n%s%s", strings.Join(args, " "), bad, r.out, r.errOut)
		}
	}
	return r
}

var (
	zhEnv = map[string]string{"LANG": "zh_CN.UTF-8"}
	enEnv = map[string]string{"LANG": "en_US.UTF-8"}
)
