package bank_test

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/questions"
)

// TestRegistryFindsEveryReleasedBank: each embedded bank is found by its
// hash, so results of every released version verify.
func TestRegistryFindsEveryReleasedBank(t *testing.T) {
	t.Parallel()
	reg := bank.NewRegistry(i18n.EN)
	seen := map[string]string{}
	for _, f := range questions.Released() {
		b, err := bank.Parse(f.Name, f.Data, i18n.EN)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if other, ok := seen[b.SHA256]; ok {
			t.Errorf("%s and %s are the same bank", f.Name, other)
		}
		seen[b.SHA256] = f.Name
		got, err := reg.Find(b.SHA256)
		if err != nil || got == nil || got.ID != b.ID || got.Version != b.Version {
			t.Errorf("%s: found %v, %v", f.Name, got, err)
		}
	}
	if got, err := reg.Find(strings.Repeat("0", 64)); got != nil || err != nil {
		t.Errorf("an unknown hash found %v, %v", got, err)
	}
}

// TestRegistryFilesAndFolders: --bank files are loaded at once (a typo
// fails before any result is read); --banks folders are searched only
// when a hash is not found elsewhere, and a broken file in them does not
// matter unless it is the one asked for.
func TestRegistryFilesAndFolders(t *testing.T) {
	t.Parallel()
	_, data := questions.Default()
	dir := t.TempDir()
	// The default bank with another version line: another file, another hash.
	edited := strings.Replace(string(data), "\nversion: ", "\nversion: local-", 1)
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("local.yaml", edited)
	write("broken.yml", "id: [")
	write("notes.txt", "not a bank")
	local, err := bank.Parse("x", []byte(edited), i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	reg := bank.NewRegistry(i18n.EN)
	if _, err := reg.AddFile(filepath.Join(dir, "missing.yaml")); err == nil {
		t.Error("a missing --bank was accepted")
	}
	if err := reg.AddDir(filepath.Join(dir, "local.yaml")); err == nil {
		t.Error("a file was accepted as a folder of banks")
	}
	if err := reg.AddDir(dir); err != nil {
		t.Fatal(err)
	}
	got, err := reg.Find(local.SHA256)
	if err != nil || got == nil || got.Version != local.Version || !strings.HasPrefix(got.Version, "local-") || got.File != filepath.Join(dir, "local.yaml") {
		t.Fatalf("folder bank: %+v, %v", got, err)
	}
	if s := reg.Searched(); !strings.Contains(s, "--banks "+dir) {
		t.Errorf("Searched() = %q", s)
	}
	// Many goroutines at once (group verifies in parallel): one bank.
	var wg sync.WaitGroup
	found := make([]*bank.Bank, 8)
	for i := range found {
		wg.Go(func() { found[i], _ = reg.Find(local.SHA256) })
	}
	wg.Wait()
	for _, b := range found {
		if b != got {
			t.Fatal("the same hash gave two banks")
		}
	}
}
