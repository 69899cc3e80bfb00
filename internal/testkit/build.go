package testkit

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
)

// BinEnv names a tangping binary built beforehand (.ci/run builds one and
// passes it): end-to-end tests use it instead of building their own.
const BinEnv = "TANGPING_BIN"

// BuildTangping returns a tangping binary for end-to-end tests that drive
// it as a user would: $TANGPING_BIN when set, or else one built from this
// module's sources into a cache folder named after their content hash. The
// e2e packages of one `go test ./...` run share that build (the first to
// get the lock builds it, the others wait and reuse it), and a later run
// on unchanged sources builds nothing.
func BuildTangping() (string, error) {
	if bin := os.Getenv(BinEnv); bin != "" {
		if _, err := os.Stat(bin); err != nil {
			return "", fmt.Errorf("%s: %w", BinEnv, err)
		}
		return bin, nil
	}
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	sum, err := sourceHash(root)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(os.TempDir(), "tangping-e2e-bin")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	name := "tangping-" + sum[:16]
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	bin := filepath.Join(dir, name)
	unlock, err := lock(filepath.Join(dir, "lock"))
	if err != nil {
		return "", err
	}
	defer unlock()
	if _, err := os.Stat(bin); err == nil {
		now := time.Now()
		_ = os.Chtimes(bin, now, now) // its time is when it was last used
		return bin, nil
	}
	removeStale(dir, time.Now())
	f, err := os.CreateTemp(dir, name+"-*.tmp")
	if err != nil {
		return "", err
	}
	tmp := f.Name()
	f.Close()
	defer os.Remove(tmp)
	build := exec.Command("go", "build", "-o", tmp, "./cmd/tangping")
	build.Dir = root
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return "", fmt.Errorf("building tangping: %w", err)
	}
	return bin, os.Rename(tmp, bin)
}

// Cached binaries are tens of megabytes each and every change of the
// sources makes a new one (a day of work in several checkouts left
// 3.7 GB). One used in the last keepRecent may belong to tests running
// in another checkout and stays; of the others the keepCount most
// recently used stay, and none unused for keepAtMost.
const (
	keepRecent = time.Hour
	keepCount  = 8
	keepAtMost = 24 * time.Hour
)

// removeStale deletes the cached binaries that the rule above lets go.
func removeStale(dir string, now time.Time) {
	entries, _ := os.ReadDir(dir)
	type cached struct {
		name string
		used time.Time
	}
	var bins []cached
	for _, e := range entries {
		if info, err := e.Info(); err == nil && strings.HasPrefix(e.Name(), "tangping-") {
			bins = append(bins, cached{e.Name(), info.ModTime()})
		}
	}
	slices.SortFunc(bins, func(a, b cached) int { return b.used.Compare(a.used) })
	for i, b := range bins {
		idle := now.Sub(b.used)
		if idle > keepAtMost || (i >= keepCount && idle > keepRecent) {
			_ = os.Remove(filepath.Join(dir, b.name))
		}
	}
}

// RunWithBinary sets *bin to the tangping binary and runs the package's
// tests; end-to-end packages call it from TestMain.
func RunWithBinary(m interface{ Run() int }, bin *string) int {
	b, err := BuildTangping()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	*bin = b
	return m.Run()
}

// moduleRoot is the folder of go.mod above the working directory (a test
// runs in its package's folder).
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("testkit: no go.mod above the working directory")
		}
		dir = parent
	}
}

// sourceHash hashes what goes into the binary: go.mod, go.sum and every
// file under the module but tests, test data and hidden folders, with
// their paths, plus the Go version that builds it.
func sourceHash(root string) (string, error) {
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && !strings.HasSuffix(name, "_test.go") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	slices.Sort(files)
	h := sha256.New()
	fmt.Fprintln(h, runtime.Version(), os.Getenv("GOFLAGS"))
	for _, path := range files {
		rel, _ := filepath.Rel(root, path)
		fmt.Fprintf(h, "%s\x00", filepath.ToSlash(rel))
		f, err := os.Open(path)
		if err != nil {
			return "", err
		}
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return "", err
		}
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
