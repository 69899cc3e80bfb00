// Package serve holds the end-to-end tests of `tangping serve`: the real
// binary, participants over real SSH, and what survives kill -9, SIGTERM
// and an export.
package serve

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/tangping-dev/tangping/internal/sshsim"
)

// midway starts n participants and has participant i answer 3+5i
// questions, each acknowledged (the next question showed).
func midway(t *testing.T, s *served, n int) ([]*sshsim.Terminal, []string, []map[string]int) {
	t.Helper()
	ids := itemIDs(t)
	terms := make([]*sshsim.Terminal, n)
	codes := make([]string, n)
	want := make([]map[string]int, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			term, err := sshsim.Open(s.addr, sshsim.Login{Code: code}, map[string]string{"LANG": "zh_CN.UTF-8"})
			if err != nil {
				errs[i] = err
				return
			}
			terms[i] = term
			plan := sshsim.RandomPlan(len(ids), uint64(i+7))
			k := 3 + 5*i
			codes[i], errs[i] = term.Begin(plan, k)
			want[i] = plan.First(k).Answers(ids)
		})
	}
	wg.Wait()
	t.Cleanup(func() {
		for _, term := range terms {
			if term != nil {
				term.Close()
			}
		}
	})
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	return terms, codes, want
}

func TestKill9LosesNoAcknowledgedAnswer(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data")
	s := serve(t, dir)
	_, codes, want := midway(t, s, 4)
	s.signal(syscall.SIGKILL)
	s.exited()
	st := db(t, dir)
	for i := range codes {
		if got := progress(t, st, codes[i]); !reflect.DeepEqual(got, want[i]) {
			t.Errorf("participant %d after kill -9: %v, want %v", i, got, want[i])
		}
	}
}

func TestSIGTERMTellsParticipantsAndClosesTheDatabase(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data")
	s := serve(t, dir)
	terms, codes, want := midway(t, s, 3)
	s.signal(syscall.SIGTERM)
	if c := s.exited(); c != 0 {
		t.Errorf("exit code %d after SIGTERM, want 0:\n%s", c, s.out.String())
	}
	for i, term := range terms {
		if err := term.WaitClosed(sshsim.Timeout); err != nil {
			t.Fatal(err)
		}
		if out := term.Output(); !strings.Contains(out, "培训老师已关闭会话服务器") || !strings.Contains(out, codes[i]) || strings.Contains(out, " result ") {
			t.Errorf("participant %d was not told:\n%q", i, out[max(0, len(out)-300):])
		}
	}
	// Closed cleanly: SQLite folded the WAL back into the database.
	if _, err := os.Stat(filepath.Join(dir, "serve.db-wal")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the -wal file is still there after a clean close: %v", err)
	}
	if !strings.Contains(s.out.String(), "tangping serve export --data") {
		t.Errorf("the trainer is not told how to export:\n%s", s.out.String())
	}
	st := db(t, dir)
	for i := range codes {
		if got := progress(t, st, codes[i]); !reflect.DeepEqual(got, want[i]) {
			t.Errorf("participant %d after SIGTERM: %v, want %v", i, got, want[i])
		}
	}
	logData, err := os.ReadFile(filepath.Join(dir, "serve.log"))
	if err != nil {
		t.Fatal(err)
	}
	log := string(logData)
	if !strings.Contains(log, "session start") || !strings.Contains(log, "auth ok") {
		t.Errorf("the log lacks connection events:\n%s", log)
	}
	for _, secret := range append([]string{code, "Q01", "answers"}, codes...) {
		if strings.Contains(log, secret) {
			t.Errorf("the log holds %q:\n%s", secret, log)
		}
	}
}

func TestExportWritesTheProtectedReport(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data")
	s := serve(t, dir, "--min-group", "3")
	ids := itemIDs(t)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range 4 {
		wg.Go(func() {
			term, err := sshsim.Open(s.addr, sshsim.Login{Code: code}, map[string]string{"LANG": "zh_CN.UTF-8"})
			if err != nil {
				errs[i] = err
				return
			}
			defer term.Close()
			_, _, errs[i] = term.Take(sshsim.RandomPlan(len(ids), uint64(100+i)))
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	// The text dashboard prints the profile once a whole batch of K = 3
	// has completed: over 3 of the 4, never over 4 (docs/privacy.md).
	out := s.waitOutput("the profile over 3 results", func(o string) bool { return strings.Contains(o, "有效结果 3 份") })
	if strings.Contains(out, "有效结果 4 份") || strings.Contains(out, "Q01") {
		t.Errorf("the live profile counts a partial batch or shows items:\n%s", out)
	}

	// By default export writes the protected group report, and no file
	// about any one person; it is the very report of group --data.
	reports := filepath.Join(t.TempDir(), "reports")
	tangping(t, "serve", "export", "--data", dir, "--min-group", "3", reports)
	files, _ := filepath.Glob(filepath.Join(reports, "*"))
	if len(files) != 1 || filepath.Base(files[0]) != "group.html" {
		t.Fatalf("export wrote %v, want group.html alone", files)
	}
	page, _ := os.ReadFile(files[0])
	if html := tangping(t, "group", "--data", dir, "--min-group", "3", "--format", "html"); string(page) != html ||
		!strings.Contains(html, "有效结果 4 份") || !strings.Contains(html, "差分隐私") {
		t.Errorf("export's group.html is not the protected report of group --data")
	}

	// --results writes each person's result file (mode 0600); group on
	// them gives the figures of group --data: the same set, the same noise.
	exported := filepath.Join(t.TempDir(), "results")
	tangping(t, "serve", "export", "--results", "--data", dir, exported)
	files, _ = filepath.Glob(filepath.Join(exported, "*.json"))
	if len(files) != 4 {
		t.Fatalf("exported %d files, want 4", len(files))
	}
	for _, f := range files {
		if fi, err := os.Stat(f); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, %v; want 0600", f, fi.Mode().Perm(), err)
		}
	}
	fromFiles := tangping(t, "group", exported, "--min-group", "3")
	fromData := tangping(t, "group", "--data", dir, "--min-group", "3")
	if fromFiles != fromData {
		t.Errorf("group on the export differs from group --data.\nexport:\n%s\n--data:\n%s", fromFiles, fromData)
	}
	s.signal(syscall.SIGTERM)
	s.exited()
}
