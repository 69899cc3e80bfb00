package answers_test

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/answers"
	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/testkit"
)

func defaultBank(t testing.TB) *bank.Bank {
	t.Helper()
	b, err := bank.Default(i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestAccepted(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/ok.json")
	if err != nil {
		t.Fatal(err)
	}
	f, err := answers.Parse("ok.json", data, defaultBank(t), i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	// Q17 is null and Q03…Q45 are missing: both mean unanswered.
	want := map[string]int{"Q01": 3, "Q02": 0, "Q46": 4}
	if !maps.Equal(f.Answers, want) {
		t.Errorf("answers = %v, want %v", f.Answers, want)
	}
	if f.Respondent != (result.Respondent{Name: "王五", Unit: "城管局", Role: "科员"}) {
		t.Errorf("respondent = %+v, want 王五/城管局/科员, not anonymous", f.Respondent)
	}
	if f.Bank != "tangping-default" || f.Lang != i18n.EN {
		t.Errorf("bank %q lang %q", f.Bank, f.Lang)
	}
	if want := time.Date(2026, 5, 1, 1, 30, 0, 0, time.UTC); !f.StartedAt.Equal(want) {
		t.Errorf("started_at = %v, want %v", f.StartedAt, want)
	}
}

func TestRespondent(t *testing.T) {
	t.Parallel()
	b := defaultBank(t)
	for _, tc := range []struct {
		name, respondent string
		want             result.Respondent
	}{
		{"absent", ``, result.Respondent{Anonymous: true}},
		{"null", `"respondent": null,`, result.Respondent{Anonymous: true}},
		{"unit only", `"respondent": {"unit": "城管局"},`, result.Respondent{Unit: "城管局"}},
		{"anonymous kept", `"respondent": {"unit": "城管局", "anonymous": true},`, result.Respondent{Anonymous: true, Unit: "城管局"}},
	} {
		data := `{` + tc.respondent + `"answers": {"Q01": 1}}`
		f, err := answers.Parse("a.json", []byte(data), b, i18n.EN)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if f.Respondent != tc.want {
			t.Errorf("%s: respondent = %+v, want %+v", tc.name, f.Respondent, tc.want)
		}
		if f.Bank != "" || f.Lang != "" || !f.StartedAt.IsZero() {
			t.Errorf("%s: optional fields not left empty: %+v", tc.name, f)
		}
	}
}

// answersWith is an answers file whose line 5 holds the given entry.
func answersWith(entry string) string {
	return "{\n  \"bank\": \"tangping-default\",\n  \"answers\": {\n    \"Q01\": 3,\n    " + entry + "\n  }\n}\n"
}

func TestRejected(t *testing.T) {
	t.Parallel()
	result, _ := os.ReadFile("testdata/result-instead.json")
	for _, tc := range []struct {
		name, data string
		line, col  int
		phrase     string
	}{
		{"unknown item", answersWith(`"Q99": 2`), 5, 5, `bank tangping-default has no item "Q99" (ids run Q01 ... Q46)`},
		{"value 5", answersWith(`"Q02": 5`), 5, 5, `item Q02: answer 5 is out of range: a file holds answers 0–4 (0 never ... 4 always), one less than the 1–5 the screens show`},
		{"value 6", answersWith(`"Q02": 6`), 5, 5, `item Q02: answer 6 is out of range: it must be 0–4`},
		{"value -1", answersWith(`"Q02": -1`), 5, 5, `item Q02: answer -1 is out of range`},
		{"value 2.5", answersWith(`"Q02": 2.5`), 5, 5, `item Q02: answer 2.5 is not a whole number`},
		{"string", answersWith(`"Q02": "3"`), 5, 5, `item Q02: answer "3" is text in quotes, not a number`},
		{"boolean", answersWith(`"Q02": true`), 5, 5, `item Q02: answer true is not a number`},
		{"listed twice", answersWith(`"Q01": 1`), 5, 5, `item Q01 is listed twice; keep one`},
		{"other bank", "{\n  \"bank\": \"my-bank\",\n  \"answers\": {}\n}", 2, 3,
			`the answers are for bank "my-bank", but scoring uses bank "tangping-default". Name the right bank with --bank.`},
		{"unknown field", "{\n  \"answers\": {},\n  \"anwsers\": {\"Q01\": 1}\n}", 3, 3,
			`unknown field "anwsers". An answers file may hold only: bank, lang, respondent, started_at, answers.`},
		{"not JSON", "bank: tangping-default\nanswers:\n  Q01: 3\n", 1, 1, `not valid JSON`},
		{"truncated", "{\n  \"answers\": {\n    \"Q01\": 3,", 3, 14, `the file is incomplete`},
		{"missing comma", "{\n  \"answers\": {\n    \"Q01\": 3\n    \"Q02\": 1\n  }\n}", 4, 5, `not valid JSON`},
		{"empty", "  \n", 0, 0, `the file is empty`},
		{"array", `[{"Q01": 3}]`, 0, 0, `this is JSON but not an answers file`},
		{"answers a list", "{\n  \"answers\": [3, 1]\n}", 2, 3, `answers must be an object`},
		{"no answers", "{\n  \"bank\": \"tangping-default\"\n}", 0, 0, `missing answers`},
		{"bad lang", "{\n  \"lang\": \"fr\",\n  \"answers\": {}\n}", 2, 3, `unsupported language "fr"`},
		{"bad respondent", "{\n  \"respondent\": \"张三\",\n  \"answers\": {}\n}", 2, 3, `respondent must be {`},
		{"bad started_at", "{\n  \"started_at\": \"yesterday\",\n  \"answers\": {}\n}", 2, 3, `started_at must be an RFC 3339 time`},
		{"result file", string(result), 2, 3, `this is a result file, not an answers file`},
		// The key position map keeps the last of two equal keys.
		{"answers twice", "{\n  \"answers\": {\"Q01\": 3},\n  \"answers\": {\"Q02\": 1}\n}", 3, 3,
			`field "answers" appears twice: only the second would be kept`},
		// 城管局 in GBK, as Notepad saves it as "ANSI" on a Chinese Windows.
		{"GBK", "{\n  \"respondent\": {\"unit\": \"\xB3\xC7\xB9\xDC\xBE\xD6\"},\n  \"answers\": {}\n}", 2, 27, `not UTF-8`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := answers.Parse("in.json", []byte(tc.data), defaultBank(t), i18n.EN)
			testkit.Problems(t, err, testkit.At(tc.line, tc.col, tc.phrase))
			if !strings.HasPrefix(err.Error(), "in.json:") {
				t.Errorf("message %q does not name the file", err)
			}
		})
	}
}

// TestByteOrderMark: Notepad on Windows starts a UTF-8 file with a
// byte-order mark; the file is read as if it were not there.
func TestByteOrderMark(t *testing.T) {
	t.Parallel()
	data := "\xEF\xBB\xBF{\"respondent\": {\"unit\": \"城管局\"}, \"answers\": {\"Q01\": 2}}"
	f, err := answers.Parse("a.json", []byte(data), defaultBank(t), i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	if f.Respondent.Unit != "城管局" || f.Answers["Q01"] != 2 {
		t.Errorf("got %+v %v, want unit 城管局 and Q01 = 2", f.Respondent, f.Answers)
	}
}

// TestAllProblemsReported: one run tells the person everything to fix,
// top to bottom.
func TestAllProblemsReported(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/several.json")
	if err != nil {
		t.Fatal(err)
	}
	_, err = answers.Parse("testdata/several.json", data, defaultBank(t), i18n.EN)
	testkit.Problems(t, err,
		testkit.At(2, 3, `for bank "another-bank"`),
		testkit.At(5, 5, `item Q02: answer 5 is out of range`),
		testkit.At(6, 5, `no item "Q99"`),
		testkit.At(7, 5, `item Q03: answer "2" is text in quotes`),
		testkit.At(9, 3, `unknown field "name"`),
	)
}

func TestChineseMessages(t *testing.T) {
	t.Parallel()
	b := defaultBank(t)
	for _, tc := range []struct{ data, phrase string }{
		{answersWith(`"Q02": 5`), "题目 Q02 的答案 5 超出范围：文件里的答案是 0–4（0 从不 … 4 总是），比屏幕上的选项编号 1–5 小 1"},
		{answersWith(`"Q99": 1`), `题库 tangping-default 中没有题目 "Q99"（题号为 Q01 … Q46）`},
		{"{\"answers\": {", "文件不完整"},
		{"", "文件是空的"},
	} {
		_, err := answers.Parse("in.json", []byte(tc.data), b, i18n.ZH)
		testkit.Diag(t, err)
		if !strings.Contains(err.Error(), tc.phrase) {
			t.Errorf("%q lacks %q", err, tc.phrase)
		}
	}
}

// TestExampleFiles: the examples shipped for newcomers are accepted as
// they are, with every non-null value counted as an answer.
func TestExampleFiles(t *testing.T) {
	t.Parallel()
	paths, _ := filepath.Glob("../../questions/examples/*.json")
	if len(paths) == 0 {
		t.Fatal("no example answers files")
	}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var plain struct{ Answers map[string]*int }
		if err := json.Unmarshal(data, &plain); err != nil {
			t.Fatal(err)
		}
		given := 0
		for _, v := range plain.Answers {
			if v != nil {
				given++
			}
		}
		f, err := answers.Parse(path, data, defaultBank(t), i18n.ZH)
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Answers) != given {
			t.Errorf("%s: %d answers, want %d", path, len(f.Answers), given)
		}
	}
}
