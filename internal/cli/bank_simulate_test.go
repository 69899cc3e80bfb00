package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const bank100 = "../../questions/tangping-default.yaml"

// TestBankSimulate: the table names every rule and kind; --json gives
// the same run as data; bad settings are usage errors.
func TestBankSimulate(t *testing.T) {
	t.Parallel()
	r := runTangping(t, zhEnv, "bank", "simulate", bank100, "-n", "300")
	for _, want := range []string{"tangping-default 1.0.0", "每类 300 人，种子 1", "认真作答", "随机作答", "全选从不",
		"不一致 ≥2 对差 ≥2", "连续相同 ≥10 题", "过快 <1500 毫秒", "任一提示", "目标："} {
		if !strings.Contains(r.out, want) {
			t.Errorf("bank simulate lacks %q:\n%s", want, r.out)
		}
	}
	r = runTangping(t, enEnv, "bank", "simulate", bank100, "-n", "300", "--seed", "5", "--sigma", "1.2", "--json")
	var out struct {
		N      int
		Seed   uint64
		Model  struct{ Sigma float64 }
		Groups []struct {
			Kind  string
			Flags map[string]struct{ Hits, N int }
		}
		Targets []struct{ Met bool }
	}
	if err := json.Unmarshal([]byte(r.out), &out); err != nil {
		t.Fatalf("exit %d, %v: %s %s", r.code, err, r.out, r.errOut)
	}
	if out.N != 300 || out.Seed != 5 || out.Model.Sigma != 1.2 || len(out.Groups) != 5 || len(out.Targets) != 3 {
		t.Errorf("--json: %+v", out)
	}
	for _, g := range out.Groups {
		if len(g.Flags) != 4 || g.Flags["inconsistent_pairs"].N != 300 {
			t.Errorf("%s: %+v", g.Kind, g.Flags)
		}
	}
	if !strings.Contains(runTangping(t, enEnv, "bank", "simulate", bank100, "-n", "300", "--sigma", "1.2").out, "for reference only") {
		t.Error("a run off the default model does not say its target check is for reference only")
	}
	// -o, as on every command that writes: atomically, mode 0600
	file := filepath.Join(t.TempDir(), "simulate.txt")
	if r := runTangping(t, zhEnv, "bank", "simulate", "-n", "50", "-o", file); r.code != 0 || r.out != "" {
		t.Errorf("bank simulate -o: exit %d, stdout %q, stderr %q", r.code, r.out, r.errOut)
	}
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("bank simulate -o wrote %v (%v), want mode 0600", fi, err)
	} else if b, _ := os.ReadFile(file); !strings.Contains(string(b), "认真作答") {
		t.Errorf("bank simulate -o wrote %q", b)
	}
	checkBadInput(t, runTangping(t, enEnv, "bank", "simulate", "-n", "0"), "-n must lie between 1 and 1000000")
	checkBadInput(t, runTangping(t, enEnv, "bank", "simulate", "--sigma", "-1"), "--sigma and --trait-sd must not be negative")
}

// TestBankShowRulesAndCauses: bank show says when each validity flag is
// raised and which cause classes the outline uses, as the bank says.
func TestBankShowRulesAndCauses(t *testing.T) {
	t.Parallel()
	r := runTangping(t, enEnv, "bank", "show", bank100)
	for _, want := range []string{"inconsistency: ≥2 pairs whose keyed values differ by ≥2",
		"straight_lining: ≥10 identical answers in a row", "The outline's cause classes",
		"Responsibility: fear of blame  [B03]  listed when what it explains is flagged"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("bank show lacks %q:\n%s", want, r.out)
		}
	}
}
