// Package smoke runs one already built tangping binary — a release build
// for another architecture under qemu-user, the installed .deb, the
// Windows build under wine — through what a cadre and a trainer do with
// it: score, report, group, the line mode and a short serve session. Every
// result the binary writes is verified here, natively, against the bank:
// an architecture that computes a figure differently fails.
//
// It needs TANGPING_SMOKE_BIN (the binary's absolute path) and, for an emulator,
// TANGPING_SMOKE_EXEC (e.g. qemu-loongarch64-static); without them it
// skips. .ci/run sets them (docs/install.md).
package smoke

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/cli"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/sshsim"
	"github.com/tangping-dev/tangping/internal/verify"
)

// binary is the command line that runs tangping: the emulator, if any,
// then the binary.
func binary(t *testing.T) []string {
	t.Helper()
	bin := os.Getenv("TANGPING_SMOKE_BIN")
	if bin == "" {
		t.Skip("TANGPING_SMOKE_BIN is not set: the smoke tests drive a built binary; .ci/run runs them")
	}
	if !filepath.IsAbs(bin) { // go test runs in the package's folder
		t.Fatalf("TANGPING_SMOKE_BIN=%s: give an absolute path", bin)
	}
	return append(strings.Fields(os.Getenv("TANGPING_SMOKE_EXEC")), bin)
}

