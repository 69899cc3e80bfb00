package bank_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/testkit"
)

// Each file in testdata/broken is testdata/valid-small.yaml with one
// thing broken (its first line says what). Positions were counted by hand
// in the file, in characters, as an editor shows them.
var brokenBanks = []struct {
	file      string
	line, col int
	phrase    string
}{
	{"unknown-field", 51, 5, `unknown field "recomendations" in dimensions[0]; did you mean "recommendations"?`},
	{"unknown-top-field", 4, 1, `unknown field "author" in (top level). Known fields: behaviours, causes, dimensions, id,`},
	{"duplicate-id", 74, 10, `duplicate id "I03" (already used on line 71)`},
	{"unknown-behaviour", 82, 60, `item I11 refers to unknown behaviour "BX"; did you mean "BA"`},
	{"unknown-dimension", 82, 75, `item I11 refers to unknown dimension "DC"; did you mean "DA"`},
	{"missing-language", 74, 21, `items[6].text has no text in language "en"`},
	{"behaviour-too-few", 62, 9, `behaviour BB has 3 items; it needs at least 4`},
	{"dimension-too-few", 51, 9, `dimension DB has 4 items; it needs at least 5`},
	{"pair-missing-item", 34, 13, `consistency pair refers to missing item "I99"`},
	{"pair-too-close", 34, 7, `pair I01 and I05 stand 6 positions apart; they need at least 10`},
	{"pair-across-behaviours", 35, 7, `must come from one behaviour: I02 is BB, I09 is BA`},
	{"threshold-im-count", 37, 15, `im_count must lie between 1 and the number of impression-management items (4); it is 5`},
	{"threshold-pair-difference", 38, 22, `pair_difference must lie between 1 and 4; it is 5`},
	{"threshold-inconsistent-pairs", 39, 25, `inconsistent_pairs must lie between 1 and the number of pairs (2); it is 3`},
	{"threshold-longest-run", 40, 18, `longest_run must lie between 2 and the number of items (15); it is 1`},
	{"threshold-median-ms", 41, 16, `median_ms must lie between 1 and 600000 milliseconds; it is 700000`},
	{"threshold-min-answered", 15, 17, `min_answered is a share and must lie between 0 and 1`},
	{"threshold-flag-at", 19, 14, `flag_at must lie between 0 and 100; it is 120`},
	{"cut-out-of-range", 18, 24, `a cut point must lie between 0 and 100; it is 100`},
	{"cuts-not-increasing", 27, 16, `cut points must strictly increase`},
	{"label-count", 29, 7, `scoring.dimension_bands: 2 cut points need 3 band labels; there are 2`},
	// goccy/go-yaml finds the unclosed brace of line 5 at the next token.
	{"syntax-error", 6, 1, `YAML syntax error: ',' or '}' must be specified`},
	{"wrong-kind", 5, 8, `title must give text per language`},
	{"wrong-type", 41, 16, `validity.thresholds.median_ms must be a whole number`},
	{"empty", 0, 0, `the file is empty`},
}

func TestBrokenBanks(t *testing.T) {
	t.Parallel()
	for _, tc := range brokenBanks {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", "broken", tc.file+".yaml")
			_, err := bank.Load(path, i18n.EN)
			testkit.Problems(t, err, testkit.At(tc.line, tc.col, tc.phrase))
			if de := testkit.Diag(t, err); de.File != path {
				t.Errorf("error names file %q, want %q", de.File, path)
			}
			prefix := path + ":"
			if !strings.HasPrefix(err.Error(), prefix) {
				t.Errorf("message %q does not start with %q", err.Error(), prefix)
			}
		})
	}
}

