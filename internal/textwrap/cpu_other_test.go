//go:build !linux

package textwrap

import "time"

// onThreadCPU falls back to the wall clock where there is no per-thread
// CPU time.
func onThreadCPU(f func()) time.Duration {
	start := time.Now()
	f()
	return time.Since(start)
}
