package cli

import (
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tangping-dev/tangping/internal/i18n"
)

// helpWidth is the terminal width the help pages must fit: fang wraps
// the long description to it and leaves the command and flag lists
// unwrapped, so that a longer line breaks in the middle of a word.
const helpWidth = 80

// listKey is how fang shows a command in its parent's list: the use line
// without placeholders, then [command] and [--flags] when they apply.
func listKey(c *cobra.Command) string {
	u := c.Use
	for _, k := range []string{"[args]", "[flags]", "[--flags]", "[command]"} {
		u = strings.ReplaceAll(u, k, "")
	}
	u = strings.TrimSpace(u)
	if c.HasAvailableSubCommands() {
		u += " [command]"
	}
	if c.HasFlags() || c.HasPersistentFlags() || c.HasAvailableFlags() {
		u += " [--flags]"
	}
	return u
}

// flagKey and flagText are how fang lists a flag and its description.
func flagKey(f *pflag.Flag) string {
	if f.Shorthand != "" {
		return "-" + f.Shorthand + " --" + f.Name
	}
	return "--" + f.Name
}

func flagText(f *pflag.Flag) string {
	s := f.Usage
	if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
		s += " (" + f.DefValue + ")"
	}
	return s
}

// TestHelpFitsEightyColumns: the first help page, tangping --help, reads
// at 80 columns in both languages (command names used to carry every flag,
// so each description wrapped onto a line of its own), and fang's
// capitalising of a description's first word never reaches a Latin word
// inside Chinese text ("格式：Text、Md、Html", "个人报告；--Outline").
func TestHelpFitsEightyColumns(t *testing.T) {
	t.Parallel()
	for _, l := range []i18n.Lang{i18n.ZH, i18n.EN} {
		a := &App{Lang: l, Getenv: func(string) string { return "" }, Now: time.Now}
		root := a.newRoot()
		for line := range strings.SplitSeq(root.Long, "\n") {
			if w := ansi.StringWidth(line); w > helpWidth-4 {
				t.Errorf("%s: tangping --help: a line of the description is %d columns (max %d): %s", l, w, helpWidth-4, line)
			}
		}
		for _, r := range listRows(root) {
			if w := 4 + listSpace(root) + ansi.StringWidth(r.text); w > helpWidth {
				t.Errorf("%s: tangping --help: %q is %d columns wide (max %d): %s", l, r.key, w, helpWidth, r.text)
			}
		}
		if l != i18n.ZH {
			continue
		}
		var walk func(c *cobra.Command)
		walk = func(c *cobra.Command) {
			if c.Name() == "completion" {
				return // cobra's own English texts
			}
			for _, r := range listRows(c) {
				first, _, _ := strings.Cut(strings.TrimLeftFunc(r.text, unicode.IsSpace), " ")
				if strings.IndexFunc(first, func(r rune) bool { return r < 128 && unicode.IsLetter(r) }) >= 0 {
					t.Errorf("%s: %q: fang capitalises the Latin letters in the first word %q", c.CommandPath(), r.key, first)
				}
			}
			for _, sub := range c.Commands() {
				walk(sub)
			}
		}
		walk(root)
	}
}

type helpRow struct{ key, text string }

// listRows are the command and flag lines of c's help page.
func listRows(c *cobra.Command) []helpRow {
	var rows []helpRow
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() || sub.Name() == "help" {
			rows = append(rows, helpRow{listKey(sub), sub.Short})
		}
	}
	fs := c.NonInheritedFlags()
	fs.AddFlagSet(c.InheritedFlags())
	fs.VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			rows = append(rows, helpRow{flagKey(f), flagText(f)})
		}
	})
	return rows
}

// listSpace is the width fang gives the key column: the widest key plus
// two, at least ten.
func listSpace(c *cobra.Command) int {
	space := 10
	for _, r := range listRows(c) {
		space = max(space, ansi.StringWidth(r.key)+2)
	}
	return space
}
