package server

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/keymap"
	"github.com/tangping-dev/tangping/internal/testkit"
)

// TestEveryDashboardKeyIsInItsHelp: on each page of the trainer's
// dashboard (and while it asks before closing), every key that does
// something is on the ? page, and every key the ? page lists does
// something. Tab, h, l, j, n, Esc, k, b, f, u, d and space used to work
// unlisted; the ? page is generated from the key map.
func TestEveryDashboardKeyIsInItsHelp(t *testing.T) {
	t.Parallel()
	states := map[string]func(*Dashboard){
		"overview": func(*Dashboard) {},
		"details":  func(d *Dashboard) { d.Update(tea.KeyPressMsg{Code: '2', Text: "2"}) },
		"details, scrolled": func(d *Dashboard) {
			d.Update(tea.KeyPressMsg{Code: '2', Text: "2"})
			d.Update(tea.KeyPressMsg{Code: tea.KeyPgDown})
		},
		"join":   func(d *Dashboard) { d.Update(tea.KeyPressMsg{Code: '3', Text: "3"}) },
		"asking": func(d *Dashboard) { d.Update(tea.KeyPressMsg{Code: 'q', Text: "q"}) },
	}
	// The keys that have nothing to do in a state, though they work in
	// others: the page's own key, and scrolling up at the top.
	here := map[string][]string{"overview": {"1"}, "details": {"2", "up", "k", "pgup", "b", "u", "ctrl+u"},
		"details, scrolled": {"2"}, "join": {"3", "j"}}
	for name, setUp := range states {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fresh := func() *Dashboard {
				src, in := room(t)
				d := NewDashboard(src, in, testkit.DefaultBank(t), 5, "zh")
				screenOf(t, d, 100, 30)
				setUp(d)
				return d
			}
			d := fresh()
			d.Update(tea.KeyPressMsg{Code: '?', Text: "?"})
			help := helpKeysOn(ansi.Strip(d.View().Content))
			if len(help) < 5 {
				t.Fatalf("no keys read from the ? page:\n%s", ansi.Strip(d.View().Content))
			}
			for key, k := range keymap.Candidates() {
				d := fresh()
				before := ansi.Strip(d.View().Content)
				_, cmd := d.Update(k)
				acted := cmd != nil || ansi.Strip(d.View().Content) != before
				listed := slices.Contains(help, keymap.Name(key))
				if acted && !listed {
					t.Errorf("%s works but the ? page does not list it (it lists %q)", keymap.Name(key), help)
				}
				if !acted && listed && !slices.Contains(here[name], key) {
					t.Errorf("the ? page lists %s but it does nothing here", keymap.Name(key))
				}
			}
		})
	}
}

// helpKeysOn reads the keys the ? page names: "  ← / Shift+Tab / h  上一页".
func helpKeysOn(screen string) []string {
	var out []string
	for line := range strings.SplitSeq(screen, "\n") {
		if !strings.HasPrefix(line, "  ") {
			continue
		}
		label, _, ok := strings.Cut(strings.TrimSpace(line), "  ")
		if !ok {
			continue
		}
		for k := range strings.SplitSeq(label, " / ") {
			if k == "1–3" {
				out = append(out, "1", "2", "3")
				continue
			}
			out = append(out, k)
		}
	}
	return out
}
