package tui

import (
	"bytes"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/tangping-dev/tangping/internal/autosave"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// The screens as a person sees them, colours stripped, at fixed sizes.
// Refresh with: go test ./internal/tui -run TestScreens -update
func TestScreens(t *testing.T) {
	t.Parallel()
	anon := func(o *Options) { o.Anonymous = true }
	// toQuestion12 answers 11 questions and shows the 12th.
	toQuestion12 := func(hs *harness) {
		hs.press("enter")
		hs.typeText(digits(11))
	}
	cases := []struct {
		name string
		w, h int
		opt  func(*Options)
		do   func(*harness)
	}{
		{"welcome_zh_80x24", 80, 24, nil, func(*harness) {}},
		{"welcome_zh_60x20", 60, 20, nil, func(*harness) {}},
		{"welcome_resume_server_zh_80x24", 80, 24, func(o *Options) {
			o.Server, o.ResumeCode = true, "K7Q2-9MXD"
			o.Resume = &autosave.State{Answers: map[string]int{"Q01": 3, "Q02": 1}, Cursor: 2,
				UpdatedAt: time.Date(2026, 4, 30, 20, 15, 0, 0, time.Local)}
		}, func(*harness) {}},
		{"question_zh_80x24", 80, 24, anon, func(hs *harness) { toQuestion12(hs); hs.press("down", "down") }},
		{"question_zh_60x20", 60, 20, anon, func(hs *harness) { toQuestion12(hs); hs.press("left") }},
		{"question_zh_40x12", 40, 12, anon, toQuestion12},
		{"question_en_80x24", 80, 24, func(o *Options) { o.Anonymous, o.Lang = true, i18n.EN }, func(hs *harness) { toQuestion12(hs); hs.press("left") }},
		{"review_zh_80x24", 80, 24, anon, func(hs *harness) {
			hs.press("enter")
			hs.typeText(digits(11) + "s" + digits(34))
		}},
		{"review_zh_60x20", 60, 20, anon, func(hs *harness) {
			hs.press("enter")
			hs.typeText(digits(11) + "s" + digits(34))
			hs.press("u")
		}},
		{"submit_zh_80x24", 80, 24, anon, func(hs *harness) {
			hs.press("enter")
			hs.typeText(digits(11) + "s" + digits(34))
			hs.press("tab", "enter")
		}},
		{"result_zh_80x24", 80, 24, anon, func(hs *harness) {
			hs.press("enter")
			hs.typeText(digits(46))
			hs.press("enter") // everything answered: the review opens on 提交
		}},
		{"result_zh_60x20", 60, 20, func(o *Options) {
			o.Anonymous = true
			o.SaveReports = func(result.Result, string) ([]string, error) { return []string{"a.md", "a.html"}, nil }
		}, func(hs *harness) {
			hs.press("enter")
			hs.typeText(digits(46))
			hs.press("enter") // everything answered: the review opens on 提交
		}},
		{"help_question_zh_80x24", 80, 24, anon, func(hs *harness) { hs.press("enter", "?") }},
		{"quit_zh_80x24", 80, 24, anon, func(hs *harness) { toQuestion12(hs); hs.press("ctrl+c") }},
		{"too_small_zh_39x20", 39, 20, nil, func(*harness) {}},
		{"too_small_en_80x11", 80, 11, func(o *Options) { o.Lang = i18n.EN }, func(*harness) {}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hs := newHarness(t, c.w, c.h, c.opt)
			c.do(hs)
			golden.RequireEqual(t, hs.screen())
		})
	}
}

// TestScreenColours pins the colour profile (256 colours, dark and light
// backgrounds) so a change of palette shows up in review.
func TestScreenColours(t *testing.T) {
	t.Parallel()
	for _, bg := range []struct {
		name string
		dark bool
	}{{"dark", true}, {"light", false}} {
		t.Run(bg.name, func(t *testing.T) {
			hs := newHarness(t, 60, 20, func(o *Options) { o.Anonymous = true })
			if !bg.dark {
				hs.send(tea.BackgroundColorMsg{Color: white{}})
			}
			hs.press("enter")
			hs.typeText(digits(3))
			hs.press("down")
			var buf bytes.Buffer
			w := &colorprofile.Writer{Forward: &buf, Profile: colorprofile.ANSI256}
			if _, err := w.WriteString(hs.m.View().Content); err != nil {
				t.Fatal(err)
			}
			golden.RequireEqual(t, buf.String())
		})
	}
}

type white struct{}

func (white) RGBA() (r, g, b, a uint32) { return 0xffff, 0xffff, 0xffff, 0xffff }
