package result_test

import (
	"bytes"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "r.json")
	want := sample()
	if err := result.WriteFile(path, want); err != nil {
		t.Fatal(err)
	}
	got, err := result.Read(path, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	if got.Respondent.Name != "王五" || *got.Behaviours[0].Score != 62.5 || got.Answers[1].Value != nil ||
		got.Dimensions[0].Score != nil || !got.CompletedAt.Equal(want.CompletedAt) || *got.Answers[0].MS != 4210 {
		t.Errorf("read back %+v", got)
	}
	a, _ := result.Encode(want)
	b, _ := result.Encode(got)
	if !bytes.Equal(a, b) {
		t.Errorf("round trip changed the document:\n%s\n---\n%s", a, b)
	}
}

// TestWriteFilePrivate: a result holds personal data, so the file is 0600
// whatever was there before and whatever the umask, and no temporary file
// is left beside it.
func TestWriteFilePrivate(t *testing.T) {
	t.Parallel()
	old := syscall.Umask(0)
	defer syscall.Umask(old)

	dir := t.TempDir()
	path := filepath.Join(dir, "r.json")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := result.WriteFile(path, sample()); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %v, want only r.json", names)
	}

	// A missing folder is created, private too.
	nested := filepath.Join(dir, "new", "r.json")
	if err := result.WriteFile(nested, sample()); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]os.FileMode{nested: 0o600, filepath.Dir(nested): 0o700} {
		if st, err := os.Stat(p); err != nil || st.Mode().Perm() != want {
			t.Errorf("%s: mode %v (%v), want %v", p, st.Mode().Perm(), err, want)
		}
	}
}
