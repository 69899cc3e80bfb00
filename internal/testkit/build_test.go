package testkit

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// The binary cache stays bounded: what was used in the last hour stays
// (another checkout's tests may be running it), then the eight most
// recently used, and nothing unused for a day.
func TestBinaryCacheStaysBounded(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	ages := []time.Duration{ // of tangping-00 … tangping-12, by last use
		time.Minute, 10 * time.Minute, 20 * time.Minute, 30 * time.Minute, 40 * time.Minute,
		50 * time.Minute, 55 * time.Minute, 59 * time.Minute, 58 * time.Minute, // nine used within the hour
		2 * time.Hour, 3 * time.Hour, 25 * time.Hour, 30 * time.Hour,
	}
	for i, age := range ages {
		p := filepath.Join(dir, fmt.Sprintf("tangping-%02d", i))
		if err := os.WriteFile(p, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "lock"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	removeStale(dir, now)
	var left []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		left = append(left, e.Name())
	}
	want := []string{"lock", "tangping-00", "tangping-01", "tangping-02", "tangping-03", "tangping-04",
		"tangping-05", "tangping-06", "tangping-07", "tangping-08"}
	if !slices.Equal(left, want) {
		t.Errorf("left %v, want %v (the nine used within the hour, none older)", left, want)
	}
}
