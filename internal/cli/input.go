package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/group/collect"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/verify"
)

// readInput reads an input file named on the command line: a regular file
// (never a FIFO or a device, which could wait for ever), or the app's
// input stream for "-". Waiting on that stream ends at once when ctx is
// cancelled (Ctrl+C, SIGTERM). name is how messages call the input.
func (a *App) readInput(ctx context.Context, path string, limit int64) (name string, data []byte, err error) {
	if path == "-" {
		if isTerminal(a.In) {
			// Nothing was piped in: without a word the command would
			// seem to hang.
			fmt.Fprintln(a.Err, a.Lang.T("正在从键盘读取：粘贴内容后按 Ctrl+D 结束，按 Ctrl+C 取消。",
				"Reading from the keyboard: paste the content, then press Ctrl+D; Ctrl+C stops."))
		}
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

// readResultFiles reads the result files that args name (files, folders,
// wildcards) through v, in a fixed order, and hands each to add, or to
// skip with the error when it cannot be used. A file that is out, the
// command's output, stops everything: the output must not replace one of
// its inputs. Finding no .json file at all is bad usage.
func (a *App) readResultFiles(ctx context.Context, args []string, v *verify.Verifier, out *output,
	add func(path string, r *result.Result), skip func(path string, err error)) error {
	roots, err := collect.Roots(args, a.Lang)
	if err != nil {
		return badInput(err)
	}
	// The workers read into lent buffers, reused from file to file: a
	// decoded result keeps none of the bytes it was read from.
	var bufs diag.Buffers
	read := func(path string) (r *result.Result, err error) {
		err = bufs.ReadRegular(path, result.MaxFileSize, a.Lang, func(data []byte, fi fs.FileInfo) error {
			if out.is(fi) {
				return a.overwriteErr(out.path, path)
			}
			r, _, err = v.Decode(path, data)
			return err
		})
		return r, err
	}
	files := 0
	err = collect.Read(ctx, roots, collect.Options{Lang: a.Lang, Read: read}, func(path string, r *result.Result, err error) error {
		files++
		var ee *exitError
		switch {
		case errors.As(err, &ee):
			return err // the output is one of the inputs
		case err != nil:
			skip(path, err)
		default:
			add(path, r)
		}
		return nil
	})
	if err != nil {
		return err // context.Canceled: interrupted, exit 130
	}
	if files == 0 {
		return usagef(a.Lang, "在 %s 中没有找到 .json 文件。", "no .json files found in %s.", strings.Join(args, ", "))
	}
	return nil
}
