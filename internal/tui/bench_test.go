package tui

import (
	"image/color"
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tangping-dev/tangping/internal/autosave"
	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/quiz"
)

// BenchmarkLaunchToFirstFrame: load and check the embedded bank, build
// the model, take the size and background, draw the welcome screen.
// Target ≤ 50 ms.
func BenchmarkLaunchToFirstFrame(b *testing.B) {
	for b.Loop() {
		bk, err := bank.Default(i18n.ZH)
		if err != nil {
			b.Fatal(err)
		}
		m := New(Options{Options: quiz.Options{Bank: bk, Lang: i18n.ZH, Store: &autosave.Memory{}}})
		m.Init()
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		m.Update(tea.BackgroundColorMsg{Color: color.Black})
		if m.View().Content == "" {
			b.Fatal("empty first frame")
		}
	}
}

// BenchmarkEnterAbout: Enter on the welcome screen shows the about-you
// step and draws it.
func BenchmarkEnterAbout(b *testing.B) {
	hs := newHarness(b, 80, 24, nil)
	hs.press("enter")
	for b.Loop() {
		hs.press("esc", "enter")
		if hs.m.View().Content == "" {
			b.Fatal("empty about screen")
		}
	}
}

// BenchmarkKeyPress: one key on the question screen, Update then View.
// Keys alternate between answering (which saves and moves on) and going
// back, so every iteration draws a question. Target ≤ 1 ms.
func BenchmarkKeyPress(b *testing.B) {
	hs := newHarness(b, 80, 24, anon)
	hs.press("enter")
	keys := []tea.KeyPressMsg{keyMsg("3"), keyMsg("left")}
	i := 0
	for b.Loop() {
		hs.m.Update(keys[i%2])
		_ = hs.m.View()
		i++
	}
}

// BenchmarkKeyPressFileStore is the same with the real file store, which
// syncs every answer to disk before the next question shows.
func BenchmarkKeyPressFileStore(b *testing.B) {
	bk := loadBank(b, i18n.ZH)
	store := &autosave.File{Dir: filepath.Join(b.TempDir(), "tangping"), BankID: bk.ID, BankSHA256: bk.SHA256}
	m := New(Options{Options: quiz.Options{Bank: bk, Lang: i18n.ZH, Store: store, Anonymous: true,
		Now: func() time.Time { return time.Unix(0, 0) }}})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.Update(keyMsg("enter"))
	keys := []tea.KeyPressMsg{keyMsg("3"), keyMsg("left")}
	i := 0
	for b.Loop() {
		m.Update(keys[i%2])
		_ = m.View()
		i++
	}
	if err := m.q.SaveErr(); err != nil {
		b.Fatal(err)
	}
}
