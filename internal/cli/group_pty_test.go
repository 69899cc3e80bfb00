//go:build unix

package cli_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/tangping-dev/tangping/internal/cli"
)

func TestGroupXLSXRefusesATerminal(t *testing.T) {
	t.Parallel()
	dir := groupFolder(t, 5, nil)
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skip("no pty:", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	var errOut bytes.Buffer
	app := &cli.App{In: strings.NewReader(""), Out: tty, Err: &errOut,
		Getenv: func(k string) string { return zhEnv[k] }, Now: time.Now}
	code := app.Run(context.Background(), []string{"group", dir, "--format", "xlsx"})
	if code != 2 || !strings.Contains(errOut.String(), "-o group.xlsx") {
		t.Errorf("xlsx to a terminal: exit %d, %q", code, errOut.String())
	}
}
