// Package collect finds and reads the result files a group report is made
// of: it expands the command line's files, directories and globs into a
// stream of paths in a fixed order, decodes them in parallel through the
// result reader, and hands them on in that same order, so that the report
// never depends on which worker finished first.
package collect

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// Func receives each file in order: its result, or the error that made it
// unusable. Returning an error stops the reading.
type Func func(path string, r *result.Result, err error) error

// Roots checks the command line's paths before anything is read, so that
// a mistyped path fails at once. Globs are expanded here (for shells that
// don't); a directory stays a directory, to be walked lazily.
func Roots(args []string, lang i18n.Lang) ([]string, error) {
	var out []string
	for _, a := range args {
		if _, err := os.Lstat(a); err == nil {
			out = append(out, a)
			continue
		}
		if !strings.ContainsAny(a, "*?[") {
			return nil, diag.New(a, lang.T("找不到这个文件或目录。请检查路径。", "no such file or directory. Check the path."))
		}
		m, err := filepath.Glob(a)
		if err != nil {
			return nil, diag.Wrap(a, lang.T("通配符写得不对："+err.Error(), "bad wildcard pattern: "+err.Error()), err)
		}
		if len(m) == 0 {
			return nil, diag.New(a, lang.T("没有文件与这个通配符匹配。", "no file matches this pattern."))
		}
		out = append(out, m...)
	}
	return out, nil
}

// Walk calls yield for every file under roots: a file root as given, a
// directory searched recursively for *.json in name order. A directory
// that cannot be read is yielded with its error rather than stopping the
// walk. Symbolic links to directories are not followed, so a link cycle
// cannot trap the walk.
func Walk(ctx context.Context, roots []string, yield func(path string, err error) error) error {
	for _, root := range roots {
		st, err := os.Stat(root)
		if err != nil || !st.IsDir() {
			if err := yield(root, nil); err != nil {
				return err
			}
			continue
		}
		if lst, err := os.Lstat(root); err == nil && lst.Mode()&fs.ModeSymlink != 0 {
			// WalkDir does not follow a symlinked root; a trailing
			// separator makes it read the directory the link names.
			root += string(filepath.Separator)
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if err != nil {
				if yerr := yield(p, err); yerr != nil {
					return yerr
				}
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || !strings.EqualFold(filepath.Ext(p), ".json") {
				return nil
			}
			return yield(p, nil)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// Options of Read.
type Options struct {
	Lang i18n.Lang
	// Workers decode in parallel; 0 means one per CPU.
	Workers int
	// Read reads one result file; nil means result.Read. The CLI reads
	// through verification here (docs/verification.md). It is called
	// from several goroutines at once.
	Read func(path string) (*result.Result, error)
}

// Read reads every result file under roots and calls fn for each, in walk
// order. Files are decoded by a bounded pool of workers, handed out in
// batches so that threads wake for every few dozen files rather than for
// every one (docs/performance.md); at most a few batches of decoded
// results wait for their turn, so memory does not grow with the number of
// files.
func Read(ctx context.Context, roots []string, o Options, fn Func) error {
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	read := o.Read
	if read == nil {
		read = func(path string) (*result.Result, error) { return result.Read(path, o.Lang) }
	}
	window := workers * 4 // batches in flight or waiting
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type file struct {
		path string
		r    *result.Result
		err  error // the walk's, or the read's
	}
	type batch struct {
		seq   int
		files []file
	}
	jobs := make(chan batch)
	dones := make(chan batch, window)
	slots := make(chan struct{}, window) // bounds batches in flight or waiting

	var walkErr error
	go func() {
		defer close(jobs)
		seq := 0
		var cur []file
		send := func() error {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case jobs <- batch{seq, cur}:
				seq++
				cur = nil
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		walkErr = Walk(ctx, roots, func(p string, err error) error {
			cur = append(cur, file{path: p, err: err})
			if len(cur) == batchSize {
				return send()
			}
			return nil
		})
		if walkErr == nil && len(cur) > 0 {
			walkErr = send()
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for b := range jobs {
				for i := range b.files {
					f := &b.files[i]
					if f.err == nil {
						f.r, f.err = read(f.path)
					}
				}
				dones <- b
			}
		})
	}
	go func() { wg.Wait(); close(dones) }()

	pending := map[int]batch{}
	next := 0
	var stop error
	for b := range dones {
		if stop != nil {
			continue // drain so the workers can finish
		}
		pending[b.seq] = b
		for stop == nil {
			x, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-slots
			for _, f := range x.files {
				if err := fn(f.path, f.r, f.err); err != nil {
					stop = err
					cancel()
					break
				}
			}
		}
	}
	if stop != nil {
		return stop
	}
	if walkErr != nil && !errors.Is(walkErr, context.Canceled) {
		return walkErr
	}
	return ctx.Err()
}

// batchSize is how many files a worker takes at a time.
const batchSize = 32

// Reason turns a reading error into the one-line reason a skipped file is
// listed with: the problems without the file name, which is listed beside
// it anyway.
func Reason(err error) string {
	var de *diag.Error
	if !errors.As(err, &de) {
		return err.Error()
	}
	parts := make([]string, len(de.Problems))
	for i, p := range de.Problems {
		if p.Line > 0 {
			parts[i] = fmt.Sprintf("%d:%d: %s", p.Line, p.Col, p.Msg)
		} else {
			parts[i] = p.Msg
		}
	}
	return strings.Join(parts, "; ")
}
