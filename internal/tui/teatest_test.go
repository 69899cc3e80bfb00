package tui

import (
	"bytes"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// All 46 digits sent to a running program as fast as it takes them: each
// is recorded on the question that was showing when it arrived.
func TestTeatestAllDigitsAtOnce(t *testing.T) {
	t.Parallel()
	hs := newHarness(t, 80, 24, anon)
	tm := teatest.NewTestModel(t, hs.m, teatest.WithInitialTermSize(80, 24),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	waitFor(t, tm, "Enter 开始")
	tm.Send(keyMsg("enter"))
	tm.Type(digits(46))
	waitFor(t, tm, "已答 46/46 题")
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	wantAnswers(t, m.State().Answers, cycled(46))
	wantAnswers(t, hs.store.Last().Answers, cycled(46))
	if len(hs.store.Saves) != 46 {
		t.Errorf("%d saves, want 46", len(hs.store.Saves))
	}
}

func waitFor(t *testing.T, tm *teatest.TestModel, s string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s)) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}
