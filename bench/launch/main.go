// Command launch measures the time from starting a program in a pty to
// its first frame, for two programs side by side: run in pairs (A then
// B, order alternating), it prints each one's median and the median of
// the per-pair ratios A/B, which the machine's load moves far less than
// either time (docs/performance.md).
//
//	launch -n 30 -a-marker 躺平式 -b-marker bare -- A-CMD... -- B-CMD...
//
// The pty answers the background-colour (OSC 11) and device-attribute
// (DA1) queries at once, as a dark xterm does, then sends q once the
// marker has been drawn and waits for the program to exit. It prints
// each program's median peak memory (max RSS) too: the memory a program
// takes to show its first screen and quit.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
)

func main() {
	n := flag.Int("n", 30, "pairs of runs")
	am := flag.String("a-marker", "", "text of A's first frame")
	bm := flag.String("b-marker", "", "text of B's first frame")
	timeout := flag.Duration("timeout", 10*time.Second, "give up on one run after this")
	kill := flag.Bool("kill", false, "kill each program at its first frame instead of sending q (for profiling start-up alone)")
	flag.Parse()
	a, b, ok := split(flag.Args())
	if !ok || *am == "" || *bm == "" {
		fmt.Fprintln(os.Stderr, "usage: launch [-n N] -a-marker TEXT -b-marker TEXT -- A-CMD... -- B-CMD...")
		os.Exit(2)
	}
	env := append(os.Environ(), "TERM=xterm-256color")
	var ta, tb, ratios, ra, rb []float64
	for i := range *n {
		var da, db time.Duration
		var ma, mb float64
		var err error
		// Alternate which goes first, so that neither always runs on
		// the caches the other warmed.
		if i%2 == 0 {
			if da, ma, err = firstFrame(a, env, *am, *timeout, *kill); err == nil {
				db, mb, err = firstFrame(b, env, *bm, *timeout, *kill)
			}
		} else {
			if db, mb, err = firstFrame(b, env, *bm, *timeout, *kill); err == nil {
				da, ma, err = firstFrame(a, env, *am, *timeout, *kill)
			}
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "launch:", err)
			os.Exit(1)
		}
		ta, tb = append(ta, ms(da)), append(tb, ms(db))
		ra, rb = append(ra, ma), append(rb, mb)
		ratios = append(ratios, float64(da)/float64(db))
	}
	fmt.Printf("A %s: median %.1f ms (min %.1f)\n", a[0], median(ta), slices.Min(ta))
	fmt.Printf("B %s: median %.1f ms (min %.1f)\n", b[0], median(tb), slices.Min(tb))
	fmt.Printf("A/B median of %d paired ratios: %.2f\n", *n, median(ratios))
	if !*kill {
		fmt.Printf("max RSS, median: A %.1f MB, B %.1f MB\n", median(ra), median(rb))
	}
}

// split cuts "-- A... -- B..." (the first -- is eaten by flag).
func split(args []string) (a, b []string, ok bool) {
	i := slices.Index(args, "--")
	if i <= 0 || i == len(args)-1 {
		return nil, nil, false
	}
	return args[:i], args[i+1:], true
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// firstFrame starts argv in an 80×24 pty and returns the time until the
// marker has been written, and the program's peak memory in MB.
func firstFrame(argv, env []string, marker string, timeout time.Duration, kill bool) (time.Duration, float64, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = env
	start := time.Now()
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	seen := make(chan time.Duration, 1)
	go func() {
		var out bytes.Buffer
		buf := make([]byte, 8192)
		found := false
		for {
			n, err := f.Read(buf)
			out.Write(buf[:n])
			s := out.String()
			for range strings.Count(s, "\x1b]11;?") - strings.Count(s, "\x00bg") {
				_, _ = f.Write([]byte("\x1b]11;rgb:0000/0000/0000\x1b\\"))
				out.WriteString("\x00bg")
			}
			for range strings.Count(s, "\x1b[c") - strings.Count(s, "\x00da") {
				_, _ = f.Write([]byte("\x1b[?62;22c"))
				out.WriteString("\x00da")
			}
			if !found && strings.Contains(ansi.Strip(s), marker) {
				found = true
				seen <- time.Since(start)
			}
			if err != nil {
				return
			}
		}
	}()
	select {
	case d := <-seen:
		if kill {
			_ = cmd.Process.Kill()
		}
		_, _ = f.Write([]byte("q"))
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(timeout):
			_ = cmd.Process.Kill()
			<-done
		}
		var rss float64
		if u, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = float64(u.Maxrss) / 1024 // KB on Linux
		}
		return d, rss, nil
	case <-time.After(timeout):
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return 0, 0, errors.New(argv[0] + ": no first frame within " + timeout.String())
	}
}
