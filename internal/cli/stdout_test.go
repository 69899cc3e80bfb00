package cli_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/cli"
)

// TestFullOutputIsAFailure: bank show, bank validate and --help exited 0
// when their output could not be written (> /dev/full). Every command's
// failed write to standard output is now exit 1 with a message.
func TestFullOutputIsAFailure(t *testing.T) {
	t.Parallel()
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full here: %v", err)
	}
	defer full.Close()
	for _, args := range [][]string{
		{"bank", "show"},
		{"bank", "show", "--json"},
		{"bank", "validate", "../../questions/tangping-default.yaml"},
		{"--help"},
		{"report", "--help"},
		{"schema"},
		{"score", "--answers", exampleAnswers},
	} {
		var errOut bytes.Buffer
		app := &cli.App{In: strings.NewReader(""), Out: full, Err: &errOut,
			Getenv: func(k string) string { return zhEnv[k] }, Now: time.Now}
		code := app.Run(context.Background(), args)
		if code != 1 || !strings.Contains(errOut.String(), "无法写入标准输出") {
			t.Errorf("tangping %s > /dev/full: exit %d, stderr %q; want exit 1 saying so", strings.Join(args, " "), code, errOut.String())
		}
	}
}
