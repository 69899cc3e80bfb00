//go:build !windows

package take

import (
	"cmp"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Every start of the program runs the initialisation of every package
// linked in, whatever the command; a questionnaire must not pay for the
// spreadsheet writer, the server or the join code (docs/performance.md).
// Allocations at initialisation are counted, not timed, so the bound
// holds on a loaded machine: about 1,750 allocations and 260 KB today,
// 23,000 and 1.6 MB when a general spreadsheet library was linked in.
func TestStartUpInitialisesLittle(t *testing.T) {
	const maxAllocs, maxBytes = 4000, 512 << 10
	cmd := exec.Command(bin, "--version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("tangping --version: %v\n%s", err, out)
	}
	type pkg struct {
		name          string
		allocs, bytes int
	}
	var pkgs []pkg
	var allocs, bytes int
	for line := range strings.Lines(string(out)) {
		// init NAME @T ms, C ms clock, B bytes, A allocs
		f := strings.Fields(line)
		if len(f) != 11 || f[0] != "init" || f[8] != "bytes," || f[10] != "allocs" {
			continue
		}
		b, err1 := strconv.Atoi(f[7])
		a, err2 := strconv.Atoi(f[9])
		if err1 != nil || err2 != nil {
			t.Fatalf("unreadable trace line %q", line)
		}
		pkgs = append(pkgs, pkg{f[1], a, b})
		allocs, bytes = allocs+a, bytes+b
	}
	if len(pkgs) < 50 {
		t.Fatalf("only %d packages in the init trace:\n%s", len(pkgs), out)
	}
	t.Logf("%d packages initialised: %d allocations, %d bytes", len(pkgs), allocs, bytes)
	if allocs > maxAllocs || bytes > maxBytes {
		slices.SortFunc(pkgs, func(x, y pkg) int { return cmp.Compare(y.bytes, x.bytes) })
		var top strings.Builder
		for _, p := range pkgs[:min(8, len(pkgs))] {
			fmt.Fprintf(&top, "\n  %s: %d allocations, %d bytes", p.name, p.allocs, p.bytes)
		}
		t.Errorf("start-up initialisation takes %d allocations and %d bytes (at most %d and %d); the largest:%s",
			allocs, bytes, maxAllocs, maxBytes, top.String())
	}
}
