package result

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Encode returns the result as indented JSON with a final newline.
func Encode(r *Result) ([]byte, error) {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// WriteFile writes the result to path atomically with mode 0600: a reader
// sees the old file or the whole new one, never half of it.
func WriteFile(path string, r *Result) error {
	data, err := Encode(r)
	if err != nil {
		return err
	}
	return WriteAtomic(path, data)
}

// TempSuffix ends the name of an atomic write's temporary file:
// ".NAME.RANDOM.tangping-tmp", always in the target's own folder.
const TempSuffix = ".tangping-tmp"

// WriteAtomic writes data to path through a temporary file in the same
// folder (never $TMPDIR: a killed write must not leave personal data
// outside a private folder), created with mode 0600, fsynced and renamed
// into place; then the folder is fsynced, so that the new name survives a
// power cut before anything that depends on it happens (docs/
// verification.md). It creates the folder (mode 0700) when it is missing.
// Results hold personal data.
func WriteAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	name := filepath.Base(path)
	if len(name) > 100 {
		name = name[:100] // room for the random part within NAME_MAX
	}
	f, err := os.CreateTemp(dir, "."+name+".*"+TempSuffix) // mode 0600
	if err != nil {
		return err
	}
	tmp := f.Name()
	// CreateTemp's 0600 is already private; say it anyway, whatever the
	// platform's defaults.
	err = f.Chmod(0o600)
	if errors.Is(err, errors.ErrUnsupported) {
		err = nil
	}
	if err == nil {
		_, err = f.Write(data)
	}
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
		_ = os.Remove(tmp)
		return err
	}
	return syncDir(dir)
}

// CleanTemp removes the temporary files that writes killed half-way left
// in dir (a kill -9 between create and rename), and returns their names.
// Call it only where no other process may be writing: tangping take does
// under its lock on the state folder.
func CleanTemp(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, e := range entries {
		n := e.Name()
		if e.Type().IsRegular() && strings.HasPrefix(n, ".") && strings.HasSuffix(n, TempSuffix) {
			p := filepath.Join(dir, n)
			if err := os.Remove(p); err != nil {
				return removed, err
			}
			removed = append(removed, p)
		}
	}
	return removed, nil
}
