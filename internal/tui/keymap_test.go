package tui

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/autosave"
	"github.com/tangping-dev/tangping/internal/keymap"
	"github.com/tangping-dev/tangping/internal/result"
)

// screens builds each screen afresh: the welcome screen with and without
// saved progress, a question with answers before it, the review and the
// submit question with a gap, and the result.
var keyScreens = map[string]struct {
	opt func(*Options)
	do  func(*harness)
}{
	"welcome": {anon, func(*harness) {}},
	"welcome with progress": {func(o *Options) {
		o.Anonymous, o.Resume = true, &autosave.State{Answers: map[string]int{"Q01": 1}, Cursor: 1}
	}, func(*harness) {}},
	"question": {anon, func(hs *harness) { hs.press("enter"); hs.typeText("12") }},
	"review":   {anon, func(hs *harness) { hs.press("enter"); hs.typeText("12s" + digits(43)); hs.press("right") }},
	"submit":   {anon, func(hs *harness) { hs.press("enter"); hs.typeText("12s" + digits(43)); hs.press("tab", "enter") }},
	"result": {func(o *Options) {
		o.Anonymous = true
		o.SaveReports = func(result.Result, string) ([]string, error) { return []string{"a.md"}, nil }
	}, func(hs *harness) { hs.press("enter"); hs.typeText(digits(46)); hs.press("enter", "pgdown") }},
}

var helpRow = regexp.MustCompile(`^\s*(\S.*?)\s{2,}\S`)

// helpedKeys reads the keys the ? overlay of a screen names.
func helpedKeys(t *testing.T, screen string) []string {
	t.Helper()
	var out []string
	lines := strings.Split(screen, "\n")
	for _, line := range lines[2:] { // below the title
		m := helpRow.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		for k := range strings.SplitSeq(m[1], " / ") {
			if k == "1–5" {
				out = append(out, "1", "2", "3", "4", "5")
				continue
			}
			out = append(out, k)
		}
	}
	return out
}

// Every key that does something on a screen is listed in that screen's
// help, and every key the help lists does something there: on the
// question screen h, l, space and esc used to work unlisted.
func TestEveryKeyThatWorksIsInTheHelp(t *testing.T) {
	t.Parallel()
	for name, sc := range keyScreens {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			hs := newHarness(t, 80, 24, sc.opt)
			sc.do(hs)
			hs.press("?")
			help := helpedKeys(t, hs.screen())
			if len(help) < 4 {
				t.Fatalf("no help read from:\n%s", hs.screen())
			}
			for name, k := range keymap.Candidates() {
				hs := newHarness(t, 80, 24, sc.opt)
				sc.do(hs)
				before, st := hs.screen(), hs.m.State()
				hs.send(k)
				acted := hs.screen() != before || len(hs.m.State().Answers) != len(st.Answers) || hs.m.quitting
				listed := slices.Contains(help, keymap.Name(name))
				if acted && !listed {
					t.Errorf("%s works but the help does not list it (help lists %q)", keymap.Name(name), help)
				}
				if !acted && listed && name != "?" {
					t.Errorf("the help lists %s but it does nothing here", keymap.Name(name))
				}
			}
		})
	}
}

// The key line under each screen names only keys that screen binds.
func TestKeyLinesNameBoundKeys(t *testing.T) {
	t.Parallel()
	hs := newHarness(t, 80, 24, nil)
	for _, km := range []any{&hs.m.keys.welcome, &hs.m.keys.question, &hs.m.keys.review, &hs.m.keys.submit, &hs.m.keys.result, &hs.m.keys.quit} {
		var bound []string
		for _, b := range keymap.Of(km) {
			for _, k := range b.Keys() {
				bound = append(bound, keymap.Name(k))
			}
		}
		for _, item := range keymap.Line(km) {
			label := item[0]
			for _, arrow := range []string{"←", "↑", "↓", "→"} {
				label = strings.ReplaceAll(label, arrow, " "+arrow+" ")
			}
			for f := range strings.FieldsSeq(strings.ReplaceAll(label, "/", " ")) {
				if !slices.Contains(bound, f) {
					t.Errorf("the key line shows %q (%q) but %T binds %v", f, item, km, bound)
				}
			}
		}
	}
}
