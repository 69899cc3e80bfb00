//go:build !windows

package result

import "github.com/google/renameio/v2"

func writeAtomic(path string, data []byte) error {
	// Not renameio.WriteFile: it always copies the mode of a file it
	// replaces, so a result written over an 0644 file stayed readable by
	// all. WithStaticPermissions sets 0600 on the temporary file before any
	// byte is written, whatever the umask or the mode of a file replaced.
	t, err := renameio.NewPendingFile(path, renameio.WithPermissions(0o600), renameio.WithStaticPermissions(0o600))
	if err != nil {
		return err
	}
	defer t.Cleanup()
	if _, err := t.Write(data); err != nil {
		return err
	}
	return t.CloseAtomicallyReplace()
}
