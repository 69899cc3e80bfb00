//go:build unix

package cli

import "testing"

// TestLockDataDir: while one tangping serve holds a data directory, a
// second is told so (two servers on one directory each showed their own
// session code and counts over one database); once released, it is free.
func TestLockDataDir(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	release, busy, err := lockDataDir(dir)
	if err != nil || busy {
		t.Fatalf("first lock: busy %v, %v", busy, err)
	}
	if _, busy, err := lockDataDir(dir); err != nil || !busy {
		t.Errorf("second lock while held: busy %v, %v; want busy", busy, err)
	}
	release()
	again, busy, err := lockDataDir(dir)
	if err != nil || busy {
		t.Fatalf("after release: busy %v, %v", busy, err)
	}
	again()
}
