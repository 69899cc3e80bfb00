package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// serve join-sheet writes the sheet with the code given; without one it
// reads the session's, and a session that does not exist is bad input
// that names those that do.
func TestServeJoinSheet(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "加入.html")
	r := runTangping(t, zhEnv, "serve", "join-sheet", "--http", "192.168.1.20:23235", "--code", "k7m2-pq4x", "--session", "支部学习-0514", "-o", out)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.errOut)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"http://192.168.1.20:23235", "K7M2-PQ4X", "支部学习-0514", "<svg"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the sheet lacks %q", want)
		}
	}
	// Behind a reverse proxy the sheet announces the proxy's address.
	proxied := filepath.Join(t.TempDir(), "proxy.html")
	if r := runTangping(t, zhEnv, "serve", "join-sheet", "--url", "https://zice.example.gov.cn", "--code", "K7M2PQ4X", "-o", proxied); r.code != 0 {
		t.Fatalf("--url: exit %d: %s", r.code, r.errOut)
	}
	if page, _ := os.ReadFile(proxied); !strings.Contains(string(page), ">https://zice.example.gov.cn<") || strings.Contains(string(page), "指纹") {
		t.Errorf("the proxied sheet does not announce https://zice.example.gov.cn alone")
	}
	checkBadInput(t, runTangping(t, zhEnv, "serve", "join-sheet", "--url", "ftp://x", "--code", "K7M2PQ4X"), "应是 http:// 或 https://")
	checkBadInput(t, runTangping(t, zhEnv, "serve", "join-sheet", "--code", "K7M2PQ4X"), "请用 --http 给出手机连接的地址")
	checkBadInput(t, runTangping(t, zhEnv, "serve", "join-sheet", "--http", "192.168.1.20:23235", "--code", "SHORT"), "--code \"SHORT\" 不可用")
	checkBadInput(t, runTangping(t, zhEnv, "serve", "join-sheet", "--http", "192.168.1.20:23235", "--data", t.TempDir()), "里没有会话数据")
}
