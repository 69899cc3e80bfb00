package textwrap

import (
	"runtime"
	"syscall"
	"time"
)

// onThreadCPU runs f on one locked OS thread and returns the CPU time the
// thread spent: unlike the wall clock, it does not grow when the machine
// is busy with other work.
func onThreadCPU(f func()) time.Duration {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	const rusageThread = 1 // RUSAGE_THREAD
	var before, after syscall.Rusage
	_ = syscall.Getrusage(rusageThread, &before)
	f()
	_ = syscall.Getrusage(rusageThread, &after)
	cpu := func(r syscall.Rusage) time.Duration {
		return time.Duration(r.Utime.Nano() + r.Stime.Nano())
	}
	return cpu(after) - cpu(before)
}
