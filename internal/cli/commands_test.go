package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

func TestBankValidate(t *testing.T) {
	t.Parallel()
	r := runTangping(t, zhEnv, "bank", "validate", "../../questions/tangping-default.yaml")
	if r.code != 0 || !strings.Contains(r.out, "题库有效（tangping-default 1.0.0，46 道题，10 种表现，6 个维度）") {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.out, r.errOut)
	}
	broken, _ := filepath.Glob("../bank/testdata/broken/*.yaml")
	for _, path := range broken {
		r := runTangping(t, zhEnv, "bank", "validate", path)
		checkBadInput(t, r, "错误："+path)
	}
	// Every problem of a file, one line each, in the interface language.
	r = runTangping(t, enEnv, "bank", "validate", "../bank/testdata/broken/multi.yaml")
	if n := strings.Count(r.errOut, "error: ../bank/testdata/broken/multi.yaml:"); n != 7 {
		t.Errorf("%d problem lines, want 7:\n%s", n, r.errOut)
	}
	checkBadInput(t, runTangping(t, zhEnv, "bank", "validate"), "需要 1 个参数")
}

func TestBankShowJSON(t *testing.T) {
	t.Parallel()
	r := runTangping(t, zhEnv, "bank", "show", "--json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.errOut)
	}
	var b bank.Bank
	if err := json.Unmarshal([]byte(r.out), &b); err != nil {
		t.Fatal(err)
	}
	if b.ID != "tangping-default" || len(b.Items) != 46 {
		t.Errorf("bank show --json: %s, %d items", b.ID, len(b.Items))
	}
	// The same field names as the YAML (docs/architecture.md).
	for _, key := range []string{`"items"`, `"behaviour"`, `"dimension"`, `"keyed"`, `"im"`, `"validity"`, `"recall_window"`} {
		if !strings.Contains(r.out, key) {
			t.Errorf("bank show --json lacks %s", key)
		}
	}
	r = runTangping(t, enEnv, "bank", "show")
	if r.code != 0 || !strings.Contains(r.out, "Items (46, in presentation order)") {
		t.Errorf("bank show: exit %d\n%s", r.code, r.out)
	}
}

// TestBankShowJSONReadsBack: the JSON of bank show is a bank. It held a
// "sha256" field the loader rejects, so it could not be read back.
func TestBankShowJSONReadsBack(t *testing.T) {
	t.Parallel()
	p := filepath.Join(t.TempDir(), "bank.json")
	if r := runTangping(t, enEnv, "bank", "show", "--json", "-o", p); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.errOut)
	}
	back, err := bank.Load(p, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	orig, _ := bank.Default(i18n.EN)
	back.SHA256, back.File = orig.SHA256, orig.File
	if !reflect.DeepEqual(back, orig) {
		t.Error("the bank read back from bank show --json differs from the original")
	}
	// And a result scored with it reports through it.
	res := filepath.Join(filepath.Dir(p), "r.json")
	if r := runTangping(t, enEnv, "score", "--answers", exampleAnswers, "--bank", p, "-o", res); r.code != 0 {
		t.Fatal(r.errOut)
	}
	if r := runTangping(t, enEnv, "report", res, "--bank", p); r.code != 0 {
		t.Errorf("report with the JSON bank: exit %d %s", r.code, r.errOut)
	}
}

func TestSchemaCommand(t *testing.T) {
	t.Parallel()
	for args, want := range map[string][]byte{
		"schema":        result.Schema(),
		"schema result": result.Schema(),
		"schema bank":   bank.Schema(),
	} {
		r := runTangping(t, zhEnv, strings.Fields(args)...)
		if r.code != 0 || r.out != string(want) {
			t.Errorf("%s: exit %d, %d bytes, want the %d-byte schema", args, r.code, len(r.out), len(want))
		}
	}
	checkBadInput(t, runTangping(t, zhEnv, "schema", "other"), `未知的 schema "other"：只能是 result 或 bank。`)
	checkBadInput(t, runTangping(t, enEnv, "schema", "other"), `unknown schema "other": use result or bank.`)
}

// TestLanguageOfMessages: a usage mistake is explained in the language
// of the environment, or of --lang, which wins.
func TestLanguageOfMessages(t *testing.T) {
	t.Parallel()
	zh := runTangping(t, zhEnv, "score", "--nope")
	checkBadInput(t, zh, "错误：未知选项：--nope\n", "运行 tangping score --help 查看用法。")
	en := runTangping(t, zhEnv, "score", "--nope", "--lang", "en")
	checkBadInput(t, en, "error: unknown flag: --nope", "Run tangping score --help for usage.")
	en = runTangping(t, enEnv, "score", "--nope")
	checkBadInput(t, en, "error: unknown flag: --nope")
	none := runTangping(t, map[string]string{}, "score", "--nope")
	checkBadInput(t, none, "未知选项")
	checkBadInput(t, runTangping(t, zhEnv, "--lang=fr", "schema"), `不支持的界面语言 "fr"`)
	checkBadInput(t, runTangping(t, zhEnv, "--lang", "fr", "schema"), `--lang 只能是 zh 或 en`)
	checkBadInput(t, runTangping(t, zhEnv, "scor"), `"scor" 不是 tangping 的命令。是不是想用 score？`)
	checkBadInput(t, runTangping(t, enEnv, "banks"), `"banks" is not a tangping command. Did you mean bank?`)
	checkBadInput(t, runTangping(t, enEnv, "nonsense"), `"nonsense" is not a tangping command. Run tangping --help`)
}

