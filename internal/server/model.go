package server

import (
	tea "charm.land/bubbletea/v2"

	"github.com/tangping-dev/tangping/internal/quiz"
	"github.com/tangping-dev/tangping/internal/tui"
)

// newModel builds a participant's questionnaire: the very same root model
// as the local `take`, told that it runs on a server so that its privacy
// wording is honest about where answers are kept.
func (s *Server) newModel(p ModelParams) tea.Model {
	if s.cfg.NewModel != nil {
		return s.cfg.NewModel(p)
	}
	return questionnaire(p)
}

// questionnaire is the real participant model.
func questionnaire(p ModelParams) tea.Model {
	return tui.New(tui.Options{
		Options: quiz.Options{Bank: p.Bank, Lang: p.Lang, Store: p.Store, Resume: p.Resume, Submit: p.Submit, Now: p.Now},
		Server:  true, CollectNames: p.CollectNames, ResumeCode: p.ResumeCode,
	})
}
