//go:build !unix && !windows

package lockfile

import "os"

func tryLock(*os.File) (bool, error) { return false, ErrUnsupported }
