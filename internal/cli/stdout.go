package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/i18n"
)

// outWriter is the command's output with its first write error kept, so
// that a report, a bank listing or --help that could not be written (a
// full disk, /dev/full) is exit 1 with a message rather than exit 0 with
// nothing, whichever code path did the writing (docs/verification.md).
type outWriter interface {
	io.Writer
	writeErr() error
}

// trackWrites wraps w. A terminal stays a terminal to whoever asks (the
// TUI, colour detection): the wrapper of a file keeps its Fd, Read and
// Close, and nothing else that could write around it.
func trackWrites(w io.Writer) outWriter {
	if f, ok := w.(*os.File); ok {
		return &outFile{outAny: outAny{w: f}, f: f}
	}
	return &outAny{w: w}
}

type outAny struct {
	w   io.Writer
	err error
}

func (o *outAny) Write(p []byte) (int, error) {
	n, err := o.w.Write(p)
	if err != nil && o.err == nil {
		o.err = err
	}
	return n, err
}

func (o *outAny) writeErr() error { return o.err }

type outFile struct {
	outAny // writes to f
	f      *os.File
}

func (o *outFile) Read(p []byte) (int, error) { return o.f.Read(p) }
func (o *outFile) Close() error               { return o.f.Close() }
func (o *outFile) Fd() uintptr                { return o.f.Fd() }

// outputFailed is the error of a command whose output could not be
// written: a runtime failure, exit 1.
func outputFailed(l i18n.Lang, err error) error {
	why := err
	var pe *fs.PathError
	if errors.As(err, &pe) {
		why = pe.Err
	}
	return &exitError{code: ExitFailure, err: diag.Because(l.T(
		fmt.Sprintf("无法写入标准输出（%v），输出不完整。请检查磁盘空间，或用 -o 写到别处。", why),
		fmt.Sprintf("cannot write to standard output (%v); the output is incomplete. Check the free space, or write elsewhere with -o.", why)), err)}
}