// command is tangping with args, run in dir with a private home.
func command(t *testing.T, dir string, args ...string) *exec.Cmd {
	t.Helper()
	argv := append(binary(t), args...)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Env = []string{"HOME=" + dir, "XDG_STATE_HOME=" + filepath.Join(dir, "state"),
		"PATH=" + os.Getenv("PATH"), "LANG=zh_CN.UTF-8", "TERM=dumb"}
	for _, k := range []string{"WINEPREFIX", "WINEDEBUG"} { // wine keeps its prefix
		if v, ok := os.LookupEnv(k); ok {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
	}
	return cmd
}

// tangping runs tangping in dir to the end and returns its output; it
// fails the test on an exit code other than 0 or on a panic.
func tangping(t *testing.T, dir, stdin string, args ...string) string {
	t.Helper()
	cmd := command(t, dir, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if err != nil || strings.Contains(errOut.String(), "goroutine ") {
		t.Fatalf("tangping %s: %v\n%s%s", strings.Join(args, " "), err, out.String(), errOut.String())
	}
	return out.String()
}

func defaultBank(t *testing.T) *bank.Bank {
	t.Helper()
	b, err := bank.Default(i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// answers writes an answers file for the default bank with answer
// (i*step+seed)%5 to item i, and returns what it wrote.
func answers(t *testing.T, path string, seed, step int) map[string]int {
	t.Helper()
	a := map[string]int{}
	for i, it := range defaultBank(t).Items {
		a[it.ID] = (i*step + seed) % 5
	}
	data, err := json.Marshal(map[string]any{"bank": defaultBank(t).ID, "lang": "zh", "answers": a})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return a
}

// verified reads a result the binary wrote and recomputes every figure in
// it natively; it must hold exactly the answers given.
func verified(t *testing.T, path string, want map[string]int) *result.Result {
	t.Helper()
	v := verify.Verifier{Banks: bank.NewRegistry(i18n.ZH), Lang: i18n.ZH}
	r, _, err := v.Read(path)
	if err != nil {
		t.Fatalf("the result written under emulation does not verify natively: %v", err)
	}
	if got := r.AnswerMap(); !maps.Equal(got, want) {
		t.Errorf("%s holds answers %v, want %v", path, got, want)
	}
	return r
}

func TestVersion(t *testing.T) {
	t.Parallel()
	out := tangping(t, t.TempDir(), "", "--version")
	if !strings.HasPrefix(out, "tangping version ") || !strings.Contains(out, os.Getenv("TANGPING_SMOKE_VERSION")) {
		t.Errorf("--version printed %q, want the version %q", out, os.Getenv("TANGPING_SMOKE_VERSION"))
	}
}

func TestScoreThenHTMLReport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	want := answers(t, filepath.Join(dir, "answers.json"), 1, 3)
	tangping(t, dir, "", "score", "--answers", "answers.json", "-o", "result.json")
	verified(t, filepath.Join(dir, "result.json"), want)
	tangping(t, dir, "", "report", "result.json", "--format", "html", "-o", "report.html")
	html, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if s := string(html); !strings.Contains(s, "<html") || !strings.Contains(s, "</html>") || !strings.Contains(s, defaultBank(t).Title.In(i18n.ZH)) {
		t.Errorf("report.html is not a whole report (%d bytes):\n%.300s", len(s), s)
	}
}

// TestGroupMatchesNative scores five cadres with the binary and asks it
// for the group report: the JSON must equal what this build computes.
func TestGroupMatchesNative(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	results := filepath.Join(dir, "results")
	if err := os.Mkdir(results, 0o700); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		a := fmt.Sprintf("a%d.json", i)
		want := answers(t, filepath.Join(dir, a), i, 2+i)
		out := filepath.Join("results", fmt.Sprintf("r%d.json", i))
		tangping(t, dir, "", "score", "--answers", a, "-o", out)
		verified(t, filepath.Join(dir, out), want)
	}
	got := tangping(t, dir, "", "group", "results", "--format", "json")
	var native, errOut bytes.Buffer
	app := &cli.App{Out: &native, Err: &errOut, In: strings.NewReader(""), Now: time.Now,
		Getenv: func(k string) string { return map[string]string{"LANG": "zh_CN.UTF-8", "HOME": dir}[k] }}
	if code := app.Run(context.Background(), []string{"group", results, "--format", "json"}); code != 0 {
		t.Fatalf("native group: exit %d\n%s", code, errOut.String())
	}
	var rep struct{ N int }
	if err := json.Unmarshal([]byte(got), &rep); err != nil || rep.N != 5 {
		t.Fatalf("group counted %d results (%v), want 5:\n%.500s", rep.N, err, got)
	}
	if got != native.String() {
		t.Errorf("the group report differs from the native one.\nbinary:\n%s\nnative:\n%s", got, native.String())
	}
}

// TestLineModeWithPipedAnswers is a cadre whose console cannot draw the
// questionnaire: one answer per line, 1–5 as on screen.
func TestLineModeWithPipedAnswers(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var in strings.Builder
	want := map[string]int{}
	for i, it := range defaultBank(t).Items {
		v := (i * 3) % 5
		want[it.ID] = v
		fmt.Fprintf(&in, "%d\n", v+1)
	}
	out := tangping(t, dir, in.String(), "take", "--accessible", "-o", "result.json")
	if !strings.Contains(out, "result.json") {
		t.Errorf("the line mode did not say where the result went:\n%s", out)
	}
	verified(t, filepath.Join(dir, "result.json"), want)
}

const sessionCode = "SMOKE2026"

var joinRe = regexp.MustCompile(`ssh -p (\d+) localhost`)

// TestServeSession starts serve under the emulator, has one participant
// take the questionnaire over SSH from a native client, stops the server
// as a trainer would (SIGTERM) and exports the result.
func TestServeSession(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cmd := command(t, dir, "serve", "--data", "data", "--code", sessionCode, "--listen", "127.0.0.1:0", "--session", "smoke")
	out := &sshsim.Buffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var waitErr error
	exited := make(chan struct{})
	go func() { waitErr = cmd.Wait(); close(exited) }()
	t.Cleanup(func() { _ = cmd.Process.Kill(); <-exited })
	deadline := time.Now().Add(2 * time.Minute)
	for !joinRe.MatchString(out.String()) {
		select {
		case <-exited:
			t.Fatalf("serve exited (%v):\n%s", waitErr, out.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not print its join command:\n%s", out.String())
		}
	}
	addr := "127.0.0.1:" + joinRe.FindStringSubmatch(out.String())[1]

	items := defaultBank(t).Items
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	plan := sshsim.RandomPlan(len(ids), 19)
	term, err := sshsim.Open(addr, sshsim.Login{Code: sessionCode}, map[string]string{"LANG": "zh_CN.UTF-8"})
	if err != nil {
		t.Fatal(err)
	}
	defer term.Close()
	if _, _, err := term.Take(plan); err != nil {
		t.Fatalf("%v\nscreen:\n%s", err, term.Screen())
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-exited:
		if waitErr != nil {
			t.Fatalf("serve after SIGTERM: %v\n%s", waitErr, out.String())
		}
	case <-time.After(time.Minute):
		t.Fatalf("serve did not stop after SIGTERM:\n%s", out.String())
	}
	tangping(t, dir, "", "serve", "export", "--results", "--data", "data", "exported")
	files, _ := filepath.Glob(filepath.Join(dir, "exported", "*.json"))
	if len(files) != 1 {
		t.Fatalf("exported %v, want one result", files)
	}
	verified(t, files[0], plan.Answers(ids))
}
