package cli

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/textwrap"
)

// Help pages are drawn here rather than by a library: their headings are
// in the interface language, and every line fits the terminal, 80
// columns at most (docs/development.md, "Help and man page").

const (
	maxHelpWidth = 80
	minHelpWidth = 40
)

// helpWords are the headings and placeholders of help and man pages.
type helpWords struct {
	usage, examples, commands, flags, command, flagsArg, def string
}

func wordsFor(l i18n.Lang) helpWords {
	if l == i18n.EN {
		return helpWords{"Usage", "Examples", "Commands", "Flags", "command", "flags", "default"}
	}
	return helpWords{"用法", "示例", "命令", "选项", "命令", "选项", "默认"}
}

// helpFunc prints c's help page on the command's output.
func (a *App) helpFunc(c *cobra.Command, _ []string) {
	env := a.colorEnviron()
	w := colorprofile.NewWriter(c.OutOrStdout(), env)
	w.Profile = colorprofile.Detect(a.Out, env)
	_, _ = fmt.Fprint(w, renderHelp(c, a.Lang, a.helpWidth()))
}

// helpWidth is the terminal's width, kept between 40 and 80 columns; 80
// when the output is not a terminal.
func (a *App) helpWidth() int {
	if f, ok := a.Out.(term.File); ok {
		if w, _, err := term.GetSize(f.Fd()); err == nil && w > 0 {
			return max(minHelpWidth, min(w, maxHelpWidth))
		}
	}
	return maxHelpWidth
}

// renderHelp lays out c's help page at width columns. Headings are bold;
// the writer drops the escape codes where the output takes none.
func renderHelp(c *cobra.Command, l i18n.Lang, width int) string {
	hw := wordsFor(l)
	heading := lipgloss.NewStyle().Bold(true)
	var b strings.Builder
	section := func(title string) {
		b.WriteString("\n" + heading.Render(title) + "\n")
	}
	desc := c.Long
	if desc == "" {
		desc = c.Short
	}
	for i, blk := range textBlocks(desc) {
		if i > 0 && blk.para {
			b.WriteByte('\n')
		}
		for _, line := range blk.lines {
			if blk.verbatim {
				b.WriteString("    " + line + "\n")
				continue
			}
			for _, w := range textwrap.Wrap(line, width-2) {
				b.WriteString("  " + w + "\n")
			}
		}
	}
	section(hw.usage)
	b.WriteString("  " + useLine(c, hw) + "\n")
	if ex := examples(c); len(ex) > 0 {
		section(hw.examples)
		for _, e := range ex {
			b.WriteString("  " + e + "\n")
		}
	}
	if subs := listedCommands(c); len(subs) > 0 {
		section(hw.commands)
		rows := make([][2]string, len(subs))
		for i, s := range subs {
			rows[i] = [2]string{s.Use, s.Short}
		}
		writeRows(&b, rows, width)
	}
	if fl := helpFlags(c); len(fl) > 0 {
		section(hw.flags)
		rows := make([][2]string, len(fl))
		for i, f := range fl {
			rows[i] = [2]string{flagKey(f), flagDesc(f, hw)}
		}
		writeRows(&b, rows, width)
	}
	return b.String()
}

// writeRows writes key–description rows: keys in a column two spaces in,
// descriptions wrapped in a second column. A key too wide for the column
// has its description on the next line.
func writeRows(b *strings.Builder, rows [][2]string, width int) {
	col := 0
	for _, r := range rows {
		col = max(col, textwrap.Width(r[0]))
	}
	col = min(col+4, width/3) // two in, two between
	for _, r := range rows {
		key := "  " + r[0]
		lines := textwrap.Wrap(r[1], width-col)
		if textwrap.Width(key)+2 > col {
			b.WriteString(key + "\n")
		} else {
			b.WriteString(key + strings.Repeat(" ", col-textwrap.Width(key)) + lines[0] + "\n")
			lines = lines[1:]
		}
		for _, l := range lines {
			b.WriteString(strings.Repeat(" ", col) + l + "\n")
		}
	}
}

// useLine is the command's synopsis: its path, its arguments, then
// placeholders for a subcommand and for flags.
func useLine(c *cobra.Command, hw helpWords) string {
	s := c.CommandPath()
	if _, args, ok := strings.Cut(c.Use, " "); ok {
		s += " " + args
	}
	if c.HasAvailableSubCommands() {
		if c.Runnable() {
			s += " [" + hw.command + "]"
		} else {
			s += " <" + hw.command + ">"
		}
	}
	if c.HasAvailableFlags() {
		s += " [" + hw.flagsArg + "]"
	}
	return s
}

