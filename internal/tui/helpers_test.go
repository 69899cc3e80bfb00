package tui

import (
	"image/color"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/autosave"
	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/quiz"
	"github.com/tangping-dev/tangping/internal/result"
)

// clock is a fake time source that moves only when told to.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

type harness struct {
	t      testing.TB
	m      *Model
	store  *autosave.Memory
	clock  *clock
	bank   *bank.Bank
	result *result.Result
	rt     *runtime // nil: commands are dropped
}

// banks holds the default bank per language: parsing it is most of the
// cost of a harness, and nothing changes a bank once loaded.
var banks sync.Map

func loadBank(t testing.TB, lang i18n.Lang) *bank.Bank {
	t.Helper()
	if b, ok := banks.Load(lang); ok {
		return b.(*bank.Bank)
	}
	b, err := bank.Default(lang)
	if err != nil {
		t.Fatal(err)
	}
	banks.Store(lang, b)
	return b
}

// newHarness builds a model at w×h on a dark background with a fixed
// clock; edit the options with opt.
func newHarness(t testing.TB, w, h int, opt func(*Options)) *harness {
	t.Helper()
	hs := &harness{t: t, store: &autosave.Memory{}, clock: &clock{time.Date(2026, 5, 1, 9, 30, 0, 0, time.UTC)}}
	o := Options{Options: quiz.Options{
		Lang: i18n.ZH, Store: hs.store, Now: hs.clock.now,
		NewID: func() string { return "0123456789abcdef0123456789abcdef" },
		Submit: func(r result.Result) (string, error) {
			hs.result = &r
			return "/home/cadre/.local/state/tangping/results/2026-05-01-01234567.json", nil
		},
	}}
	if opt != nil {
		opt(&o)
	}
	if o.Bank == nil {
		o.Bank = loadBank(t, o.Lang)
	}
	hs.bank = o.Bank
	hs.m = New(o)
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.send(tea.BackgroundColorMsg{Color: color.Black})
	return hs
}

// send hands each message to Update. In a bubble harness the commands
// Update returns run as bubbletea would run them, and send returns once
// every one of them that does not wait on a timer has been handled;
// elsewhere they are dropped.
func (hs *harness) send(msgs ...tea.Msg) {
	for _, msg := range msgs {
		_, cmd := hs.m.Update(msg)
		if hs.rt != nil {
			hs.rt.spawn(cmd)
			hs.settle()
		}
	}
}

// press sends named keys: "enter", "up", "esc", "shift+tab", or single
// characters.
func (hs *harness) press(keys ...string) {
	for _, k := range keys {
		hs.send(keyMsg(k))
	}
}

// typeText sends every character of s as its own key press.
func (hs *harness) typeText(s string) {
	for _, r := range s {
		hs.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(k)
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

// screen is what a person sees: the view without colours.
func (hs *harness) screen() string {
	return ansi.Strip(hs.m.View().Content)
}

// wantScreen checks that every part is on screen; a part may be wrapped
// over several lines.
func (hs *harness) wantScreen(parts ...string) {
	hs.t.Helper()
	s := hs.screen()
	zh := wrapped.ReplaceAllString(s, "")
	en := wrapped.ReplaceAllString(s, " ")
	for _, p := range parts {
		if !strings.Contains(s, p) && !strings.Contains(zh, p) && !strings.Contains(en, p) {
			hs.t.Fatalf("screen lacks %q:\n%s", p, s)
		}
	}
}

// digits is the answer pattern the tests type: keys 1–5 cycling.
func digits(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteByte(byte('1' + i%5))
	}
	return b.String()
}

var wrapped = regexp.MustCompile(`\s*\n\s*`)

var regexpHan = regexp.MustCompile(`\p{Han}+`)

func itoa(i int) string { return strconv.Itoa(i) }

func stringWidth(s string) int { return ansi.StringWidth(s) }
