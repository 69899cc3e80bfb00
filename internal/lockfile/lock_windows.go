//go:build windows

package lockfile

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// tryLock locks one byte far beyond the holder note, so that a refused
// process can still read the note (Windows locks are mandatory).
func tryLock(f *os.File) (busy bool, err error) {
	ol := new(windows.Overlapped)
	ol.OffsetHigh = 0x7fffffff
	err = windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return true, nil
	}
	return false, err
}
