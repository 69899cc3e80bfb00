package cli_test

import (
	"strings"
	"testing"
)

// TestBadFlagValues: a value that does not parse is explained in words,
// not with Go's parser error ("strconv.ParseInt: parsing …"), and the
// message is whole (it used to lack its closing parenthesis).
func TestBadFlagValues(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{zhEnv, []string{"group", ".", "--min-group", "abc"}, `错误：--min-group 的取值 "abc" 无效：应当是整数。`},
		{zhEnv, []string{"group", ".", "--min-group", "99999999999999999999"}, `错误：--min-group 的取值 "99999999999999999999" 无效：超出范围。`},
		{zhEnv, []string{"serve", "--idle-timeout", "half"}, `错误：--idle-timeout 的取值 "half" 无效：应当是时长，例如 30m、90s 或 1h。`},
		{zhEnv, []string{"report", "r.json", "--outline=maybe"}, `错误：--outline 的取值 "maybe" 无效：应当是 true 或 false。`},
		{enEnv, []string{"group", ".", "--min-group", "abc"}, `error: --min-group: "abc" is not valid: it must be a whole number.`},
		{zhEnv, []string{"group", ".", "-o"}, "错误：选项 -o 缺少取值。"},
		{enEnv, []string{"group", ".", "-o"}, "error: option -o needs a value."},
	} {
		r := runTangping(t, tc.env, tc.args...)
		checkBadInput(t, r, tc.want)
		for _, raw := range []string{"strconv", "time:", "' in -"} {
			if strings.Contains(r.errOut, raw) {
				t.Errorf("%q: stderr shows %q: %s", tc.args, raw, r.errOut)
			}
		}
	}
}
