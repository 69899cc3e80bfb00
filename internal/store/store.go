// Package store owns what `tangping serve` keeps: group sessions, their
// participants, each participant's progress and completed result. Store
// is the small interface the server uses, with two back ends sharing one
// implementation (sql.go): SQLite, one embedded file and the default, and
// PostgreSQL, one database that several serve instances share
// (docs/deployment.md). Both pass the same conformance tests.
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
	// Sessions returns every session, oldest first.
	Sessions(ctx context.Context) ([]Session, error)
	// EnsureSession returns the session named s.Name, creating it as s
	// when it is missing: instances starting at once agree on one code.
	EnsureSession(ctx context.Context, s Session) (Session, error)

	// Join creates a participant. The resume code (and fingerprint, when
	// given) must be unused in the session; see ErrTaken.
	Join(ctx context.Context, p Participant) error
	// ByResumeCode and ByKey find one participant of a session.
	ByResumeCode(ctx context.Context, session, code string) (Participant, error)
	ByKey(ctx context.Context, session, fingerprint string) (Participant, error)
	// Claim makes the caller the one screen that writes participant id's
	// answers and returns its claim number; every earlier claim's
	// SaveProgress and Complete fail with ErrSuperseded from then on, on
	// whichever instance they run. Reading the participant after Claim
	// sees every save of the earlier claims.
	Claim(ctx context.Context, participantID string) (int64, error)
	// Claims returns the latest claim of each participant named (those
	// that exist), for an instance to notice screens claimed elsewhere.
	Claims(ctx context.Context, participantIDs []string) (map[string]int64, error)
	// SaveProgress replaces a participant's unfinished answers, if claim
	// is still the participant's latest (else ErrSuperseded). A save after
	// completion is ignored.
	SaveProgress(ctx context.Context, participantID string, claim int64, p Progress) error
	// Complete stores a participant's result and detaches their key, so
	// that the key no longer opens a finished questionnaire (a shared
	// computer's next user starts afresh); the resume code still does.
	// The first completion wins; a later one, or one under a superseded
	// claim, keeps it (the latter returns ErrSuperseded).
	Complete(ctx context.Context, participantID string, claim int64, r *result.Result) error

	// Counts summarises a session for the trainer.
	Counts(ctx context.Context, session string) (Counts, error)
	// Results returns completed results of a session ("" = every
	// session) whose sequence number is above after, in completion order.
	// A result committed later never has a smaller number, so a reader
	// that remembers the last number it saw misses none.
	Results(ctx context.Context, session string, after int64) ([]Completed, error)

	// Beat records that instance id serves session with connected
	// participants on screen; Present sums the instances other than
	// except that beat within InstanceTTL, and Leave removes an instance
	// that closes.
	Beat(ctx context.Context, id, session string, connected int) error
	Present(ctx context.Context, session, except string) (Presence, error)
	Leave(ctx context.Context, id string) error

	// HostKey returns the SSH host key kept in the database under name,
	// storing generate's key first when there is none, so that every
	// instance on one database shows participants the same server.
	HostKey(ctx context.Context, name string, generate func() ([]byte, error)) ([]byte, error)

	Close() error
}

// ErrSuperseded is returned by SaveProgress and Complete when the same
// participant has since been claimed by another screen.
var ErrSuperseded = errors.New("store: the participant carried on in another session")

// ErrUnavailable wraps the cause when the database could not be reached
// for longer than the store waits (RetryFor).
var ErrUnavailable = errors.New("store: the database is unreachable")

// InstanceTTL is how long an instance's Beat counts: instances beat every
// BeatEvery, so one that died drops out of Present within InstanceTTL.
const (
	BeatEvery   = 2 * time.Second
	InstanceTTL = 3 * BeatEvery
)

// ErrTaken is returned by Join when the resume code or key is already
// used in the session; the caller draws another code.
var ErrTaken = errors.New("store: resume code or key already taken")

// Session is one group session: a name and the code participants enter.
type Session struct {
	Name      string
	Code      string
	CreatedAt time.Time
	// CollectNames is the session's names setting (serve
	// --collect-names), recorded when the session is created so that
	// every instance and restart serving it keeps what participants were
	// told. A session recorded before the setting existed takes it from
	// the next EnsureSession.
	CollectNames bool
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

// Presence is who is on screen across every instance serving a session.
type Presence struct {
	Connected int // participants on screen
	Instances int // serve instances beating
}

// Completed is one completed result with its place in completion order.
type Completed struct {
	Seq           int64
	ParticipantID string
	Session       string
	Result        *result.Result
}
