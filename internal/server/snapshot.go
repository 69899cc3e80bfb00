package server

import (
	"context"
	"slices"

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
		s.results.list = append(s.results.list, c.Result)
		s.results.seq = c.Seq
	}
	return Snapshot{Connected: s.Connected() + others.Connected, Counts: counts, Results: slices.Clone(s.results.list), Guessing: s.Guessing()}, nil
}
