// Package lockfile gives a process an exclusive lock on a file for as
// long as it runs: flock on Unix, LockFileEx on Windows. The system drops
// the lock when the process ends however it ends (kill -9 included), so a
// lock is never left stale. The holder writes who it is into the file, so
// that a process refused the lock can say which one holds it.
package lockfile

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"time"
)

// Holder is who holds a lock, as the holder wrote it.
type Holder struct {
	PID     int       `json:"pid"`
	Started time.Time `json:"started"`
}

// Lock is a held lock.
type Lock struct{ f *os.File }

// BusyError says that another process holds the lock. Holder is what it
// wrote, or the zero Holder when that could not be read.
type BusyError struct {
	Path   string
	Holder Holder
}

func (e *BusyError) Error() string { return e.Path + ": locked by another process" }

// ErrUnsupported: the platform has no file locks (neither Unix nor
// Windows); callers go on without one.
var ErrUnsupported = errors.New("file locks are not supported here")

// Acquire takes the lock on path without waiting, creating the file with
// mode 0600 when it is missing. It returns a *BusyError when another
// process holds it. started is when this process started, for the holder
// note.
func Acquire(path string, started time.Time) (*Lock, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	busy, err := tryLock(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	if busy {
		e := &BusyError{Path: path}
		data, _ := io.ReadAll(io.LimitReader(f, 4096))
		_ = json.Unmarshal(data, &e.Holder)
		f.Close()
		return nil, e
	}
	note, _ := json.Marshal(Holder{PID: os.Getpid(), Started: started})
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt(append(note, '\n'), 0)
	}
	return &Lock{f: f}, nil
}

// Release drops the lock. The file stays: removing it would let a third
// process lock a new file while a second still waits on the old one.
func (l *Lock) Release() {
	if l != nil && l.f != nil {
		_ = l.f.Close()
		l.f = nil
	}
}
