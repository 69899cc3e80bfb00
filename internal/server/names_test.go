package server

import (
	"errors"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tangping-dev/tangping/internal/autosave"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/score"
	"github.com/tangping-dev/tangping/internal/sshsim"
)

// namedClient is a participant's questionnaire that hands the server a
// name, as a modified client could: it saves progress and submits a
// result that both carry one, then reports the resume code.
type namedClient struct {
	p    ModelParams
	done chan<- string
	errs chan<- error
}

func (m namedClient) Init() tea.Cmd {
	return func() tea.Msg {
		who := result.Respondent{Name: "张三", Unit: "城管局", Role: "科员"}
		err := m.p.Store.Save(autosave.State{BankID: m.p.Bank.ID, BankSHA256: m.p.Bank.SHA256, Respondent: who,
			Answers: map[string]int{"Q01": 2}, UpdatedAt: time.Now()})
		r := score.Score(m.p.Bank, score.Input{ID: result.NewID(), Lang: "zh", Respondent: who,
			Answers: sshsim.RandomPlan(len(m.p.Bank.Items), 9).Answers(ids(m.p.Bank))})
		_, serr := m.p.Submit(r)
		m.errs <- errors.Join(err, serr)
		m.done <- m.p.ResumeCode
		return tea.QuitMsg{}
	}
}
func (m namedClient) Update(tea.Msg) (tea.Model, tea.Cmd) { return m, nil }
func (m namedClient) View() tea.View                      { return tea.NewView("") }

// TestStoreKeepsNoNamesUnlessCollected: by default the server stores no
// name with a participant's progress or result, even from a client that
// sends one; with --collect-names (announced on the welcome screen) it
// does (docs/privacy.md).
func TestStoreKeepsNoNamesUnlessCollected(t *testing.T) {
	t.Parallel()
	for _, collect := range []bool{false, true} {
		done, errs := make(chan string, 1), make(chan error, 1)
		s := startServer(t, Config{CollectNames: collect, NewModel: func(p ModelParams) tea.Model {
			return namedClient{p: p, done: done, errs: errs}
		}})
		open(t, s, sshsim.Login{Code: testCode}, nil)
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
		p := participantByCode(t, s, <-done)
		if p.Result == nil {
			t.Fatal("no result stored")
		}
		want := ""
		if collect {
			want = "张三"
		}
		if got := p.Result.Respondent; got.Name != want || got.Unit != "城管局" || got.Anonymous {
			t.Errorf("collect names %v: stored respondent %+v, want name %q and the unit", collect, got, want)
		}
		if p.Progress != nil && p.Progress.Respondent.Name != want {
			t.Errorf("collect names %v: stored progress names %q", collect, p.Progress.Respondent.Name)
		}
	}
}
