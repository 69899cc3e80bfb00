//go:build unix

package cli

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// lockDataDir takes an exclusive lock on DIR/serve.lock for as long as
// this process serves, so that a second tangping serve on the same data
// directory (another port, another terminal) is refused instead of
// sharing the database: each would show its own session code and its own
// counts, and a participant could answer in both at once. The lock goes
// with the process, however it ends. busy is true when another process
// holds it.
func lockDataDir(dir string) (release func(), busy bool, err error) {
	f, err := os.OpenFile(filepath.Join(dir, "serve.lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, false, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, true, nil
		}
		return nil, false, err
	}
	return func() { f.Close() }, false, nil
}
