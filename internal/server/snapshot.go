package server

import (
	"context"
	"slices"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/store"
	"github.com/tangping-dev/tangping/internal/verify"
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
		if _, ok := VerifiedBank(s.cfg.Bank, c.Result); !ok {
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

// VerifiedBank returns the bank of a stored result — the session's, or a
// released one — and whether every figure r stores is what its answers
// give with it (docs/verification.md). The database is believed no more
// than a file is: the dashboard and a participant's own report both ask.
func VerifiedBank(session *bank.Bank, r *result.Result) (*bank.Bank, bool) {
	b := session
	if r.Instrument.SHA256 != b.SHA256 {
		var err error
		if b, err = bank.NewRegistry(i18n.EN).Find(r.Instrument.SHA256); err != nil || b == nil {
			return nil, false
		}
	}
	return b, verify.Against(b, r, i18n.EN) == ""
}
