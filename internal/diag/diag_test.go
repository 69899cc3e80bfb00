package diag_test

import (
	"encoding/json"
	"errors"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/i18n"
)

func TestLineColCountsCharacters(t *testing.T) {
	t.Parallel()
	data := []byte("第一行\n  题目: x\n")
	// The x is the 7th character of line 2, though the 9th byte.
	off := int64(len("第一行\n  题目: "))
	if l, c := diag.LineCol(data, off); l != 2 || c != 7 {
		t.Errorf("got %d:%d, want 2:7", l, c)
	}
	if l, c := diag.LineCol(data, 999); l != 3 || c != 1 {
		t.Errorf("past the end: got %d:%d, want 3:1", l, c)
	}
}

func TestJSONErrorPos(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		data      string
		line, col int
	}{
		{"{\n  \"a\": 1\n  \"b\": 2\n}", 3, 3}, // missing comma: at the quote of "b"
		{"{\n  \"题\": x\n}", 2, 8},             // the bad x itself
		{"{\n  \"a\": [1, 2", 2, 13},           // cut off: at the end
	} {
		var v any
		err := json.Unmarshal([]byte(tc.data), &v)
		if l, c := diag.JSONErrorPos([]byte(tc.data), err); l != tc.line || c != tc.col {
			t.Errorf("%q: got %d:%d, want %d:%d (%v)", tc.data, l, c, tc.line, tc.col, err)
		}
	}
}

// TestJSONTruncated: a cut-off file is told from a malformed one by the
// decoder's typed error, so the message never depends on encoding/json's
// wording. A stray character at the very end is not a cut-off.
func TestJSONTruncated(t *testing.T) {
	t.Parallel()
	for data, want := range map[string]bool{
		`{"a": [1, 2`: true, `{"a": "x`: true, "": true, " \n": true,
		`{"a": 1}`: false, `{"a": 1}}`: false, `{"a" 1}`: false, `[1,]`: false,
	} {
		if got := diag.JSONTruncated([]byte(data)); got != want {
			t.Errorf("JSONTruncated(%q) = %v, want %v", data, got, want)
		}
	}
}

func TestJSONKeys(t *testing.T) {
	t.Parallel()
	data := []byte("{\n  \"a\": {\"b\": 1},\n  \"c\": [{\"d\": 2}, {\"d\": 3}]\n}")
	keys := diag.JSONKeys(data)
	for path, want := range map[string][2]int{"a": {2, 3}, "a.b": {2, 9}, "c": {3, 3}, "c[0].d": {3, 10}, "c[1].d": {3, 20}} {
		off, ok := keys[path]
		if !ok {
			t.Errorf("no key %s in %v", path, keys)
			continue
		}
		if l, c := diag.LineCol(data, off); l != want[0] || c != want[1] {
			t.Errorf("%s at %d:%d, want %d:%d", path, l, c, want[0], want[1])
		}
	}
}

func TestErrorSortedByPosition(t *testing.T) {
	t.Parallel()
	e := &diag.Error{File: "f.yaml"}
	if e.OrNil() != nil {
		t.Fatal("no problems must be a nil error")
	}
	e.Add(12, 3, "third")
	e.Add(0, 0, "whole file")
	e.Add(2, 9, "second")
	e.Add(2, 1, "first")
	want := "f.yaml: whole file\nf.yaml:2:1: first\nf.yaml:2:9: second\nf.yaml:12:3: third"
	if got := e.OrNil().Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// An input error says what to do and keeps the system's error behind it.
func TestReadErrorKeepsItsCause(t *testing.T) {
	t.Parallel()
	_, err := diag.ReadFile(filepath.Join(t.TempDir(), "missing.json"), 1<<20, i18n.ZH)
	var de *diag.Error
	if !errors.As(err, &de) || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("got %T %v: want a *diag.Error that is fs.ErrNotExist", err, err)
	}
	if got := diag.Because("说人话", fs.ErrPermission); got.Error() != "说人话" || !errors.Is(got, fs.ErrPermission) {
		t.Errorf("Because: %q, Is permission %v", got, errors.Is(got, fs.ErrPermission))
	}
}
