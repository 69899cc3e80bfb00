package cli_test

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/server"
	"github.com/tangping-dev/tangping/internal/store"
)

func TestServeRefusesUnusableOptions(t *testing.T) {
	t.Parallel()
	data := filepath.Join(t.TempDir(), "data")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--code", "1234567"}, "8–32 位字母或数字"},
		{[]string{"--code", "12 34"}, "8–32 位字母或数字"},
		{[]string{"--min-group", "2"}, "--min-group 至少为 3"},
		{[]string{"--idle-timeout", "10s"}, "至少 1 分钟"},
		{[]string{"--listen", "23234"}, "不是“地址:端口”"},
		{[]string{"--max-sessions", "0"}, "--max-sessions 至少为 1"},
		// Port 99999 failed only when listening, as a runtime error (exit 1).
		{[]string{"--listen", "127.0.0.1:99999"}, "端口应为 0–65535 的数字"},
		{[]string{"--listen", "127.0.0.1:ssh"}, "端口应为 0–65535 的数字"},
	} {
		r := runTangping(t, zhEnv, append([]string{"serve", "--data", data}, c.args...)...)
		if r.code != 2 || !strings.Contains(r.errOut, c.want) {
			t.Errorf("serve %v: exit %d, stderr %q; want exit 2 saying %q", c.args, r.code, r.errOut, c.want)
		}
	}
}

// TestServeDataIsAFile: --data naming a file is bad usage, said in words
// (it was "mkdir FILE: not a directory", exit 1).
func TestServeDataIsAFile(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	checkBadInput(t, runTangping(t, zhEnv, "serve", "--data", file), "--data "+file+" 是一个文件，不是目录")
	// The same for export's OUTDIR (it said "mkdir FILE: not a directory").
	checkBadInput(t, runTangping(t, zhEnv, "serve", "export", "--data", t.TempDir(), file), file+" 是一个文件：导出需要一个目录")
}

func TestServeExportAndGroupNeedAServeDataDirectory(t *testing.T) {
	t.Parallel()
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

// TestServePortInUse: a port already taken (another tangping serve, most
// likely) is said in words, with another port to try.
func TestServePortInUse(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	r := runTangping(t, zhEnv, "serve", "--listen", addr, "--data", t.TempDir())
	if r.code != 1 || !strings.Contains(r.errOut, "地址 "+addr+" 已被占用") || !strings.Contains(r.errOut, "换一个端口") {
		t.Errorf("exit %d, stderr %q", r.code, r.errOut)
	}
}

// TestDataURLNeverShowsItsPassword: a database that cannot be reached is
// said with its URL, never with the password in it, on screen or in
// the log.
func TestDataURLNeverShowsItsPassword(t *testing.T) {
	t.Parallel()
	const secret = "S3cretPW"
	url := "postgres://tangping:" + secret + "@127.0.0.1:1/x?sslmode=disable&connect_timeout=2"
	state := t.TempDir()
	env := map[string]string{"LANG": "en_US.UTF-8", "HOME": t.TempDir(), "XDG_STATE_HOME": state}
	for _, args := range [][]string{
		{"serve", "--data", url, "--listen", "127.0.0.1:0"},
		{"serve", "export", "--data", url, filepath.Join(t.TempDir(), "out")},
		{"group", "--data", url},
	} {
		r := runTangping(t, env, args...)
		if r.code == 0 || strings.Contains(r.errOut+r.out, secret) || !strings.Contains(r.errOut, "tangping:xxxxx@127.0.0.1:1/x") {
			t.Errorf("%s: exit %d, stderr %q; want a failure naming the database without its password", args[0:2], r.code, r.errOut)
		}
	}
	log, err := os.ReadFile(filepath.Join(state, "tangping", "serve", "serve.log"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(log), secret) {
		t.Errorf("the log holds the password:\n%s", log)
	}
}

// TestDataOtherURLIsRefused: --data mysql://… was a folder named "mysql:".
func TestDataOtherURLIsRefused(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, args := range [][]string{
		{"serve", "--data", "mysql://u:pw@db/x"},
		{"serve", "export", "--data", "mysql://u:pw@db/x", "out"},
		{"group", "--data", "mysql://u:pw@db/x"},
	} {
		checkBadInput(t, runTangping(t, zhEnv, args...), "只支持数据目录或 postgres:// 数据库地址")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a refused --data left %v behind", entries)
	}
}

// TestServeExportOfAnUnknownSessionNamesTheOnesThatExist: a mistyped
// --session said "已导出 0 份结果" with exit 0.
func TestServeExportOfAnUnknownSessionNamesTheOnesThatExist(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	st, err := store.OpenSQLite(filepath.Join(data, server.DBFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"支部学习-0514", "2026-05-15"} {
		if err := st.SaveSession(context.Background(), store.Session{Name: name, Code: "K7M2PQ4X", CreatedAt: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	out := filepath.Join(t.TempDir(), "out")
	r := runTangping(t, zhEnv, "serve", "export", "--data", data, "--session", "支部学习-514", out)
	checkBadInput(t, r, `没有名为 "支部学习-514" 的会话`, "支部学习-0514", "2026-05-15")
	if _, err := os.Stat(out); err == nil {
		t.Error("the output directory was created for nothing")
	}
}
