package cli_test

import (
	"strings"
	"testing"
)

const bank110 = "../../questions/tangping-default-1.1.0.yaml"

// TestBankValidateWarnsOnTargets: a bank whose rules cry wolf (1.0.0)
// is still valid (exit 0) but gets a warning naming the target it misses;
// the calibrated bank gets none.
func TestBankValidateWarnsOnTargets(t *testing.T) {
	t.Parallel()
	r := runTangping(t, enEnv, "bank", "validate", "../../questions/tangping-default.yaml")
	if r.code != 0 || !strings.Contains(r.errOut, "warning: ../../questions/tangping-default.yaml: the validity rules miss a target: attentive respondents with the inconsistency flag ≤ 5.0%: simulated 2") {
		t.Errorf("1.0.0: exit %d, stderr %q", r.code, r.errOut)
	}
	r = runTangping(t, enEnv, "bank", "validate", bank110)
	if r.code != 0 || r.errOut != "" || !strings.Contains(r.out, "the bank is valid (tangping-default 1.1.0") {
		t.Errorf("1.1.0: exit %d, stdout %q, stderr %q", r.code, r.out, r.errOut)
	}
}
