package testkit

import (
	"flag"
	"runtime"
	"strconv"
)

// WaitingTests lets up to n parallel tests of a package run at once
// unless -test.parallel was given. Go's default is GOMAXPROCS, right
// for tests that compute; tests that mostly wait (on frames drawn at a
// fixed pace, on child processes, on a browser) leave the cores idle at
// that bound. Call it from TestMain before m.Run (docs/architecture.md
// §8).
func WaitingTests(n int) {
	if !flag.Parsed() {
		flag.Parse()
	}
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.parallel" })
	if !given && n > runtime.GOMAXPROCS(0) {
		_ = flag.Set("test.parallel", strconv.Itoa(n))
	}
}