// TestWrongTypes: a value of the wrong kind is named by its path in the
// bank, not by Go's type names.
func TestWrongTypes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ from, to, want string }{
		{`keyed: flat, im: true}`, `keyed: flat, im: maybe}`, `:70:62: items[2].im must be true or false.`},
		{`min_answered: 0.75`, `min_answered: most`, `:15:17: scoring.min_answered must be a number.`},
		{`title: {zh: "小题库", en: "Small bank"}`, `title: {zh: [a, b], en: "x"}`, `:5:13: title.zh must be a piece of text.`},
		{`cuts: [30, 70]`, `cuts: [30, {a: 1}]`, `:27:16: scoring.dimension_bands.cuts[1] must be a single value, not a list or mapping.`},
		{"id: small", "id: [small]", `:2:5: id must be a single value, not a list or mapping.`},
	} {
		data := strings.Replace(readSmall(t), tc.from, tc.to, 1)
		_, err := bank.Parse("t.yaml", []byte(data), i18n.EN)
		testkit.Diag(t, err)
		if got := err.Error(); got != "t.yaml"+tc.want {
			t.Errorf("%s:\n got %s\nwant t.yaml%s", tc.to, got, tc.want)
		}
	}
}

// TestAllProblemsReported: a file with seven problems reports all seven,
// sorted by position, the way a trainer fixes them top to bottom.
func TestAllProblemsReported(t *testing.T) {
	t.Parallel()
	path := filepath.Join("testdata", "broken", "multi.yaml")
	_, err := bank.Load(path, i18n.EN)
	want := []testkit.Want{
		testkit.At(3, 10, "missing version"),
		testkit.At(38, 22, "pair_difference must lie between 1 and 4; it is 7"),
		testkit.At(58, 11, `behaviours[0].name has no text in language "en"`),
		testkit.At(71, 5, "missing items[3].text"),
		testkit.At(71, 15, `unknown field "txt" in items[3]; did you mean "text"?`),
		testkit.At(74, 10, `duplicate id "I04" (already used on line 72)`),
		testkit.At(82, 60, `unknown behaviour "BX"`),
	}
	testkit.Problems(t, err, want...)
	if n := strings.Count(err.Error(), "\n") + 1; n != len(want) {
		t.Errorf("message has %d lines, want one per problem:\n%v", n, err)
	}
}

// TestChineseMessages: the same mistakes, in the default language.
func TestChineseMessages(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ file, phrase string }{
		{"unknown-field", `dimensions[0] 中有未知字段 "recomendations"，是不是想写 "recommendations"？`},
		{"duplicate-id", `id "I03" 重复（第 71 行已用过）`},
		{"behaviour-too-few", "表现 BB 只有 3 道题，至少需要 4 道"},
		{"pair-too-close", "一致性题对 I01 和 I05 只隔 6 个位置，至少要隔 10 个"},
		{"syntax-error", "YAML 语法错误"},
		{"empty", "文件是空的"},
		// the top level is named in Chinese, without a stray space
		{"unknown-top-field", `题库顶层中有未知字段 "author"。可用的字段：`},
	} {
		_, err := bank.Load(filepath.Join("testdata", "broken", tc.file+".yaml"), i18n.ZH)
		testkit.Diag(t, err)
		if !strings.Contains(err.Error(), tc.phrase) {
			t.Errorf("%s: %q lacks %q", tc.file, err, tc.phrase)
		}
	}
}

// TestChineseIDSaysWhere: a bank author's first edit is often a Chinese
// id; the message says which letters are meant and where a Chinese name
// goes (the newcomer trial read "只能包含字母" as allowing 汉字).
func TestChineseIDSaysWhere(t *testing.T) {
	t.Parallel()
	data := strings.Replace(readSmall(t), "id: small", "id: 城管局-2026", 1)
	_, err := bank.Parse("t.yaml", []byte(data), i18n.ZH)
	testkit.Problems(t, err, testkit.At(2, 5, `id "城管局-2026" 只能包含英文字母、数字、- 和 _，例如 id: my-bank；中文名称请写在 title 里。`))
	_, err = bank.Parse("t.yaml", []byte(data), i18n.EN)
	testkit.Problems(t, err, testkit.At(2, 5, `may hold only ASCII letters, digits, - and _, e.g. id: my-bank; a name in Chinese belongs in title.`))
}

