package result

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
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

// WriteAtomic writes data to path through a temporary file in the same
// folder, fsynced and renamed into place, with mode 0600. It creates the
// folder (mode 0700) when it is missing. Results hold personal data.
func WriteAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("%s: %w", filepath.Dir(path), err)
	}
	return writeAtomic(path, data)
}