// examples are the lines of c.Example without their indent.
func examples(c *cobra.Command) []string {
	var out []string
	for line := range strings.SplitSeq(c.Example, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// listedCommands are the subcommands a help page lists: every one that
// is not hidden, help included.
func listedCommands(c *cobra.Command) []*cobra.Command {
	var out []*cobra.Command
	for _, s := range c.Commands() {
		if !s.Hidden && s.Deprecated == "" {
			out = append(out, s)
		}
	}
	return out
}

// helpFlags are c's own and inherited flags, hidden ones left out, in
// name order.
func helpFlags(c *cobra.Command) []*pflag.Flag {
	var out []*pflag.Flag
	add := func(f *pflag.Flag) {
		if !f.Hidden && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	c.LocalFlags().VisitAll(add)
	c.InheritedFlags().VisitAll(add)
	slices.SortFunc(out, func(x, y *pflag.Flag) int { return strings.Compare(x.Name, y.Name) })
	return out
}

// flagKey is how a flag is listed: "-o, --output FILE" or "    --lang
// zh|en"; the value's name is the back-quoted word of the usage text,
// as pflag reads it.
func flagKey(f *pflag.Flag) string {
	name := valueName(f)
	if name != "" {
		name = " " + name
	}
	if f.Shorthand != "" {
		return "-" + f.Shorthand + ", --" + f.Name + name
	}
	return "    --" + f.Name + name
}

// placeholderKey is the flag annotation that names a flag's value where
// the name alone would mislead (serve export's -o is a folder).
const placeholderKey = "tangping_placeholder"

// placeholders name the value of a flag that takes one, so that "--bank"
// reads as "--bank FILE", not as a switch.
var placeholders = map[string]string{
	"bank": "FILE", "banks": "DIR", "output": "FILE", "answers": "FILE", "data": "DIR",
	"listen": "ADDR", "http": "ADDR", "url": "URL", "code": "CODE", "session": "NAME", "title": "TEXT",
	"format": "FORMAT", "by": "unit|role", "min-group": "K",
}

// valueName is how a flag's value is written in help and the man page:
// the back-quoted word of its usage text, as pflag reads it, else its
// annotation, its name's placeholder or one for its type; "" for a
// switch.
func valueName(f *pflag.Flag) string {
	name, _ := pflag.UnquoteUsage(f)
	switch {
	case strings.Contains(f.Usage, "`"):
		return name
	case f.Value.Type() == "bool":
		return ""
	case len(f.Annotations[placeholderKey]) > 0:
		return f.Annotations[placeholderKey][0]
	case placeholders[f.Name] != "":
		return placeholders[f.Name]
	}
	switch t := f.Value.Type(); {
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"):
		return "N"
	case strings.HasPrefix(t, "float"):
		return "X"
	case t == "duration":
		return "DURATION"
	}
	return "VALUE"
}

// flagDesc is a flag's usage text with its default value, if it has one
// worth saying.
func flagDesc(f *pflag.Flag, hw helpWords) string {
	_, usage := pflag.UnquoteUsage(f)
	switch f.DefValue {
	case "", "false", "0", "[]", "0s":
	default:
		if isWide(usage) {
			usage += "（" + hw.def + " " + f.DefValue + "）"
		} else {
			usage += " (" + hw.def + " " + f.DefValue + ")"
		}
	}
	return usage
}

// block is a piece of a command's description: lines of prose, each a
// sentence or more, or verbatim lines (indented in the source, such as a
// command to type). para is set when a blank line comes before it.
type block struct {
	verbatim, para bool
	lines          []string
}

// textBlocks splits a description into paragraphs at blank lines. In
// prose a line break after a sentence's end is kept; any other one only
// wraps the source and is joined, so that a sentence is never split.
// Lines indented by two spaces or a tab are kept verbatim.
func textBlocks(s string) []block {
	var out []block
	cur := func() *block {
		if len(out) == 0 {
			return nil
		}
		return &out[len(out)-1]
	}
	fresh := true
	for line := range strings.SplitSeq(strings.TrimRight(s, "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			fresh = true
			continue
		}
		verbatim := strings.HasPrefix(line, "  ") || strings.HasPrefix(line, "\t")
		if verbatim {
			line = strings.TrimPrefix(strings.TrimPrefix(line, "  "), "\t")
		} else {
			line = strings.TrimSpace(line)
		}
		b := cur()
		if fresh || b == nil || b.verbatim != verbatim {
			out = append(out, block{verbatim: verbatim, para: fresh && b != nil})
			b = cur()
			fresh = false
		} else if !verbatim && len(b.lines) > 0 && !endsSentence(b.lines[len(b.lines)-1]) {
			b.lines[len(b.lines)-1] = joinLines(b.lines[len(b.lines)-1], line)
			continue
		}
		b.lines = append(b.lines, line)
	}
	return out
}

// endsSentence reports whether a line ends a sentence or introduces
// what follows (a colon). A semicolon does neither: a break kept after
// one left a short orphan line ("…列出原因；" alone, then the rest).
func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("。！？：.!?:", r)
}

// joinLines joins two pieces of one sentence: with a space between Latin
// words, without one where either side is Chinese.
func joinLines(a, b string) string {
	last, _ := utf8.DecodeLastRuneInString(a)
	first, _ := utf8.DecodeRuneInString(b)
	if isWideRune(last) || isWideRune(first) {
		return a + b
	}
	return a + " " + b
}

func isWideRune(r rune) bool { return textwrap.Width(string(r)) == 2 }

// isWide reports whether s holds any Chinese text.
func isWide(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r > unicode.MaxASCII && isWideRune(r) }) >= 0
}
