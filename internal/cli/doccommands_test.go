package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/i18n"
)

// docCommand is a tangping command line written in a document.
type docCommand struct {
	where string // file:line
	args  []string
}

var (
	docSpan  = regexp.MustCompile("`(tangping [^`\n]+)`")
	docBlock = regexp.MustCompile("(?s)```sh\n(.*?)```")
)

// docCommands are the tangping command lines of the READMEs and docs/*.md:
// code spans and lines of sh blocks that start with tangping, cut at a
// pipe, a redirection, && or a comment. Synopses with [optional] parts or
// a|b alternatives are not command lines and are left out.
func docCommands(t *testing.T) []docCommand {
	t.Helper()
	files, _ := filepath.Glob("../../docs/*.md")
	files = append(files, "../../README.md", "../../README.en.md")
	var out []docCommand
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		add := func(at int, line string) {
			for _, cut := range []string{" | ", " > ", " && ", " # ", " ; ", " 2>"} {
				line, _, _ = strings.Cut(line, cut)
			}
			if strings.ContainsAny(line, "[]…") || strings.Contains(line, "\\|") || strings.Contains(line, "...") {
				return
			}
			args, ok := shellWords(line)
			if !ok || len(args) < 2 || args[0] != "tangping" || slices.ContainsFunc(args, isPlaceholder) {
				return
			}
			out = append(out, docCommand{filepath.Base(f) + ":" + strconv.Itoa(strings.Count(text[:at], "\n")+1), args[1:]})
		}
		for _, m := range docSpan.FindAllStringSubmatchIndex(text, -1) {
			add(m[2], text[m[2]:m[3]])
		}
		for _, m := range docBlock.FindAllStringSubmatchIndex(text, -1) {
			off := m[2]
			for line := range strings.SplitSeq(text[m[2]:m[3]], "\n") {
				if s := strings.TrimSpace(line); strings.HasPrefix(s, "tangping ") {
					add(off, s)
				}
				off += len(line) + 1
			}
		}
	}
	return out
}

// isPlaceholder reports whether a word stands for what the reader
// supplies (SHELL, FILE, 命令) rather than being typed as it is.
func isPlaceholder(w string) bool {
	return placeholder.MatchString(w) || w == "命令" || w == "command"
}

var placeholder = regexp.MustCompile(`^[A-Z][A-Z_]+$`)

// shellWords splits a command line as sh would for plain words and
// quoted strings; ok is false for anything else (variables, globs left
// unquoted do not matter here).
func shellWords(s string) (words []string, ok bool) {
	var cur strings.Builder
	in := false
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, in = r, true
		case r == ' ' || r == '\t':
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if quote != 0 {
		return nil, false
	}
	if in {
		words = append(words, cur.String())
	}
	return words, true
}

// TestDocumentedCommandsParse: every tangping command line the README and
// docs show names a command that exists, with flags it takes and values
// of the right kind, so that a newcomer copying one gets to the command
// and not to "unknown flag". (The documents also name commands without
// their arguments, `tangping group`, so the count is not checked.)
func TestDocumentedCommandsParse(t *testing.T) {
	t.Parallel()
	cmds := docCommands(t)
	if len(cmds) < 40 {
		t.Fatalf("only %d command lines found in the documents", len(cmds))
	}
	for _, dc := range cmds {
		root := (&App{Lang: i18n.ZH, Getenv: func(string) string { return "" }, Now: time.Now}).newRoot()
		cmd, rest, err := root.Find(dc.args)
		if err != nil {
			t.Errorf("%s: tangping %s: %v", dc.where, strings.Join(dc.args, " "), err)
			continue
		}
		if err := cmd.ParseFlags(rest); err != nil {
			t.Errorf("%s: tangping %s: %v", dc.where, strings.Join(dc.args, " "), err)
			continue
		}
		if cmd == root && len(cmd.Flags().Args()) > 0 {
			t.Errorf("%s: tangping %s: %q is not a command", dc.where, strings.Join(dc.args, " "), cmd.Flags().Args()[0])
		}
	}
}
