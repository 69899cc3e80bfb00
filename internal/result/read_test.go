package result_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/testkit"
)

// withField returns the sample result as JSON with one top-level field
// replaced (or removed when value is nil).
func withField(t *testing.T, key string, value any) string {
	t.Helper()
	data, err := result.Encode(sample())
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if value == nil {
		delete(m, key)
	} else {
		m[key] = value
	}
	out, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestReadRejects(t *testing.T) {
	t.Parallel()
	b, err := bank.Default(i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	bankJSON, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	answersFile, err := os.ReadFile("../../questions/examples/answers.json")
	if err != nil {
		t.Fatal(err)
	}
	full, _ := result.Encode(sample())
	noID := withField(t, "id", "")
	// 城管局 as Notepad saves it in GBK ("ANSI" on a Chinese Windows).
	gbk := strings.Replace(string(full), "城管局", "\xB3\xC7\xB9\xDC\xBE\xD6", 1)

	for _, tc := range []struct {
		name, data string
		line, col  int
		phrases    []string
	}{
		{"not JSON", "schema_version: 1\nid: x\n", 1, 1, []string{"not valid JSON", "not a tangping result file"}},
		{"bad byte", "{\n  \"schema_version\": 1,\n  \"id\": 'x'\n}", 3, 9, []string{"not valid JSON"}},
		{"truncated", string(full[:len(full)/2]), strings.Count(string(full[:len(full)/2]), "\n") + 1, 0, []string{"the file is incomplete: the JSON is cut off here"}},
		{"empty", "\n\n", 0, 0, []string{"the file is empty"}},
		{"array", `[{"schema_version": 1}]`, 0, 0, []string{"this is JSON but not a tangping result"}},
		{"null", `null`, 0, 0, []string{"JSON null"}},
		{"answers file", string(answersFile), 0, 0, []string{"this is an answers file, not a result", "tangping score --answers"}},
		{"bank JSON", string(bankJSON), 0, 0, []string{"this is a question bank, not a result", "bank show"}},
		{"other JSON", `{"name": "x", "size": 3}`, 0, 0, []string{"not a tangping result (no schema_version; it has fields name, size)"}},
		{"empty object", `{}`, 0, 0, []string{"an empty JSON object {}, not a tangping result"}},
		// The top-level keys of `tangping group --format json`: it has
		// items and behaviours like a bank, but it is a group report.
		{"group report", `{"lang": "zh", "min_group": 5, "files": 3, "notice": "", "title": "t", "scale": [], "n": 3, "suppressed": true,
			"validity": [], "any_flag": 0, "dimensions": [], "behaviours": [], "items": [], "skipped": [], "duplicates": []}`,
			0, 0, []string{"this is a group report (output of tangping group), not a personal result"}},
		{"empty id", noID, lineOf(noID, `"id": ""`), 3, []string{"id is empty"}},
		{"bad time", withField(t, "completed_at", "yesterday"), 0, 0, []string{"started_at or completed_at is not an RFC 3339 time", `"yesterday"`}},
		{"GBK", gbk, lineOf(gbk, "\xB3"), 0, []string{"not UTF-8", "GBK"}},
		{"schema_version 2", withField(t, "schema_version", 2), 0, 0, []string{"written by a newer tangping (schema_version 2; this one reads 1)", "Upgrade"}},
		{"schema_version 0", withField(t, "schema_version", 0), 0, 0, []string{"unsupported schema_version 0"}},
		{"schema_version text", withField(t, "schema_version", "1"), 0, 0, []string{"schema_version must be a whole number"}},
		{"no behaviours", withField(t, "behaviours", nil), 0, 0, []string{"lacks required fields: behaviours."}},
		{"no id", withField(t, "id", nil), 0, 0, []string{"lacks required fields: id."}},
		{"three missing", `{"schema_version": 1, "id": "x", "lang": "zh", "respondent": {}, "started_at": "2026-05-01T09:30:00Z", "completed_at": "2026-05-01T09:30:00Z", "answers": [], "dimensions": [], "recommendations": []}`,
			0, 0, []string{"lacks required fields: instrument, behaviours, validity."}},
		// Line 60 of the indented document reads `    "im_count": "four",`.
		{"wrong type", withField(t, "validity", json.RawMessage(`{"flags": [], "im_count": "four", "inconsistent_pairs": 0, "longest_run": 0, "median_ms": null}`)), 60, 5,
			[]string{"field validity.im_count has the wrong type"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := result.Decode("r.json", []byte(tc.data), i18n.EN)
			de := testkit.Diag(t, err)
			p := de.Problems[0]
			if p.Line != tc.line || (tc.col != 0 && p.Col != tc.col) {
				t.Errorf("at %d:%d, want %d:%d", p.Line, p.Col, tc.line, tc.col)
			}
			for _, ph := range tc.phrases {
				if !strings.Contains(err.Error(), ph) {
					t.Errorf("%q lacks %q", err, ph)
				}
			}
			if !strings.HasPrefix(err.Error(), "r.json:") {
				t.Errorf("message %q does not name the file", err)
			}
		})
	}
}

// lineOf is the 1-based line on which sub first appears in data.
func lineOf(data, sub string) int {
	return strings.Count(data[:strings.Index(data, sub)], "\n") + 1
}

// outOfRange is a result no tangping writes: an answer and two scores
// out of range, each on its own line.
const outOfRange = `{
  "schema_version": 1,
  "id": "x",
  "instrument": {"id": "small", "version": "0.1.0", "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},
  "lang": "zh",
  "respondent": {"anonymous": true, "name": "", "unit": "", "role": ""},
  "started_at": "2026-05-01T09:30:00Z",
  "completed_at": "2026-05-01T09:40:00Z",
  "answers": [{"item": "I01", "value": 7}],
  "behaviours": [{"id": "B01", "name": "x", "score": 120, "band": 4, "flagged": true, "answered": 4, "items": 4}],
  "dimensions": [{"id": "D1", "name": "y", "score": -5, "band": 1, "answered": 5, "items": 5}],
  "validity": {"flags": [], "im_count": 0, "inconsistent_pairs": 0, "longest_run": 0, "median_ms": null},
  "recommendations": []
}`

func TestReadOutOfRange(t *testing.T) {
	t.Parallel()
	_, err := result.Decode("r.json", []byte(outOfRange), i18n.EN)
	de := testkit.Diag(t, err)
	want := []diag.Problem{
		{Line: 9, Col: 31, Msg: "item I01 has answer 7, outside 0–4."},
		{Line: 10, Col: 45, Msg: "behaviour B01 has score 120, outside 0–100."},
		{Line: 11, Col: 44, Msg: "dimension D1 has score -5, outside 0–100."},
	}
	if !slices.Equal(de.Problems, want) {
		t.Errorf("got %v\nwant %v", de.Problems, want)
	}
}

func TestReadFileErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, tc := range []struct{ path, phrase string }{
		{dir, "this is a directory"},
		{filepath.Join(dir, "none.json"), "no such file"},
	} {
		_, err := result.Read(tc.path, i18n.EN)
		testkit.Diag(t, err)
		if !strings.HasPrefix(err.Error(), tc.path+": ") || !strings.Contains(err.Error(), tc.phrase) {
			t.Errorf("got %q, want %s: …%s…", err, tc.path, tc.phrase)
		}
	}
}

// TestReadByteOrderMark: a result saved again by Notepad starts with a
// UTF-8 byte-order mark; it is still the same result.
func TestReadByteOrderMark(t *testing.T) {
	t.Parallel()
	full, _ := result.Encode(sample())
	r, err := result.Decode("r.json", append([]byte("\xEF\xBB\xBF"), full...), i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	if r.Respondent.Unit != "城管局" {
		t.Errorf("unit %q, want 城管局", r.Respondent.Unit)
	}
}

func TestReadChinese(t *testing.T) {
	t.Parallel()
	_, err := result.Decode("r.json", []byte(withField(t, "schema_version", 2)), i18n.ZH)
	testkit.Diag(t, err)
	if !strings.Contains(err.Error(), "较新版本 tangping") {
		t.Errorf("%q is not the Chinese message", err)
	}
}

// TestFlagsNeverNull: a result whose flags are null reads as no flags, so
// report and group can range over them.
func TestFlagsNeverNull(t *testing.T) {
	t.Parallel()
	data := withField(t, "validity", json.RawMessage(`{"flags": null, "im_count": 0, "inconsistent_pairs": 0, "longest_run": 0, "median_ms": null}`))
	r, err := result.Decode("r.json", []byte(data), i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	if r.Validity.Flags == nil || len(r.Validity.Flags) != 0 {
		t.Errorf("flags = %#v, want empty", r.Validity.Flags)
	}
}
