//go:build windows

package result

import (
	"os"
	"path/filepath"
)

// writeAtomic on Windows, where renameio has no pending files: a
// temporary file in the same folder, synced, then renamed over path
// (os.Rename replaces an existing file there). Access is governed by the
// folder's ACL; the user's profile folders are private by default.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
