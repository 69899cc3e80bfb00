// Package keymap is how every screen declares its keys: once, as bubbles
// key bindings, from which the handlers match, the help lists every key
// and the key line shows the marked ones (docs/architecture.md, "Keys").
// The questionnaire (internal/tui) and the trainer's dashboard
// (internal/server) both use it.
package keymap

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// Binding is one action: its keys, what the help says of it
// (Help().Desc), and how the key line shows it (Help().Key and Line), if
// at all.
type Binding struct {
	key.Binding
	Line string // the key line's word for it; "" keeps it off the key line
}

// Bind declares an action described by desc, bound to keys.
func Bind(desc string, keys ...string) Binding {
	return Binding{Binding: key.NewBinding(key.WithKeys(keys...), key.WithHelp("", desc))}
}

// Show puts the binding on the key line as "label text".
func (b Binding) Show(label, text string) Binding {
	b.SetHelp(label, b.Help().Desc)
	b.Line = text
	return b
}

// On enables or disables the binding.
func (b Binding) On(enabled bool) Binding {
	b.SetEnabled(enabled)
	return b
}

// Of lists the bindings of a screen's key map, a pointer to a struct
// whose fields are all Bindings, in declaration order.
func Of(km any) []Binding {
	v := reflect.ValueOf(km).Elem()
	out := make([]Binding, v.NumField())
	for i := range out {
		out[i] = v.Field(i).Interface().(Binding)
	}
	return out
}

// Matches reports whether the key s (a KeyPressMsg's String) is one of
// b's keys and b is enabled. Handlers take the key's name once: it is
// built anew on every call.
func Matches(s string, b Binding) bool { return b.Enabled() && slices.Contains(b.Keys(), s) }

// Name is how a key is written for people.
func Name(k string) string {
	switch k {
	case "left":
		return "←"
	case "right":
		return "→"
	case "up":
		return "↑"
	case "down":
		return "↓"
	case "pgup":
		return "PgUp"
	case "pgdown":
		return "PgDn"
	}
	if utf8.RuneCountInString(k) == 1 {
		return k
	}
	parts := strings.Split(k, "+")
	for i, p := range parts {
		parts[i] = strings.ToUpper(p[:1]) + p[1:]
	}
	return strings.Join(parts, "+")
}

// Label writes every key of b: "← / b / Shift+Tab / h"; a run of digits
// from 1 reads "1–5".
func Label(b Binding) string {
	keys := b.Keys()
	if len(keys) > 2 && keys[0] == "1" && keys[len(keys)-1] == fmt.Sprint(len(keys)) {
		return "1–" + keys[len(keys)-1]
	}
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = Name(k)
	}
	return strings.Join(names, " / ")
}

// Help is the help's list for a key map: every enabled binding, every
// key, and what it does.
func Help(km any) [][2]string {
	var rows [][2]string
	for _, b := range Of(km) {
		if b.Enabled() {
			rows = append(rows, [2]string{Label(b), b.Help().Desc})
		}
	}
	return rows
}

// Line is the key line of a key map: the enabled bindings marked for it.
func Line(km any) [][2]string {
	var out [][2]string
	for _, b := range Of(km) {
		if b.Enabled() && b.Line != "" {
			out = append(out, [2]string{b.Help().Key, b.Line})
		}
	}
	return out
}

// Viewport drives a bubbles viewport with a screen's own scrolling
// bindings, so that what scrolls is what the screen's help lists; it
// does not scroll sideways.
func Viewport(up, down, pageUp, pageDown, halfUp, halfDown Binding) viewport.KeyMap {
	off := key.NewBinding(key.WithDisabled())
	return viewport.KeyMap{
		Up: up.Binding, Down: down.Binding, PageUp: pageUp.Binding, PageDown: pageDown.Binding,
		HalfPageUp: halfUp.Binding, HalfPageDown: halfDown.Binding, Left: off, Right: off,
	}
}

// Candidates is every key a person might press (printable ASCII and
// the named keys), by name: tests press them all on a screen to prove
// that a key that works is in its help and a key in its help works.
func Candidates() map[string]tea.KeyPressMsg {
	keys := map[string]tea.KeyPressMsg{}
	for r := rune('!'); r <= '~'; r++ {
		keys[string(r)] = tea.KeyPressMsg{Code: r, Text: string(r)}
	}
	named := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "space": tea.KeySpace,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"home": tea.KeyHome, "end": tea.KeyEnd, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"backspace": tea.KeyBackspace, "delete": tea.KeyDelete, "insert": tea.KeyInsert, "f1": tea.KeyF1,
	}
	for name, code := range named {
		k := tea.KeyPressMsg{Code: code}
		if code == tea.KeySpace {
			k.Text = " "
		}
		keys[name] = k
	}
	keys["shift+tab"] = tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	for _, r := range "cduvaelz" {
		keys["ctrl+"+string(r)] = tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl}
	}
	return keys
}
