package bank_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/questions"
)

func bankSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(bank.Schema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("bank.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("bank.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, data []byte) error {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return s.Validate(v)
}

// TestBankSchema: what `bank show --json` prints for the default bank and
// for the small bank, and the default bank's YAML itself, all satisfy the
// shipped bank schema; a broken bank does not.
func TestBankSchema(t *testing.T) {
	s := bankSchema(t)
	for _, path := range []string{"", smallBank} {
		b, err := bank.Load(path, i18n.ZH)
		if err != nil {
			t.Fatal(err)
		}
		// As `bank show --json` encodes it.
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(b); err != nil {
			t.Fatal(err)
		}
		if err := validate(t, s, buf.Bytes()); err != nil {
			t.Errorf("bank show --json %s: %v", path, err)
		}
	}
	_, yamlData := questions.Default()
	j, err := yaml.YAMLToJSON(yamlData)
	if err != nil {
		t.Fatal(err)
	}
	if err := validate(t, s, j); err != nil {
		t.Errorf("default bank YAML: %v", err)
	}
	for _, bad := range []string{
		`{"id": "x"}`,
		`{"id": "x", "version": "1", "languages": ["fr"], "title": {}, "purpose": {}, "recall_window": {}, "scale": [], "scoring": {}, "validity": {}, "dimensions": [], "behaviours": [], "items": []}`,
	} {
		if err := validate(t, s, []byte(bad)); err == nil {
			t.Errorf("schema accepts %s", bad)
		}
	}
}
