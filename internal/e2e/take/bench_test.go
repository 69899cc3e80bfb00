//go:build !windows

package take

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkBinaryFirstFrame: from starting the tangping process in a
// terminal to its welcome screen being drawn. Target ≤ 50 ms.
func BenchmarkBinaryFirstFrame(b *testing.B) {
	dir := b.TempDir()
	env := []string{"HOME=" + dir, "XDG_STATE_HOME=" + filepath.Join(dir, "state"), "PATH=" + os.Getenv("PATH"),
		"TERM=xterm-256color", "LANG=zh_CN.UTF-8"}
	for b.Loop() {
		tt := startTTY(b, env, "take", "--anonymous")
		tt.waitFor("躺平式干部自查自测")
		b.StopTimer()
		tt.send("q")
		tt.exitCode()
		b.StartTimer()
	}
}
