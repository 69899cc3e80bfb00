package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/i18n"
)

func TestSaveBeside(t *testing.T) {
	t.Parallel()
	r, b := fixture(t, "flagged")
	dir := t.TempDir()
	resPath := filepath.Join(dir, "2025-03-14-abcd.json")
	paths, err := SaveBeside(r, b, resPath, i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ name, starts string }{
		{"2025-03-14-abcd.md", "# 躺平式干部自查自测 · 个人报告"},
		{"2025-03-14-abcd.html", "<!DOCTYPE html>"},
		{"2025-03-14-abcd-outline.md", "# 对照检查材料（提纲草稿）"},
	}
	if len(paths) != len(want) {
		t.Fatalf("paths %v", paths)
	}
	for i, w := range want {
		if paths[i] != filepath.Join(dir, w.name) {
			t.Errorf("path %d = %s, want %s", i, paths[i], w.name)
		}
		data, err := os.ReadFile(paths[i])
		if err != nil || !strings.HasPrefix(string(data), w.starts) {
			t.Errorf("%s starts %.40q", w.name, data)
		}
		if fi, _ := os.Stat(paths[i]); fi.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", w.name, fi.Mode().Perm())
		}
	}
	// A folder that cannot be written: the error comes back, nothing is claimed.
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o500)
	if os.Geteuid() != 0 { // root writes anywhere
		if got, err := SaveBeside(r, b, filepath.Join(ro, "r.json"), i18n.ZH); err == nil || len(got) != 0 {
			t.Errorf("want an error and no paths, got %v %v", got, err)
		}
	}
}
