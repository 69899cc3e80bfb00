package testkit

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// BuildTangping builds the tangping binary into a new temporary folder,
// for end-to-end tests that drive it as a user would. cleanup removes
// the folder.
func BuildTangping() (bin string, cleanup func(), err error) {
	dir, err := os.MkdirTemp("", "tangping-e2e-")
	if err != nil {
		return "", nil, err
	}
	cleanup = func() { _ = os.RemoveAll(dir) }
	bin = filepath.Join(dir, "tangping")
	build := exec.Command("go", "build", "-o", bin, "github.com/tangping-dev/tangping/cmd/tangping")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("building tangping: %w", err)
	}
	return bin, cleanup, nil
}

// RunWithBinary builds tangping into *bin, runs the package's tests and
// removes the binary; end-to-end packages call it from TestMain.
func RunWithBinary(m interface{ Run() int }, bin *string) int {
	b, cleanup, err := BuildTangping()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer cleanup()
	*bin = b
	return m.Run()
}
