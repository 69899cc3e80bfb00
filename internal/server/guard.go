package server

import (
	"fmt"
	"runtime/debug"
	"sync/atomic"

	tea "charm.land/bubbletea/v2"
)

// A panic in the server's own code is caught where it happens and written
// to the server's log; the session it hit ends and every other goes on.
// It must never reach the libraries' handlers: the SSH library logs to the
// process's default logger and bubbletea prints to the process's stderr,
// which is the terminal the trainer's dashboard is drawn on. The server
// changes neither of those process-wide things (docs/architecture.md,
// "Errors and exit codes").

// recovered logs a panic that was just recovered, with its stack.
func (s *Server) recovered(where string, p any) {
	s.log.Error("panic", "in", where, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
}

// contain is deferred at the top of a goroutine the SSH library runs our
// code in: a panic ends that goroutine's work and is logged.
func (s *Server) contain(where string) {
	if p := recover(); p != nil {
		s.recovered(where, p)
	}
}

// containAuth is contain for an authentication callback: the attempt
// fails (a panic must never let a connection in).
func (s *Server) containAuth(err *error) {
	if p := recover(); p != nil {
		s.recovered("authentication", p)
		*err = errDenied
	}
}

// guarded is a participant's model with every panic in it (Init, Update,
// View, and each command it returns, batched ones included) caught before
// bubbletea's own handler sees it: the participant's session ends, their
// answers stay saved, and the server's log says what happened.
type guarded struct {
	m       tea.Model
	crash   func(p any) // logs p and ends the session
	crashed *atomic.Bool
}

// crashMsg ends the program of a model whose command panicked.
type crashMsg struct{}

func guard(m tea.Model, crash func(p any)) guarded {
	return guarded{m: m, crash: crash, crashed: new(atomic.Bool)}
}

func (g guarded) fail(p any) {
	if g.crashed.CompareAndSwap(false, true) {
		g.crash(p)
	}
}

func (g guarded) Init() (cmd tea.Cmd) {
	defer func() {
		if p := recover(); p != nil {
			g.fail(p)
			cmd = tea.Quit
		}
	}()
	return g.cmd(g.m.Init())
}

func (g guarded) Update(msg tea.Msg) (m tea.Model, cmd tea.Cmd) {
	if _, ok := msg.(crashMsg); ok || g.crashed.Load() {
		return g, tea.Quit
	}
	defer func() {
		if p := recover(); p != nil {
			g.fail(p)
			m, cmd = g, tea.Quit
		}
	}()
	next, cmd := g.m.Update(msg)
	g.m = next
	return g, g.cmd(cmd)
}

func (g guarded) View() (v tea.View) {
	defer func() {
		if p := recover(); p != nil {
			g.fail(p)
			v = tea.NewView("")
		}
	}()
	return g.m.View()
}

// cmd wraps c so that a panic while it runs ends the program through
// Update; a batch it returns has each of its commands wrapped in turn.
func (g guarded) cmd(c tea.Cmd) tea.Cmd {
	if c == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if p := recover(); p != nil {
				g.fail(p)
				msg = crashMsg{}
			}
		}()
		msg = c()
		if batch, ok := msg.(tea.BatchMsg); ok {
			wrapped := make(tea.BatchMsg, len(batch))
			for i, c := range batch {
				wrapped[i] = g.cmd(c)
			}
			return wrapped
		}
		return msg
	}
}
