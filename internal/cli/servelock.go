package cli

import (
	"errors"
	"path/filepath"
	"time"

	"github.com/tangping-dev/tangping/internal/lockfile"
)

// lockDataDir takes an exclusive lock on DIR/serve.lock for as long as
// this process serves, so that a second tangping serve on the same data
// directory (another port, another terminal) is refused instead of
// sharing the database: each would show its own session code and its own
// counts, and a participant could answer in both at once. The lock goes
// with the process, however it ends. busy is true when another process
// holds it.
func lockDataDir(dir string) (release func(), busy bool, err error) {
	l, err := lockfile.Acquire(filepath.Join(dir, "serve.lock"), time.Now())
	var be *lockfile.BusyError
	switch {
	case errors.As(err, &be):
		return nil, true, nil
	case errors.Is(err, lockfile.ErrUnsupported):
		return func() {}, false, nil
	case err != nil:
		return nil, false, err
	}
	return l.Release, false, nil
}
