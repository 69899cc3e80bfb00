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
