package cli

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tangping-dev/tangping/internal/i18n"
)

// pathFlags name a file or directory. Left out, most have a default (the
// built-in bank, standard output, the state directory); given empty, they
// are a mistake.
var pathFlags = []string{"bank", "banks", "answers", "out", "output", "data"}

// emptyInput rejects an empty argument or an empty path flag. An unset
// shell variable ("$BANK") must not quietly mean the built-in bank or
// standard output, nor print "：题库有效" for a file nobody named.
func emptyInput(cmd *cobra.Command, args []string, l i18n.Lang) error {
	for i, a := range args {
		if strings.TrimSpace(a) == "" {
			return usagef(l, "第 %d 个参数是空的：请给出文件或目录的路径（是不是某个 shell 变量没有设置？）。",
				"argument %d is empty: give a file or directory path (is a shell variable unset?).", i+1)
		}
	}
	var err error
	cmd.Flags().Visit(func(f *pflag.Flag) {
		values := []string{f.Value.String()}
		if sv, ok := f.Value.(pflag.SliceValue); ok {
			values = sv.GetSlice() // --bank a.yaml --bank ""
		}
		if err != nil || !slices.ContainsFunc(values, func(v string) bool { return strings.TrimSpace(v) == "" }) {
			return
		}
		for _, name := range pathFlags {
			if f.Name == name {
				err = usagef(l, "--%s 的值是空的：请给出路径（是不是某个 shell 变量没有设置？）。",
					"--%s is empty: give a path (is a shell variable unset?).", name)
			}
		}
	})
	return err
}
