package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestFileNamesCannotDriveTheTerminal: a file name holding an escape
// sequence (anyone can name a file in a shared folder) is shown as
// \x1b…, in error messages and in the group report, never sent raw to
// the trainer's terminal.
func TestFileNamesCannotDriveTheTerminal(t *testing.T) {
	t.Parallel()
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

// TestResultStringsCannotDriveTheTerminal: a name, unit or role in a
// result (which verification cannot recompute) holding an escape sequence
// went raw into report --format md, the outline and compare. Every text
// format now shows it as \x1b….
func TestResultStringsCannotDriveTheTerminal(t *testing.T) {
	t.Parallel()
	res := scoredResult(t, reportAnswers)
	esc := "x\x1b]52;c;aGk=\x07\x1b[31mred"
	p := editJSON(t, res, "esc.json", func(m map[string]any) {
		m["respondent"] = map[string]any{"anonymous": false, "name": esc, "unit": esc, "role": esc}
	})
	other := scoredResult(t, "../report/testdata/answers-after.json")
	for _, args := range [][]string{
		{"report", p, "--format", "md"},
		{"report", p, "--format", "html"},
		{"report", p, "--format", "text"},
		{"report", p, "--outline"},
		{"report", p, "--outline", "--format", "html"},
		{"compare", p, other, "--force", "--format", "md"},
	} {
		r := runTangping(t, zhEnv, args...)
		if r.code != 0 {
			t.Errorf("%v: exit %d %s", args, r.code, r.errOut)
		}
		if strings.ContainsAny(r.out, "\x1b\x07") {
			t.Errorf("%v: raw control characters in the output", args)
		}
	}
	r := runTangping(t, zhEnv, "report", p, "--format", "text")
	if !strings.Contains(r.out, `x\x1b]52;c;aGk=\x07\x1b[31mred`) {
		t.Errorf("the name is not shown escaped:\n%.400s", r.out)
	}
}

// TestOneLongWordWrapsInLinearTime: wrapping one long word was quadratic
// (a 1 MB name took over a minute). A 300 KB one must take well under the
// deadline, on a loaded machine too.
func TestOneLongWordWrapsInLinearTime(t *testing.T) {
	t.Parallel()
	res := scoredResult(t, reportAnswers)
	p := editJSON(t, res, "long.json", func(m map[string]any) {
		m["respondent"] = map[string]any{"anonymous": false, "name": strings.Repeat("x", 300_000), "unit": strings.Repeat("局", 100_000), "role": ""}
	})
	start := time.Now()
	for _, args := range [][]string{{"report", p}, {"report", p, "--outline", "--format", "text"}} {
		if r := runTangping(t, zhEnv, args...); r.code != 0 {
			t.Fatalf("%v: exit %d %s", args, r.code, r.errOut)
		}
	}
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("took %v", took)
	}
}
