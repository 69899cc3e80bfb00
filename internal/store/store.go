// Package store owns what `tangping serve` keeps: group sessions, their
// participants, each participant's progress and completed result. Store
// is the small interface the server uses; SQLite (one file, embedded) is
// the implementation, and a networked database for organisations that
// outgrow one machine would be a second one.
//
// The participant side of the interface always names one participant
// (by id, resume code or key fingerprint) and returns only that
// participant's row; only the trainer side (Counts, Results) reads across
// participants.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/tangping-dev/tangping/internal/autosave"
	"github.com/tangping-dev/tangping/internal/result"
)

// ErrNotFound is returned when a session or participant does not exist.
var ErrNotFound = errors.New("store: not found")

// Store keeps group sessions. Every write has reached the database when
// the call returns: a server killed right after keeps it.
type Store interface {
	// Session returns the session named name, or ErrNotFound.
	Session(ctx context.Context, name string) (Session, error)
	// SaveSession creates the session or updates its code.
	SaveSession(ctx context.Context, s Session) error

	// Join creates a participant. The resume code (and fingerprint, when
	// given) must be unused in the session; see ErrTaken.
	Join(ctx context.Context, p Participant) error
	// ByResumeCode and ByKey find one participant of a session.
	ByResumeCode(ctx context.Context, session, code string) (Participant, error)
	ByKey(ctx context.Context, session, fingerprint string) (Participant, error)
	// SaveProgress replaces a participant's unfinished answers.
	SaveProgress(ctx context.Context, participantID string, p Progress) error
	// Complete stores a participant's result and detaches their key, so
	// that the key no longer opens a finished questionnaire (a shared
	// computer's next user starts afresh); the resume code still does.
	Complete(ctx context.Context, participantID string, r *result.Result) error

	// Counts summarises a session for the trainer.
	Counts(ctx context.Context, session string) (Counts, error)
	// Results returns completed results of a session ("" = every
	// session) whose sequence number is above after, in completion order.
	Results(ctx context.Context, session string, after int64) ([]Completed, error)

	Close() error
}

// ErrTaken is returned by Join when the resume code or key is already
// used in the session; the caller draws another code.
var ErrTaken = errors.New("store: resume code or key already taken")

// Session is one group session: a name and the code participants enter.
type Session struct {
	Name      string
	Code      string
	CreatedAt time.Time
}

// Participant is one person in one session.
type Participant struct {
	ID         string
	Session    string
	ResumeCode string
	// KeyFingerprint is the SHA256 fingerprint of the SSH key they
	// offered, or "" (none offered, or detached on completion).
	KeyFingerprint string
	CreatedAt      time.Time
	// Progress is nil until the first answer is saved.
	Progress *Progress
	// Result is nil until they complete.
	Result *result.Result
}

// Progress is an unfinished questionnaire: exactly the TUI's autosave
// state, stored as one JSON document per participant and replaced on
// every answer.
type Progress = autosave.State

// Counts are a session's participants by state.
type Counts struct {
	Joined     int // every participant row
	InProgress int // at least one answer saved, not completed
	Completed  int
}

// Completed is one completed result with its place in completion order.
type Completed struct {
	Seq           int64
	ParticipantID string
	Session       string
	Result        *result.Result
}
