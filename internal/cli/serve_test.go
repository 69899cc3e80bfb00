package cli_test

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestServeRefusesUnusableOptions(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--code", "12"}, "4–32 位字母或数字"},
		{[]string{"--code", "12 34"}, "4–32 位字母或数字"},
		{[]string{"--min-group", "2"}, "--min-group 至少为 3"},
		{[]string{"--idle-timeout", "10s"}, "至少 1 分钟"},
		{[]string{"--listen", "23234"}, "不是“地址:端口”"},
		{[]string{"--max-sessions", "0"}, "--max-sessions 至少为 1"},
	} {
		r := runTangping(t, zhEnv, append([]string{"serve", "--data", data}, c.args...)...)
		if r.code != 2 || !strings.Contains(r.errOut, c.want) {
			t.Errorf("serve %v: exit %d, stderr %q; want exit 2 saying %q", c.args, r.code, r.errOut, c.want)
		}
	}
}

func TestServeExportAndGroupNeedAServeDataDirectory(t *testing.T) {
	empty := t.TempDir()
	r := runTangping(t, zhEnv, "serve", "export", "--data", empty, filepath.Join(t.TempDir(), "out"))
	if r.code != 2 || !strings.Contains(r.errOut, "没有会话数据") || !strings.Contains(r.errOut, empty) {
		t.Errorf("export from an empty directory: exit %d, %q", r.code, r.errOut)
	}
	r = runTangping(t, enEnv, "group", "--data", empty)
	if r.code != 2 || !strings.Contains(r.errOut, "no session data") {
		t.Errorf("group --data on an empty directory: exit %d, %q", r.code, r.errOut)
	}
	r = runTangping(t, zhEnv, "serve", "export", "--data", empty)
	if r.code != 2 {
		t.Errorf("export without OUTDIR: exit %d, %q", r.code, r.errOut)
	}
}
