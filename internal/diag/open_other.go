//go:build !unix

package diag

import "os"

// openNonBlocking opens path for reading. Where there are no FIFOs in the
// file system, a plain open does not block.
func openNonBlocking(path string) (*os.File, error) {
	return os.Open(path)
}
