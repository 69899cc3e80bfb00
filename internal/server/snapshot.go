package server

import (
	"context"
	"slices"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/store"
)

// Snapshot is what the trainer's dashboard shows at one moment.
type Snapshot struct {
	// Connected is the participants with the questionnaire on screen, on
	// this instance now and on the others as of their last heartbeat.
	Connected int
	Counts    store.Counts // joined, in progress, completed (this session)
	// Results are the session's completed results in completion order.
	// The dashboard feeds them to internal/group; it must not change them.
	Results []*result.Result
	// Guessing is who gave wrong codes, and connections refused at a cap.
	Guessing Guessing
}

// resultCache holds the completed results read so far, so that each
// snapshot reads only the new ones.
type resultCache struct {
	seq  int64
	list []*result.Result
}

// Snapshot reads the session's state for the dashboard.
func (s *Server) Snapshot(ctx context.Context) (Snapshot, error) {
	counts, err := s.store.Counts(ctx, s.session)
	if err != nil {
		return Snapshot{}, err
	}
	others, err := s.store.Present(ctx, s.session, s.instance)
	if err != nil {
		return Snapshot{}, err
	}
	s.resMu.Lock()
	defer s.resMu.Unlock()
	more, err := s.store.Results(ctx, s.session, s.results.seq)
	if err != nil {
		return Snapshot{}, err
	}
	for _, c := range more {
		s.results.seq = c.Seq
		if _, err := s.Verify(c.Result); err != nil {
			// What differs would be one person's figures: the log says
			// only that it does.
			s.log.Warn("result left out of the dashboard: its stored figures differ from its answers, or its bank is unknown",
				"participant", short(c.ParticipantID))
			continue
		}
		s.results.list = append(s.results.list, c.Result)
	}
	return Snapshot{Connected: s.Connected() + others.Connected, Counts: counts, Results: slices.Clone(s.results.list), Guessing: s.Guessing()}, nil
}

// Verify recomputes a stored result with its bank — the session's, or a
// released one — and returns that bank, or an error when a figure differs
// or the bank is unknown (docs/verification.md). The dashboard and a
// participant's own report both ask; the errors name one person's
// figures, so they are for logs and that person only.
func (s *Server) Verify(r *result.Result) (*bank.Bank, error) {
	return s.verifier.Check("", r)
}
