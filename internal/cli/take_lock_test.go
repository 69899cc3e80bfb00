package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/cli"
	"github.com/tangping-dev/tangping/internal/result"
)

// TestTwoTakesOnOneStateFolder: a second take on the state folder of one
// in progress used to run beside it, and the two overwrote each other's
// progress (one showed 46/46 saved, 7 answers were left). Now the second
// is refused, names the first, and changes nothing.
func TestTwoTakesOnOneStateFolder(t *testing.T) {
	t.Parallel()
	env, state := takeEnv(t)
	progress := filepath.Join(state, "progress")

	// The first take answers five questions and waits for the sixth.
	in, feed := io.Pipe()
	var out1, err1 bytes.Buffer
	first := &cli.App{In: in, Out: &out1, Err: &err1, Getenv: func(k string) string { return env[k] }, Now: time.Now}
	done := make(chan int, 1)
	go func() { done <- first.Run(context.Background(), []string{"take", "--anonymous"}) }()
	lines, _ := answerLines(5)
	if _, err := io.WriteString(feed, lines); err != nil {
		t.Fatal(err)
	}
	answered := func() int {
		files, _ := filepath.Glob(filepath.Join(progress, "*.json"))
		if len(files) != 1 {
			return -1
		}
		var s struct{ Answers map[string]int }
		data, _ := os.ReadFile(files[0])
		if json.Unmarshal(data, &s) != nil {
			return -1
		}
		return len(s.Answers)
	}
	for deadline := time.Now().Add(10 * time.Second); answered() != 5; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the first take did not save 5 answers: %d\n%s%s", answered(), out1.String(), err1.String())
		}
	}

	// The second take, with all 46 answers, on the same folder.
	all, _ := answerLines(46)
	second := runTangpingIn(t, all, env, "take", "--anonymous")
	if second.code != 1 || !strings.Contains(second.errOut, "另一个 tangping") || !strings.Contains(second.errOut, "进程") {
		t.Errorf("second take: exit %d, stderr %q; want exit 1 naming the other process", second.code, second.errOut)
	}
	if n := answered(); n != 5 {
		t.Errorf("the second take changed the first one's progress: %d answers saved", n)
	}
	if res, _ := filepath.Glob(filepath.Join(state, "results", "*.json")); len(res) != 0 {
		t.Errorf("the second take wrote a result: %v", res)
	}

	feed.Close() // the first take's input ends: progress kept, exit 2
	select {
	case code := <-done:
		if code != 2 {
			t.Errorf("first take: exit %d\n%s", code, err1.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the first take did not end")
	}
	// Once it has ended, the folder is free again.
	if r := runTangpingIn(t, all, env, "take", "--anonymous", "--fresh"); r.code != 0 {
		t.Errorf("take after the first ended: exit %d %s", r.code, r.errOut)
	}
}

// TestTakeCleansStaleTempFiles: a write killed between create and rename
// leaves a temporary file in the state folder; the next take removes it.
func TestTakeCleansStaleTempFiles(t *testing.T) {
	t.Parallel()
	env, state := takeEnv(t)
	var stale []string
	for _, sub := range []string{"progress", "results"} {
		p := filepath.Join(state, sub, ".x.json.123"+result.TempSuffix)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(`{"answers":{"Q01":3}}`), 0o600); err != nil {
			t.Fatal(err)
		}
		stale = append(stale, p)
	}
	all, _ := answerLines(46)
	if r := runTangpingIn(t, all, env, "take", "--anonymous"); r.code != 0 {
		t.Fatalf("take: exit %d %s", r.code, r.errOut)
	}
	for _, p := range stale {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s is still there", p)
		}
	}
}
