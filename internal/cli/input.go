package cli

import (
	"context"
	"errors"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/verify"
)

// readInput reads an input file named on the command line: a regular file
// (never a FIFO or a device, which could wait for ever), or the app's
// input stream for "-". Waiting on that stream ends at once when ctx is
// cancelled (Ctrl+C, SIGTERM). name is how messages call the input.
func (a *App) readInput(ctx context.Context, path string, limit int64) (name string, data []byte, err error) {
	if path == "-" {
		data, err = diag.ReadFrom(ctx, a.In, diag.Stdin, limit, a.Lang)
		return diag.Stdin, data, inputErr(err)
	}
	data, err = diag.ReadFile(path, limit, a.Lang)
	return path, data, inputErr(err)
}

// inputErr: a file that cannot be read is bad input (exit 2); an
// interrupted wait is exit 130.
func inputErr(err error) error {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return badInput(err)
}

// readResult reads and verifies the result at path ("-" for the app's
// input). The bank is nil when the result is read --unverified.
func (a *App) readResult(ctx context.Context, v *verify.Verifier, path string) (*result.Result, *bank.Bank, error) {
	name, data, err := a.readInput(ctx, path, result.MaxFileSize)
	if err != nil {
		return nil, nil, err
	}
	r, b, err := v.Decode(name, data)
	return r, b, inputErr(err)
}
