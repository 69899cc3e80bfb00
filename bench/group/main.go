// Command group generates synthetic result files for the group report's
// benchmark and demos: go run ./bench/group -n 100000 -dir /tmp/results.
// It writes with os.WriteFile (0600) rather than the fsynced atomic
// writer, so that making 100,000 files takes seconds, not minutes; the
// bytes are exactly what result.Encode produces.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/group/synth"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

func main() {
	n := flag.Int("n", 1000, "number of result files")
	dir := flag.String("dir", "", "folder to write into (created)")
	seed := flag.Uint64("seed", 1, "random seed")
	perDir := flag.Int("per-dir", 1000, "files per subfolder (0: all in one folder)")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "usage: group -n N -dir DIR")
		os.Exit(2)
	}
	if err := run(*n, *dir, *seed, *perDir); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(n int, dir string, seed uint64, perDir int) error {
	b, err := bank.Default(i18n.ZH)
	if err != nil {
		return err
	}
	g := synth.New(b, seed)
	for i := 1; i <= n; i++ {
		sub := dir
		if perDir > 0 {
			sub = filepath.Join(dir, fmt.Sprintf("batch%04d", (i-1)/perDir))
		}
		if (perDir > 0 && (i-1)%perDir == 0) || i == 1 {
			if err := os.MkdirAll(sub, 0o700); err != nil {
				return err
			}
		}
		r := g.Next()
		data, err := result.Encode(&r)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("r%06d.json", i)), data, 0o600); err != nil {
			return err
		}
	}
	return nil
}
