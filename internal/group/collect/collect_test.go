package collect

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}

func walked(t *testing.T, roots ...string) []string {
	t.Helper()
	var got []string
	err := Walk(context.Background(), roots, func(p string, err error) error {
		got = append(got, filepath.ToSlash(p))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestWalkFindsJSONRecursivelyInNameOrder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, f := range []string{"b.json", "a.json", "notes.txt", "sub/c.JSON", "sub/deeper/d.json"} {
		write(t, filepath.Join(dir, f), "{}")
	}
	if err := os.Symlink(filepath.Join(dir, "sub"), filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(walked(t, dir), " ")
	want := strings.Join([]string{dir + "/a.json", dir + "/b.json", dir + "/sub/c.JSON", dir + "/sub/deeper/d.json"}, " ")
	if got != filepath.ToSlash(want) {
		t.Errorf("walk = %s\nwant   %s", got, want)
	}
	// A file named on the command line is read whatever its name; a
	// symlink to a folder given as a root is followed.
	got = strings.Join(walked(t, filepath.Join(dir, "notes.txt"), filepath.Join(dir, "link")), " ")
	if !strings.HasSuffix(got, "notes.txt "+filepath.ToSlash(dir)+"/link/c.JSON "+filepath.ToSlash(dir)+"/link/deeper/d.json") {
		t.Errorf("walk = %s", got)
	}
}

func TestRootsExpandsGlobsAndRejectsMissingPaths(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "x1.json"), "{}")
	write(t, filepath.Join(dir, "x2.json"), "{}")
	roots, err := Roots([]string{filepath.Join(dir, "x*.json"), dir}, i18n.ZH)
	if err != nil || len(roots) != 3 || !strings.HasSuffix(roots[0], "x1.json") || roots[2] != dir {
		t.Errorf("roots = %v, %v", roots, err)
	}
	for arg, want := range map[string]string{
		filepath.Join(dir, "nope.json"): "找不到这个文件或目录",
		filepath.Join(dir, "y*.json"):   "没有文件与这个通配符匹配",
		filepath.Join(dir, "[x.json"):   "通配符写得不对",
	} {
		if _, err := Roots([]string{arg}, i18n.ZH); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Roots(%s) = %v, want %q", arg, err, want)
		}
	}
}

func TestReadKeepsOrderAndStopsCleanly(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for i := range 300 {
		write(t, filepath.Join(dir, fmt.Sprintf("f%03d.json", i)), "not json")
	}
	var got []string
	err := Read(context.Background(), []string{dir}, Options{Lang: i18n.EN, Workers: 5}, func(p string, r *result.Result, err error) error {
		if r != nil || err == nil {
			t.Errorf("%s decoded as a result", p)
		}
		got = append(got, filepath.Base(p))
		return nil
	})
	if err != nil || len(got) != 300 {
		t.Fatalf("read %d files, err %v", len(got), err)
	}
	for i, g := range got {
		if g != fmt.Sprintf("f%03d.json", i) {
			t.Fatalf("file %d is %s: order lost", i, g)
		}
	}
	stop := errors.New("enough")
	n := 0
	err = Read(context.Background(), []string{dir}, Options{Workers: 3}, func(string, *result.Result, error) error {
		n++
		if n == 10 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 10 {
		t.Errorf("stopping after 10: err %v after %d files", err, n)
	}
}

func TestReasonDropsTheFileName(t *testing.T) {
	t.Parallel()
	_, err := result.Decode("x.json", []byte(`{"schema_version": 1, "id": "a`), i18n.EN)
	if got := Reason(err); strings.Contains(got, "x.json") || !strings.Contains(got, "1:") {
		t.Errorf("reason = %q", got)
	}
	if got := Reason(errors.New("plain")); got != "plain" {
		t.Errorf("reason = %q", got)
	}
}
