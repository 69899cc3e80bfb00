// Command tangping is the lying-flat cadre self-check. Everything it does
// lives in internal/; see the README.
package main

import (
	"os"

	"github.com/tangping-dev/tangping/internal/cli"
)

func main() { os.Exit(cli.Main()) }
