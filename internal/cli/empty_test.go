package cli_test

import (
	"os"
	"path/filepath"
	"testing"
)

// TestEmptyPaths: an empty path, as an unset shell variable gives, is a
// usage mistake. It used to mean the built-in bank (bank validate "" said
// "：题库有效"), standard output (--out "") or the default state directory.
func TestEmptyPaths(t *testing.T) {
	t.Parallel()
	answers := "../../questions/examples/answers.json"
	dir := t.TempDir()
	for _, args := range [][]string{
		{"bank", "validate", ""},
		{"bank", "show", " "},
		{"report", ""},
		{"compare", answers, ""},
		{"score", "--answers", ""},
		{"score", "--answers", answers, "--bank", ""},
		{"score", "--answers", answers, "--out", ""},
		{"group", dir, "-o", ""},
		{"group", dir, "--data", ""},
		{"group", dir, "--bank", answers, "--bank", ""},
		{"report", answers, "--banks", ""},
		{"take", "--bank", ""},
		{"serve", "--data", ""},
		{"serve", "export", "--data", "", dir},
	} {
		checkBadInput(t, runTangping(t, zhEnv, args...), "是空的")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("files written into %s: %v", filepath.Base(dir), entries)
	}
	r := runTangping(t, enEnv, "score", "--answers", answers, "--bank", "")
	checkBadInput(t, r, "error: --bank is empty: give a path")
}