// TestMistypedSubcommandIsNamed: a mistyped command below the root, or
// after help, is named with the command meant and exits 2; `tangping help
// tkae` printed the root's page and `tangping completion bsah` the
// completion page, both with exit 0.
func TestMistypedSubcommandIsNamed(t *testing.T) {
	t.Parallel()
	checkBadInput(t, runTangping(t, zhEnv, "bank", "valdate", "x.yaml"), `"valdate" 不是 tangping bank 的命令。是不是想用 validate？运行 tangping bank --help 查看所有命令。`)
	checkBadInput(t, runTangping(t, enEnv, "serve", "exprot"), `"exprot" is not a command of tangping serve. Did you mean export? Run tangping serve --help`)
	checkBadInput(t, runTangping(t, zhEnv, "help", "tkae"), `"tkae" 不是 tangping 的命令。是不是想用 take？`)
	checkBadInput(t, runTangping(t, zhEnv, "help", "bank", "valdate"), `是不是想用 validate？`)
	checkBadInput(t, runTangping(t, zhEnv, "completion", "bsah"), `"bsah" 不是 tangping completion 的命令。是不是想用 bash`)
	if r := runTangping(t, zhEnv, "help", "bank", "validate"); r.code != 0 || !strings.Contains(r.out, "tangping bank validate PATH") {
		t.Errorf("help bank validate: exit %d\n%s%s", r.code, r.out, r.errOut)
	}
	if r := runTangping(t, zhEnv, "completion"); r.code != 0 || !strings.Contains(r.out, "powershell") {
		t.Errorf("completion alone: exit %d, want its help\n%s%s", r.code, r.out, r.errOut)
	}
}

// TestArgumentCountInTheInterfaceLanguage: a wrong number of arguments
// shows the synopsis with the help page's words; it said "[flags]" in
// Chinese.
func TestArgumentCountInTheInterfaceLanguage(t *testing.T) {
	t.Parallel()
	r := runTangping(t, zhEnv, "report")
	checkBadInput(t, r, "tangping report 需要 1 个参数，实际给了 0 个。用法：tangping report RESULT.json [选项]")
	checkBadInput(t, runTangping(t, zhEnv, "compare", "a.json"), "用法：tangping compare BEFORE AFTER [选项]")
	checkBadInput(t, runTangping(t, enEnv, "report"), "Usage: tangping report RESULT.json [flags]")
	if strings.Contains(r.errOut, "[flags]") {
		t.Errorf("English placeholder in a Chinese message: %q", r.errOut)
	}
}

// TestMistypedFlagIsNamed: a mistyped flag is answered with the flag
// meant, from the command's own and inherited flags, never a hidden
// alias, and with the --help of the command that was run.
func TestMistypedFlagIsNamed(t *testing.T) {
	t.Parallel()
	checkBadInput(t, runTangping(t, zhEnv, "take", "--fersh"), "错误：未知选项：--fersh。是不是想用 --fresh？\n运行 tangping take --help 查看用法。\n")
	checkBadInput(t, runTangping(t, enEnv, "report", "x.json", "--outpt", "r.md"), "error: unknown flag: --outpt. Did you mean --output?\nRun tangping report --help for usage.\n")
	checkBadInput(t, runTangping(t, zhEnv, "group", "--lnag", "en"), "是不是想用 --lang？")
	checkBadInput(t, runTangping(t, zhEnv, "serve", "export", "--sesion", "x"), "是不是想用 --session？", "运行 tangping serve export --help 查看用法。")
	r := runTangping(t, zhEnv, "group", "--bananas")
	checkBadInput(t, r, "错误：未知选项：--bananas\n")
	if strings.Contains(r.errOut, "是不是") {
		t.Errorf("a far-off flag got a suggestion: %q", r.errOut)
	}
}

// TestScoreOutProblems: an --out that cannot be written says which path
// and why, in the interface language, without temporary file names.
func TestScoreOutProblems(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := runTangping(t, zhEnv, "score", "--answers", exampleAnswers, "--out", dir)
	checkBadInput(t, r, "错误："+dir+": 这是一个目录，不是文件。请写上文件名，例如 "+filepath.Join(dir, "result.json"))
	if strings.Contains(r.errOut, ".tmp") {
		t.Errorf("stderr shows a temporary file: %q", r.errOut)
	}
	// A file where a folder should be: the write fails, exit 1, and the
	// message names the path given.
	file := filepath.Join(dir, "file.txt")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(file, "r.json")
	r = runTangping(t, enEnv, "score", "--answers", exampleAnswers, "--out", out)
	if r.code != 1 || !strings.HasPrefix(r.errOut, "error: "+out+": cannot write (not a directory)") || strings.Contains(r.errOut, ".tmp") {
		t.Errorf("exit %d, stderr %q", r.code, r.errOut)
	}
}

// Arguments rejected by cobra's own validators (the completion commands)
// are usage errors in the interface language too, not English runtime
// failures.
func TestCobraValidatorsAreUsageErrors(t *testing.T) {
	t.Parallel()
	checkBadInput(t, runTangping(t, zhEnv, "completion", "bash", "extra"), "错误：tangping completion bash 不接受参数 extra。")
	checkBadInput(t, runTangping(t, enEnv, "completion", "bash", "extra"), "error: tangping completion bash does not take the arguments extra.")
	checkBadInput(t, runTangping(t, zhEnv, "score", "-z"), "错误：未知的短选项：-z", "运行 tangping score --help 查看用法。")
}
