package cli

import (
	"bytes"
	"context"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/tangping-dev/tangping/internal/i18n"
)

// runHelp runs tangping with args in language l and returns what it
// printed; the output is not a terminal, so help is laid out at 80.
func runHelp(t *testing.T, l i18n.Lang, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	a := &App{In: strings.NewReader(""), Out: &out, Err: &errOut,
		Getenv: func(string) string { return "" },
		Now:    func() time.Time { return time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC) }}
	if code := a.Run(context.Background(), append(args, "--lang", string(l))); code != 0 {
		t.Fatalf("tangping %s: exit %d\n%s", strings.Join(args, " "), code, errOut.String())
	}
	return out.String()
}

// allCommands is every command a person can ask help for, by path
// below the root ("" is the root).
func allCommands(l i18n.Lang) [][]string {
	root := (&App{Lang: l, Getenv: func(string) string { return "" }, Now: time.Now}).newRoot()
	root.InitDefaultHelpCmd()
	var out [][]string
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		out = append(out, path)
		for _, s := range c.Commands() {
			if !s.Hidden {
				walk(s, append(slices.Clone(path), s.Name()))
			}
		}
	}
	walk(root, nil)
	return out
}

// englishHeading matches a heading line in English: what fang, cobra's
// template or a man generator would print.
var englishHeading = regexp.MustCompile(`(?i)^\s*(usage|examples?|commands|flags|global flags|available commands|options)\s*:?\s*$`)

// TestHelpFitsEightyColumns: every command's help, in both languages,
// fits 80 columns, and the Chinese pages have Chinese headings and
// descriptions (the completion commands' were cobra's English).
func TestHelpFitsEightyColumns(t *testing.T) {
	t.Parallel()
	for _, l := range []i18n.Lang{i18n.ZH, i18n.EN} {
		cmds := allCommands(l)
		if len(cmds) < 20 {
			t.Fatalf("%s: only %d commands found", l, len(cmds))
		}
		for _, path := range cmds {
			page := runHelp(t, l, append(slices.Clone(path), "--help")...)
			name := strings.TrimSpace("tangping " + strings.Join(path, " "))
			for i, line := range strings.Split(page, "\n") {
				if w := ansi.StringWidth(line); w > maxHelpWidth {
					t.Errorf("%s %s --help, line %d is %d columns (max %d):\n%s", l, name, i+1, w, maxHelpWidth, line)
				}
				if l != i18n.ZH {
					continue
				}
				if englishHeading.MatchString(line) {
					t.Errorf("zh %s --help: English heading %q", name, line)
				}
				if strings.Contains(line, "[flags]") || strings.Contains(line, "[command]") {
					t.Errorf("zh %s --help: English placeholder in %q", name, line)
				}
			}
			if l == i18n.ZH {
				desc, _, _ := strings.Cut(strings.TrimLeft(page, "\n"), "\n\n")
				if !isWide(desc) {
					t.Errorf("zh %s --help: the description is not in Chinese:\n%s", name, desc)
				}
			}
		}
	}
}

// TestHelpListsWhatPeopleLookFor: the commands and flags a newcomer
// looks for are on the help pages.
func TestHelpListsWhatPeopleLookFor(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args []string
		want []string
	}{
		{nil, []string{"\n命令\n", "  man ", "  completion ", "  take ", "--lang zh|en", "-v, --version"}},
		{[]string{"take"}, []string{"--lang zh|en", "-o, --output", "--accessible", "\n示例\n"}},
		{[]string{"completion"}, []string{"bash", "zsh", "fish", "powershell"}},
		{[]string{"completion", "powershell"}, []string{"Invoke-Expression", "$PROFILE", "--no-descriptions"}},
		{[]string{"man"}, []string{"\n    tangping man | man -l -\n", "-o, --output"}},
	} {
		page := runHelp(t, i18n.ZH, append(c.args, "--help")...)
		for _, w := range c.want {
			if !strings.Contains(page, w) {
				t.Errorf("tangping %s --help lacks %q:\n%s", strings.Join(c.args, " "), w, page)
			}
		}
	}
	if en := runHelp(t, i18n.EN, "--help"); !strings.Contains(en, "\nCommands\n") || !strings.Contains(en, "\nFlags\n") {
		t.Errorf("English help lacks its headings:\n%s", en)
	}
}

// TestTextBlocks: a line break inside a sentence (after a semicolon too)
// only wraps the source; one after a sentence's end or a colon, a blank
// line and an indented line are kept.
func TestTextBlocks(t *testing.T) {
	t.Parallel()
	got := textBlocks("对照十种表现和\n“二十四字”的六个维度。\n作答只保存在本机；\n不会发送。\n\nIt joins\nEnglish words;\nall of them.\nRun:\n  tangping take\n")
	want := []block{
		{lines: []string{"对照十种表现和“二十四字”的六个维度。", "作答只保存在本机；不会发送。"}},
		{lines: []string{"It joins English words; all of them.", "Run:"}},
		{verbatim: true, lines: []string{"tangping take"}},
	}
	want[1].para = true
	if !slices.EqualFunc(got, want, func(a, b block) bool {
		return a.verbatim == b.verbatim && a.para == b.para && slices.Equal(a.lines, b.lines)
	}) {
		t.Errorf("textBlocks:\n got %+v\nwant %+v", got, want)
	}
}

