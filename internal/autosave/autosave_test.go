package autosave

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/adrg/xdg"

	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestDirFollowsXDGAndPlatformDefaults(t *testing.T) {
	t.Parallel()
	cases := []struct {
		goos string
		env  map[string]string
		home string
		want string
	}{
		{"linux", map[string]string{"XDG_STATE_HOME": "/x/state"}, "/home/a", "/x/state/tangping"},
		{"linux", map[string]string{"XDG_STATE_HOME": "relative/ignored"}, "/home/a", "/home/a/.local/state/tangping"},
		{"linux", nil, "/home/a", "/home/a/.local/state/tangping"},
		{"darwin", nil, "/Users/a", "/Users/a/Library/Application Support/tangping"},
		{"windows", map[string]string{"LOCALAPPDATA": "/c/Users/a/AppData/Local"}, "/c/Users/a", "/c/Users/a/AppData/Local/tangping"},
		{"windows", nil, "/c/Users/a", "/c/Users/a/AppData/Local/tangping"},
	}
	for _, c := range cases {
		got, err := dirFor(c.goos, env(c.env), c.home, i18n.ZH)
		if err != nil {
			t.Fatalf("%s %v: %v", c.goos, c.env, err)
		}
		if filepath.ToSlash(got) != c.want {
			t.Errorf("%s %v home %s: got %s, want %s", c.goos, c.env, c.home, got, c.want)
		}
	}
	if _, err := dirFor("linux", env(nil), "", i18n.ZH); err == nil || !strings.Contains(err.Error(), "XDG_STATE_HOME") {
		t.Errorf("no home and no XDG_STATE_HOME: got %v, want a message naming XDG_STATE_HOME", err)
	}
}

func newFile(t *testing.T) *File {
	t.Helper()
	return &File{
		Dir: filepath.Join(t.TempDir(), "state", "tangping"), BankID: "tangping-default",
		BankSHA256: strings.Repeat("ab", 32), Lang: i18n.ZH,
		Now: func() time.Time { return time.Date(2026, 5, 1, 9, 30, 0, 0, time.UTC) },
	}
}

func state(f *File) State {
	return State{
		BankID: f.BankID, BankSHA256: f.BankSHA256, Lang: "zh",
		Respondent: result.Respondent{Name: "张三", Unit: "城管局", Role: "科员"},
		StartedAt:  time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC),
		Cursor:     3, Answers: map[string]int{"Q01": 3, "Q02": 0, "Q03": 4}, MS: map[string]int64{"Q01": 4210, "Q02": 1800, "Q03": 2500},
		UpdatedAt: time.Date(2026, 5, 1, 9, 1, 0, 0, time.UTC),
	}
}

func TestSaveIsPrivateAndLoadsBack(t *testing.T) {
	t.Parallel()
	f := newFile(t)
	if s, err := f.Load(); s != nil || err != nil {
		t.Fatalf("nothing saved yet: got %v, %v", s, err)
	}
	want := state(f)
	if err := f.Save(want); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(f.Path())
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("progress file mode %o, want 600", fi.Mode().Perm())
	}
	for _, d := range []string{f.Dir, filepath.Dir(f.Path())} {
		di, err := os.Stat(d)
		if err != nil {
			t.Fatal(err)
		}
		if di.Mode().Perm() != 0o700 {
			t.Errorf("%s mode %o, want 700", d, di.Mode().Perm())
		}
	}
	got, err := f.Load()
	if err != nil || got == nil {
		t.Fatalf("Load: %v, %v", got, err)
	}
	if got.Cursor != 3 || got.Answers["Q01"] != 3 || got.Answers["Q02"] != 0 || got.Answers["Q03"] != 4 || len(got.Answers) != 3 {
		t.Errorf("answers came back as %v cursor %d", got.Answers, got.Cursor)
	}
	if got.MS["Q01"] != 4210 || got.Respondent.Unit != "城管局" || !got.StartedAt.Equal(want.StartedAt) {
		t.Errorf("state came back as %+v", got)
	}
	if err := f.Clear(); err != nil {
		t.Fatal(err)
	}
	if s, err := f.Load(); s != nil || err != nil {
		t.Fatalf("after Clear: got %v, %v", s, err)
	}
	if err := f.Clear(); err != nil {
		t.Errorf("Clear with nothing saved: %v", err)
	}
}