// TestFileLevelErrors: problems with the file itself, not its content,
// name the file and carry no position.
func TestFileLevelErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	commentsOnly := filepath.Join(dir, "comments.yaml")
	if err := os.WriteFile(commentsOnly, []byte("# nothing here yet\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, path, phrase string }{
		{"directory", dir, "this is a directory, not a file"},
		{"missing", filepath.Join(dir, "nope.yaml"), "no such file. Check the path."},
		{"comments only", commentsOnly, "the file is empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := bank.Load(tc.path, i18n.EN)
			de := testkit.Diag(t, err)
			if len(de.Problems) != 1 || de.Problems[0].Line != 0 || !strings.Contains(de.Problems[0].Msg, tc.phrase) {
				t.Errorf("got %v, want one file-level problem …%s…", err, tc.phrase)
			}
			if !strings.HasPrefix(err.Error(), tc.path+": ") {
				t.Errorf("message %q does not start with the path", err)
			}
		})
	}
}

// TestDeeplyNestedBankIsRefusedAtOnce: the YAML parser takes time and
// memory quadratic in the nesting of flow collections. A 100 KB file of
// 50,000 "[" took 23 s and 3.9 GB to refuse, and a 4 MiB one never ended:
// one file handed to a trainer (bank validate, --bank, a --banks folder)
// stopped their machine. Banks nest a few levels; deeper is refused
// before parsing, with the line.
func TestDeeplyNestedBankIsRefusedAtOnce(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		src       string
		line, col int
	}{
		{"id: x\ntitle: " + strings.Repeat("[", 50000) + strings.Repeat("]", 50000) + "\n", 2, 8 + 64},
		{"id: x\ntitle: " + strings.Repeat("{a: ", 20000) + "1" + strings.Repeat("}", 20000) + "\n", 2, 8 + 64*4},
		{"id: x\ntitle:\n  - " + strings.Repeat("[\n", 30000) + strings.Repeat("]", 30000) + "\n", 3 + 64, 1},
	} {
		start := time.Now()
		_, err := bank.Parse("deep.yaml", []byte(tc.src), i18n.EN)
		if el := time.Since(start); el > time.Second {
			t.Errorf("refusing a deeply nested bank took %v", el)
		}
		testkit.Problems(t, err, testkit.At(tc.line, tc.col, "nested more than 64 levels"))
	}
	// Brackets inside quoted text, comments and plain text are not nesting.
	src := "id: x # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n" +
		"title: {zh: \"" + strings.Repeat("[", 200) + "\", en: '" + strings.Repeat("{", 200) + "'}\n" +
		"purpose: {zh: 见" + strings.Repeat("【", 200) + "}\n"
	_, err := bank.Parse("text.yaml", []byte(src), i18n.EN)
	if err != nil && strings.Contains(err.Error(), "nested") {
		t.Errorf("brackets in text were taken for nesting: %v", err)
	}
}

// TestBigBankIsRefusedAtOnce: the parser costs about 10 µs a token, so a
// 4 MiB file of one long list took 44 s and 1.8 GB before it was refused.
// A bank is a few dozen KiB (the default 43 KB): beyond MaxFileSize the
// file is refused unread.
func TestBigBankIsRefusedAtOnce(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(path, []byte("a: ["+strings.Repeat("x,", 700_000)+"x]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err := bank.Load(path, i18n.EN)
	if el := time.Since(start); el > time.Second {
		t.Errorf("refusing a 1.4 MB bank took %v", el)
	}
	if err == nil || !strings.Contains(err.Error(), "bytes") {
		t.Errorf("a 1.4 MB bank: %v, want it refused for its size", err)
	}
}