// TestManPage: the man page has every command once, flags written as
// they are typed, sections in the interface language, no fake entries
// and no sentence split into paragraphs; man renders it without a
// warning at 80 columns.
func TestManPage(t *testing.T) {
	t.Parallel()
	for _, l := range []i18n.Lang{i18n.ZH, i18n.EN} {
		page := runHelp(t, l, "man")
		for _, bad := range []string{`\-\-h `, `\-\-h\fR`, `\-\-v\fR`, `--h --help`, `\fBCOMMANDS\fP`, `\fBOPTIONS\fP`, l.T("[flags]", "[选项]")} {
			if strings.Contains(page, bad) {
				t.Errorf("%s man page holds %q", l, bad)
			}
		}
		for _, want := range []string{`\fB\-o\fR, \fB\-\-output\fR`, `\fB\-h\fR, \fB\-\-help\fR`, ".SS tangping take", ".SS tangping serve export", ".SS tangping completion powershell", ".SS tangping man"} {
			if !strings.Contains(page, want) {
				t.Errorf("%s man page lacks %q", l, want)
			}
		}
		if l == i18n.ZH {
			for _, h := range []string{".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH COMMANDS"} {
				if strings.Contains(page, h) {
					t.Errorf("zh man page has the English heading %q", h)
				}
			}
		}
		if _, err := exec.LookPath("man"); err != nil {
			t.Logf("man is not installed; the page is not rendered (%v)", err)
			continue
		}
		cmd := exec.Command("man", "-l", "-")
		cmd.Env = []string{"MANWIDTH=80", "LANG=C.UTF-8", "MAN_KEEP_FORMATTING=0", "PATH=/usr/bin:/bin"}
		cmd.Stdin = strings.NewReader(page)
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Run(); err != nil {
			t.Fatalf("man -l: %v\n%s", err, errOut.String())
		}
		if errOut.Len() > 0 {
			t.Errorf("%s: man -l warns:\n%s", l, errOut.String())
		}
		text := ansi.Strip(regexp.MustCompile(".\b").ReplaceAllString(out.String(), ""))
		for i, line := range strings.Split(text, "\n") {
			if w := ansi.StringWidth(line); w > 80 {
				t.Errorf("%s: man page line %d is %d columns: %s", l, i+1, w, line)
			}
		}
		joined := strings.Join(strings.Fields(text), "")
		if want := l.T("对照十种“躺平”表现和“二十四字行为准则”的六个维度", "ten lying-flat behaviours and the six dimensions"); !strings.Contains(joined, strings.Join(strings.Fields(want), "")) {
			t.Errorf("%s: the description's first sentence is broken apart:\n%s", l, text[:min(len(text), 1200)])
		}
		if !strings.Contains(text, "-o, --output") {
			t.Errorf("%s: rendered man page lacks -o, --output", l)
		}
	}
}

// TestManPageDateIsReproducible: packages build the man page at release
// time; with SOURCE_DATE_EPOCH set, the same commit gives the same page
// whatever day it is built.
func TestManPageDateIsReproducible(t *testing.T) {
	t.Parallel()
	page := func(now time.Time) string {
		var out bytes.Buffer
		a := &App{In: strings.NewReader(""), Out: &out, Err: &out,
			Getenv: func(k string) string {
				if k == "SOURCE_DATE_EPOCH" {
					return "1700000000"
				}
				return ""
			},
			Now: func() time.Time { return now }}
		if code := a.Run(context.Background(), []string{"man", "--lang", "en"}); code != 0 {
			t.Fatalf("man: exit %d\n%s", code, out.String())
		}
		return out.String()
	}
	a, b := page(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)), page(time.Date(2031, 6, 1, 0, 0, 0, 0, time.UTC))
	if a != b || !strings.HasPrefix(a, `.TH TANGPING 1 "2023\-11\-14"`) {
		t.Errorf("man page date follows the clock, not SOURCE_DATE_EPOCH:\n%.80s\n%.80s", a, b)
	}
}

// TestFlagsNameTheirValues: a flag that takes a value shows what kind
// ("--bank FILE", "-o, --output DIR" on serve export), so that it does not
// read as a switch; a string flag without a name of its own fails here
// rather than printing VALUE.
func TestFlagsNameTheirValues(t *testing.T) {
	t.Parallel()
	root := (&App{Lang: i18n.ZH, Getenv: func(string) string { return "" }, Now: time.Now}).newRoot()
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, f := range helpFlags(c) {
			v := valueName(f)
			switch {
			case f.Value.Type() == "bool" && v != "":
				t.Errorf("%s --%s is a switch but shows a value %q", c.CommandPath(), f.Name, v)
			case f.Value.Type() != "bool" && (v == "" || v == "VALUE"):
				t.Errorf("%s --%s takes a value but shows %q; give it a placeholder", c.CommandPath(), f.Name, v)
			}
		}
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	walk(root)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"take"}, "--bank FILE"},
		{[]string{"report"}, "-o, --output FILE"},
		{[]string{"serve", "export"}, "-o, --output DIR"},
		{[]string{"group"}, "--by unit|role"},
		{[]string{"serve"}, "--listen ADDR"},
	} {
		if page := runHelp(t, i18n.ZH, append(c.args, "--help")...); !strings.Contains(page, c.want) {
			t.Errorf("tangping %s --help lacks %q", strings.Join(c.args, " "), c.want)
		}
	}
	if page := runHelp(t, i18n.EN, "man"); !strings.Contains(page, `\fB\-\-bank\fR \fIFILE\fR`) {
		t.Error(`the man page lacks "--bank FILE"`)
	}
}