func TestSaveTightensAnOpenStateDir(t *testing.T) {
	t.Parallel()
	f := newFile(t)
	if err := os.MkdirAll(f.Dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(f.Dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(state(f)); err != nil {
		t.Fatal(err)
	}
	di, _ := os.Stat(f.Dir)
	if di.Mode().Perm() != 0o700 {
		t.Errorf("state dir mode %o, want 700", di.Mode().Perm())
	}
}

func TestSaveReplacesWholeFileAndLeavesNoTemporaries(t *testing.T) {
	t.Parallel()
	f := newFile(t)
	s := state(f)
	for i := range 5 {
		s.Cursor = i
		if err := f.Save(s); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := os.ReadDir(filepath.Dir(f.Path()))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != filepath.Base(f.Path()) {
		names := []string{}
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("progress folder holds %v, want only %s", names, filepath.Base(f.Path()))
	}
	got, _ := f.Load()
	if got.Cursor != 4 {
		t.Errorf("cursor %d, want the last saved 4", got.Cursor)
	}
}

func TestChangedBankDoesNotResume(t *testing.T) {
	t.Parallel()
	f := newFile(t)
	if err := f.Save(state(f)); err != nil {
		t.Fatal(err)
	}
	changed := *f
	changed.BankSHA256 = strings.Repeat("cd", 32)
	if s, err := changed.Load(); s != nil || err != nil {
		t.Errorf("a changed bank resumed: %v, %v", s, err)
	}
	if changed.Path() == f.Path() {
		t.Errorf("a changed bank uses the same progress file %s", f.Path())
	}
	if err := changed.Save(state(f)); err == nil {
		t.Errorf("saving another bank's progress succeeded")
	}
}

func TestCorruptFileIsMovedAsideWithAClearMessage(t *testing.T) {
	t.Parallel()
	for name, content := range map[string]string{
		"truncated":    `{"bank": "tangping-default", "answers": {"Q01": 3`,
		"out of range": `{"bank": "tangping-default", "bank_sha256": "` + strings.Repeat("ab", 32) + `", "answers": {"Q01": 7}}`,
		"other bank":   `{"bank": "other", "bank_sha256": "x", "answers": {}}`,
	} {
		t.Run(name, func(t *testing.T) {
			f := newFile(t)
			if err := f.Save(state(f)); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(f.Path(), []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := f.Load()
			var ce *CorruptError
			if s != nil || !errors.As(err, &ce) {
				t.Fatalf("got %v, %v; want a *CorruptError", s, err)
			}
			wantMoved := f.Path() + ".corrupt-20260501-093000"
			if ce.MovedTo != wantMoved {
				t.Errorf("moved to %q, want %q", ce.MovedTo, wantMoved)
			}
			kept, rerr := os.ReadFile(wantMoved)
			if rerr != nil || string(kept) != content {
				t.Errorf("the damaged file was not kept intact: %v", rerr)
			}
			msg := err.Error()
			for _, want := range []string{f.Path(), wantMoved, "重新开始"} {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q does not mention %q", msg, want)
				}
			}
			if s, err := f.Load(); s != nil || err != nil {
				t.Errorf("after moving aside: %v, %v; want a fresh start", s, err)
			}
		})
	}
}

// Dir mirrors github.com/adrg/xdg's StateHome, which reads the process
// environment; check the two agree on this machine.
func TestDirAgreesWithAdrgXDG(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, v := range []string{"", filepath.Join(home, "xdg-state")} {
		t.Setenv("XDG_STATE_HOME", v)
		xdg.Reload()
		got, err := Dir(os.Getenv, home, i18n.ZH)
		if err != nil {
			t.Fatal(err)
		}
		if want := filepath.Join(xdg.StateHome, AppName); got != want {
			t.Errorf("XDG_STATE_HOME=%q: Dir %s, adrg/xdg %s", v, got, want)
		}
	}
}

// BenchmarkSave is the cost of one durable save (write, fsync, rename,
// fsync of the folder): what each answer costs on this disk.
func BenchmarkSave(b *testing.B) {
	f := &File{Dir: filepath.Join(b.TempDir(), "tangping"), BankID: "tangping-default", BankSHA256: strings.Repeat("ab", 32)}
	s := state(f)
	for b.Loop() {
		if err := f.Save(s); err != nil {
			b.Fatal(err)
		}
	}
}

// A failed save says what to do in the person's language and still lets
// the caller see why: errors.Is finds the system's error behind it.
func TestSaveErrorKeepsItsCause(t *testing.T) {
	t.Parallel()
	notADir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notADir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	f := &File{Dir: filepath.Join(notADir, "tangping"), BankID: "b", BankSHA256: "s", Lang: i18n.ZH}
	err := f.Save(State{BankID: "b", BankSHA256: "s"})
	if err == nil || !strings.Contains(err.Error(), "无法保存作答进度") {
		t.Fatalf("got %v", err)
	}
	if !errors.Is(err, syscall.ENOTDIR) {
		t.Errorf("the cause is lost: errors.Is(%v, ENOTDIR) is false", err)
	}
}
