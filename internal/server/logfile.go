package server

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
)

// MaxLogBytes caps serve.log: past it the file becomes serve.log.1
// (replacing the previous one) and a new serve.log starts, so the log
// never takes more than twice this on disk, whatever a flood of
// connections writes. See docs/security.md.
const MaxLogBytes = 5 << 20

// Log is DIR/serve.log (mode 0600) with that cap.
type Log struct {
	path string
	max  int64

	mu   sync.Mutex
	f    *os.File
	size int64
}

// OpenLog opens dir's serve.log for appending, creating dir (0700) when
// missing.
func OpenLog(dir string) (*Log, error) {
	return openLog(filepath.Join(dir, LogFile), MaxLogBytes)
}

func openLog(path string, max int64) (*Log, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	l := &Log{path: path, max: max}
	return l, l.open()
}

func (l *Log) open() error {
	f, err := os.OpenFile(l.path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	fi, err := f.Stat()
	if err != nil {
		_ = f.Close()
		return err
	}
	l.f, l.size = f, fi.Size()
	return nil
}

// Write appends p, first starting a new file when p would pass the cap.
func (l *Log) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return 0, os.ErrClosed
	}
	if l.size > 0 && l.size+int64(len(p)) > l.max {
		if err := l.rotate(); err != nil {
			return 0, err
		}
	}
	if int64(len(p)) > l.max {
		p = p[:l.max] // one line longer than the cap: keep its start
	}
	n, err := l.f.Write(p)
	l.size += int64(n)
	return n, err
}

func (l *Log) rotate() error {
	if err := l.f.Close(); err != nil {
		return err
	}
	l.f = nil
	if err := os.Rename(l.path, l.path+".1"); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return l.open()
}

// Close closes the file.
func (l *Log) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}
