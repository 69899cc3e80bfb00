package bank

import (
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"testing"

	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/questions"
)

// TestReleasedMatchesYAML keeps the compiled banks (released_gen.go) in
// step with questions/*.yaml: every embedded file has a compiled bank
// under its name with the sha256 of its bytes, deep-equal to what the
// loader makes of the file, and nothing else is compiled. A YAML edit
// without `go generate ./internal/bank` fails here.
func TestReleasedMatchesYAML(t *testing.T) {
	t.Parallel()
	if len(released) == 0 {
		t.Fatal("no compiled banks: run go generate ./internal/bank")
	}
	files := questions.Released()
	if len(files) != len(released) {
		t.Errorf("%d YAML banks but %d compiled ones: run go generate ./internal/bank", len(files), len(released))
	}
	for _, f := range files {
		i := indexOfReleased(f.Name)
		if i < 0 {
			t.Errorf("%s has no compiled bank: run go generate ./internal/bank", f.Name)
			continue
		}
		rb := released[i]
		sum := sha256.Sum256(f.Data)
		if want := hex.EncodeToString(sum[:]); rb.sha256 != want {
			t.Errorf("%s: compiled sha256 %s, the file's is %s: run go generate ./internal/bank", f.Name, rb.sha256, want)
		}
		fresh, err := Parse(f.Name, f.Data, i18n.EN)
		if err != nil {
			t.Fatal(err)
		}
		got := rb.build()
		if !reflect.DeepEqual(got, fresh) {
			t.Errorf("%s: the compiled bank differs from a fresh load: run go generate ./internal/bank", f.Name)
		}
		if rb.id != fresh.ID || rb.version != fresh.Version || got.SHA256 != rb.sha256 {
			t.Errorf("%s: compiled header %s %s %s, loaded %s %s %s", f.Name, rb.id, rb.version, rb.sha256, fresh.ID, fresh.Version, fresh.SHA256)
		}
	}
}

// TestReleasedFreshCopies: a caller that changes its bank changes no
// one else's.
func TestReleasedFreshCopies(t *testing.T) {
	t.Parallel()
	a, err := Default(i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	want := a.Items[0].Text["zh"]
	a.Items[0].Text["zh"] = "changed"
	a.Items = a.Items[:1]
	*a.Scoring.BehaviourBands.FlagAt = -1
	b, err := Default(i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	if b.Items[0].Text["zh"] != want || len(b.Items) < 2 || *b.Scoring.BehaviourBands.FlagAt < 0 {
		t.Error("a change to one default bank showed in the next")
	}
}

// TestDefaultIsHighestVersion: Default is the compiled bank questions
// names as the default, and the same as loading that file.
func TestDefaultIsHighestVersion(t *testing.T) {
	t.Parallel()
	name, data := questions.Default()
	want, err := Parse(name, data, i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Default(i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Default is %s %s (%s), the newest released file is %s %s (%s)", got.ID, got.Version, got.File, want.ID, want.Version, want.File)
	}
}

func indexOfReleased(name string) int {
	for i, r := range released {
		if r.name == name {
			return i
		}
	}
	return -1
}
