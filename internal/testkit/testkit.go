// Package testkit holds the checks that several packages' tests share:
// validating documents against the JSON Schemas tangping ships, taking a
// *diag.Error apart, the default bank, and the binary, PostgreSQL and
// Chromium the end-to-end tests drive. Only tests import it.
package testkit

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/i18n"
)

// Schema compiles a shipped JSON Schema (result.Schema(), bank.Schema()),
// with format assertions on, so that "date-time" is checked too.
func Schema(t testing.TB, schema []byte) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Validate checks a JSON document against s; data that is not JSON at
// all fails the test.
func Validate(t testing.TB, s *jsonschema.Schema, data []byte) error {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return s.Validate(v)
}

// Diag returns err as a *diag.Error with at least one problem, or fails
// the test: every input error a user can see has that shape.
func Diag(t testing.TB, err error) *diag.Error {
	t.Helper()
	var de *diag.Error
	if !errors.As(err, &de) || len(de.Problems) == 0 {
		t.Fatalf("got %T %v, want a *diag.Error with problems", err, err)
	}
	return de
}

// Want is one expected problem: where it stands (0, 0 for the file as a
// whole) and a phrase of its message.
type Want struct {
	Line, Col int
	Phrase    string
}

// Problems checks that err is a *diag.Error that holds exactly the wanted
// problems, in that order.
func Problems(t testing.TB, err error, want ...Want) {
	t.Helper()
	de := Diag(t, err)
	if len(de.Problems) != len(want) {
		t.Errorf("%d problems, want %d:\n%v", len(de.Problems), len(want), err)
		return
	}
	for i, w := range want {
		p := de.Problems[i]
		if p.Line != w.Line || p.Col != w.Col || !strings.Contains(p.Msg, w.Phrase) {
			t.Errorf("problem %d: got %d:%d %q\nwant %d:%d …%s…", i+1, p.Line, p.Col, p.Msg, w.Line, w.Col, w.Phrase)
		}
	}
}

// At is the wanted problem at line:col whose message holds phrase.
func At(line, col int, phrase string) Want { return Want{Line: line, Col: col, Phrase: phrase} }

// DefaultBank is the released default bank in Chinese; the test fails if
// it cannot be had.
func DefaultBank(t testing.TB) *bank.Bank {
	t.Helper()
	b, err := bank.Default(i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
