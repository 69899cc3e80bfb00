package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFileNamesCannotDriveTheTerminal: a file name holding an escape
// sequence (anyone can name a file in a shared folder) is shown as
// \x1b…, in error messages and in the group report, never sent raw to
// the trainer's terminal.
func TestFileNamesCannotDriveTheTerminal(t *testing.T) {
	dir := t.TempDir()
	name := "x\x1b]52;c;aGk=\x07\x1b[31m.json" // set the clipboard, turn red
	if err := os.WriteFile(filepath.Join(dir, name), []byte("{"), 0o600); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	shown := `x\x1b]52;c;aGk=\x07\x1b[31m.json`
	runs := map[string]cliRun{
		"report":         runTangping(t, zhEnv, "report", filepath.Join(dir, name)),
		"group --strict": runTangping(t, zhEnv, "group", dir, "--strict"),
		"group":          runTangping(t, zhEnv, "group", dir, "--format", "md"),
		"group json":     runTangping(t, zhEnv, "group", dir, "--format", "json"),
	}
	for what, r := range runs {
		all := r.out + r.errOut
		if strings.ContainsAny(all, "\x1b\x07") {
			t.Errorf("%s: raw control characters in the output: %q", what, all)
		}
		if what != "group json" && !strings.Contains(all, shown) {
			t.Errorf("%s: the file is not named as %s: %q", what, shown, all)
		}
	}
}
