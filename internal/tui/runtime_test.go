package tui

import (
	"reflect"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
)

// runtime runs the model's commands the way bubbletea does: each in its
// own goroutine, the parts of a batch at once, the parts of a sequence
// one after another, every resulting message back into Update. It works
// inside a synctest bubble, where timers (the cursor's blink, the hold
// timer) wait on a fake clock that moves only when the test sleeps, and
// synctest.Wait tells when every command that is not waiting on a timer
// has finished: no real time passes and nothing is left to chance.
type runtime struct {
	mu   sync.Mutex
	msgs []tea.Msg
	// drop, when set, swallows matching messages, as if they were lost
	// or very late.
	drop func(tea.Msg) bool
}

// newBubbleHarness is newHarness with commands run by a runtime. Call it
// inside synctest.Test.
func newBubbleHarness(t *testing.T, w, h int, opt func(*Options)) *harness {
	t.Helper()
	hs := newHarness(t, w, h, opt)
	hs.rt = &runtime{} // newHarness's messages return no commands: nothing was dropped
	// Let the timers still waiting (the cursor's blink) run out on the
	// fake clock, so that no goroutine outlives the bubble; their
	// messages are not handled any more.
	t.Cleanup(func() { time.Sleep(time.Hour) })
	return hs
}

func (r *runtime) spawn(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go r.exec(cmd)
}

// exec runs cmd and delivers its message; batches fan out, sequences run
// in order, each part finished before the next starts.
func (r *runtime) exec(cmd tea.Cmd) {
	msg := cmd()
	switch m := msg.(type) {
	case nil:
		return
	case tea.BatchMsg:
		var wg sync.WaitGroup
		for _, c := range m {
			if c != nil {
				wg.Go(func() { r.exec(c) })
			}
		}
		wg.Wait()
		return
	}
	if seq, ok := sequence(msg); ok {
		for _, c := range seq {
			if c != nil {
				r.exec(c)
			}
		}
		return
	}
	r.mu.Lock()
	r.msgs = append(r.msgs, msg)
	r.mu.Unlock()
}

// sequence unpacks tea.Sequence's message, whose type bubbletea keeps
// to itself: a slice of commands that is not a BatchMsg.
func sequence(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeFor[tea.Cmd]() {
		return nil, false
	}
	cmds := make([]tea.Cmd, v.Len())
	for i := range cmds {
		cmds[i], _ = v.Index(i).Interface().(tea.Cmd)
	}
	return cmds, true
}

// settle hands every message that the running commands produce to
// Update, until only timers are left waiting.
func (hs *harness) settle() {
	for {
		synctest.Wait()
		hs.rt.mu.Lock()
		msgs := hs.rt.msgs
		hs.rt.msgs = nil
		hs.rt.mu.Unlock()
		if len(msgs) == 0 {
			return
		}
		for _, msg := range msgs {
			if hs.rt.drop != nil && hs.rt.drop(msg) {
				continue
			}
			_, cmd := hs.m.Update(msg)
			hs.rt.spawn(cmd)
		}
	}
}

// burst hands all msgs to Update one after another without letting any
// command's message in between, the way keys typed or pasted in one go
// reach a program before any command's message; then it settles.
func (hs *harness) burst(msgs ...tea.Msg) {
	for _, msg := range msgs {
		_, cmd := hs.m.Update(msg)
		hs.rt.spawn(cmd)
	}
	hs.settle()
}

// keys turns key names (see keyMsg) and text into key presses; text runs
// are typed one character at a time.
func keys(ks ...string) []tea.Msg {
	var msgs []tea.Msg
	for _, k := range ks {
		if m := keyMsg(k); m.Text != k || len([]rune(k)) == 1 {
			msgs = append(msgs, m)
			continue
		}
		for _, r := range k {
			msgs = append(msgs, tea.KeyPressMsg{Code: r, Text: string(r)})
		}
	}
	return msgs
}
