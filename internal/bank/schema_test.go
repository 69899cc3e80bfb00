package bank_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/testkit"
	"github.com/tangping-dev/tangping/questions"
)

// TestBankSchema: what `bank show --json` prints for the default bank and
// for the small bank, and the default bank's YAML itself, all satisfy the
// shipped bank schema; a broken bank does not.
func TestBankSchema(t *testing.T) {
	t.Parallel()
	s := testkit.Schema(t, bank.Schema())
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
		if err := testkit.Validate(t, s, buf.Bytes()); err != nil {
			t.Errorf("bank show --json %s: %v", path, err)
		}
	}
	_, yamlData := questions.Default()
	j, err := yaml.YAMLToJSON(yamlData)
	if err != nil {
		t.Fatal(err)
	}
	if err := testkit.Validate(t, s, j); err != nil {
		t.Errorf("default bank YAML: %v", err)
	}
	for _, bad := range []string{
		`{"id": "x"}`,
		`{"id": "x", "version": "1", "languages": ["fr"], "title": {}, "purpose": {}, "recall_window": {}, "scale": [], "scoring": {}, "validity": {}, "dimensions": [], "behaviours": [], "items": []}`,
	} {
		if err := testkit.Validate(t, s, []byte(bad)); err == nil {
			t.Errorf("schema accepts %s", bad)
		}
	}
}
