package server

import (
	"bytes"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"

	"github.com/tangping-dev/tangping/internal/sshsim"
)

// panicky is a participant model that panics where it is told to.
type panicky struct {
	tea.Model
	where string // "update" on the key x, "view" once x was pressed, "cmd", "batch"
	hit   bool
}

func (m panicky) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "x" {
		boom := func() tea.Msg { panic("boom in a command") }
		switch m.where {
		case "update":
			panic("boom in Update")
		case "view":
			m.hit = true
			return m, nil
		case "cmd":
			return m, boom
		case "batch":
			return m, tea.Batch(func() tea.Msg { return nil }, boom)
		}
	}
	next, cmd := m.Model.Update(msg)
	m.Model = next
	return m, cmd
}

func (m panicky) View() tea.View {
	if m.hit {
		panic("boom in View")
	}
	return m.Model.View()
}

// TestAPanicEndsOnlyItsSessionAndIsLogged: a panic in a participant's
// questionnaire (in Update, View, a command or a batched command) is
// written to the server's log, that participant is told the server failed
// and that their answers are kept, and the next participant is served.
// Before, it reached bubbletea's own handler, which prints to the
// process's stderr, over the trainer's dashboard, unless serve swapped
// os.Stderr for the whole process.
func TestAPanicEndsOnlyItsSessionAndIsLogged(t *testing.T) {
	t.Parallel()
	for _, where := range []string{"update", "view", "cmd", "batch"} {
		t.Run(where, func(t *testing.T) {
			t.Parallel()
			var logged sshsim.Buffer
			s := startServer(t, Config{Log: log.New(&logged), NewModel: func(p ModelParams) tea.Model {
				return panicky{Model: questionnaire(p), where: where}
			}})
			addr := s.Addr().String()
			term, err := sshsim.Open(addr, sshsim.Login{Code: testCode}, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer term.Close()
			if _, err := term.Welcome(); err != nil {
				t.Fatal(err)
			}
			if err := term.Send("x"); err != nil {
				t.Fatal(err)
			}
			screen, err := term.WaitText("服务器出了错", sshsim.Timeout)
			if err != nil {
				t.Fatalf("the participant was not told: %v", err)
			}
			if !strings.Contains(screen, "已作答的每一题都已保存") {
				t.Errorf("the participant was not told their answers are kept:\n%s", screen)
			}
			if got := logged.String(); !strings.Contains(got, "panic") || !strings.Contains(got, "boom in") {
				t.Errorf("the server's log has no word of the panic:\n%s", got)
			}
			next, err := sshsim.Open(addr, sshsim.Login{Code: testCode}, nil)
			if err != nil {
				t.Fatalf("the next participant: %v", err)
			}
			defer next.Close()
			if _, err := next.Welcome(); err != nil {
				t.Fatalf("the next participant: %v", err)
			}
		})
	}
}

// TestGuardKeepsPanicsFromBubbletea: bubbletea never sees a panic of a
// guarded model (it would report ErrProgramPanic after printing the
// panic to the process's stderr); the program ends normally.
func TestGuardKeepsPanicsFromBubbletea(t *testing.T) {
	t.Parallel()
	for _, where := range []string{"update", "cmd", "batch"} {
		t.Run(where, func(t *testing.T) {
			t.Parallel()
			var crashes []any
			var mu sync.Mutex
			m := guard(panicky{Model: idle{}, where: where}, func(p any) { mu.Lock(); crashes = append(crashes, p); mu.Unlock() })
			var out bytes.Buffer
			prog := tea.NewProgram(m, tea.WithInput(nil), tea.WithOutput(&out), tea.WithoutSignalHandler(), tea.WithWindowSize(80, 24))
			go func() {
				time.Sleep(50 * time.Millisecond)
				prog.Send(tea.KeyPressMsg{Code: 'x', Text: "x"})
			}()
			done := make(chan error, 1)
			go func() { _, err := prog.Run(); done <- err }()
			select {
			case err := <-done:
				if errors.Is(err, tea.ErrProgramPanic) {
					t.Fatalf("bubbletea caught the panic itself: %v", err)
				}
			case <-time.After(10 * time.Second):
				prog.Kill()
				t.Fatal("the program did not end after the panic")
			}
			mu.Lock()
			defer mu.Unlock()
			if len(crashes) != 1 {
				t.Errorf("the crash was reported %d times, want once: %v", len(crashes), crashes)
			}
		})
	}
}

// idle is a model that does nothing.
type idle struct{}

func (idle) Init() tea.Cmd                         { return nil }
func (m idle) Update(tea.Msg) (tea.Model, tea.Cmd) { return m, nil }
func (idle) View() tea.View                        { return tea.NewView("idle") }
