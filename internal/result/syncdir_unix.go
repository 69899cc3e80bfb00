//go:build unix

package result

import (
	"errors"
	"os"
	"syscall"
)

// syncDir fsyncs a folder, so that a rename in it is on disk. File systems
// that cannot sync a folder say EINVAL; there is nothing more to do then.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) {
		return nil
	}
	return err
}
