package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tangping-dev/tangping/internal/result"
)

// DB is the Store over database/sql. The SQL is written once, with ?
// placeholders; a dialect says what differs between SQLite and
// PostgreSQL (placeholders, locking, errors, timestamps).
type DB struct {
	db *sql.DB
	d  dialect
	// saveProgress runs on every answer: prepared once, it skips parsing
	// the SQL each time (a third of a save's cost under load on SQLite).
	saveProgress *sql.Stmt
}

var _ Store = (*DB)(nil)

type dialect struct {
	name string
	// dollar numbers placeholders ($1, $2…) as PostgreSQL wants.
	dollar bool
	// ts is a time as the database keeps it, tsType its SQL type.
	ts     func(time.Time) any
	tsType string
	// nowMS is the database's clock in Unix milliseconds, as SQL.
	nowMS string
	// lockParticipant is appended to a SELECT of a participant row so a
	// concurrent Claim waits for the statement's transaction.
	lockParticipant string
	// lockResults, run in Complete's transaction before the insert,
	// makes results commit in the order of their sequence numbers.
	lockResults string
	// unique reports a unique-constraint violation.
	unique func(error) bool
	// transient reports a lost connection worth retrying.
	transient func(error) bool
	// retryFor bounds how long an operation retries transient errors.
	retryFor time.Duration
}

// q rewrites ? placeholders for the dialect. The SQL of this package has
// no ? inside literals.
func (d dialect) q(query string) string {
	if !d.dollar {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func newDB(db *sql.DB, d dialect) (*DB, error) {
	s := &DB{db: db, d: d}
	var err error
	if s.saveProgress, err = db.Prepare(d.q(`INSERT INTO progress (participant_id, doc, updated_at)
		SELECT id, CAST(? AS TEXT), CAST(? AS ` + d.tsType + `) FROM participants
		WHERE id = ? AND generation = ? AND NOT EXISTS (SELECT 1 FROM results WHERE participant_id = ?)` + d.lockParticipant + `
		ON CONFLICT (participant_id) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at`)); err != nil {
		return nil, err
	}
	return s, nil
}

// Close closes the database (SQLite checkpoints the WAL into the main file).
func (s *DB) Close() error {
	_ = s.saveProgress.Close()
	return s.db.Close()
}

// retry runs op until it succeeds, fails for a reason other than a lost
// connection, or the dialect's retryFor has passed (then ErrUnavailable).
// Every operation of this package may run twice: each is one statement
// or one transaction whose second run changes nothing more.
func (s *DB) retry(ctx context.Context, op func() error) error {
	err := op()
	if err == nil || s.d.transient == nil || !s.d.transient(err) {
		return err
	}
	deadline := time.Now().Add(s.d.retryFor)
	wait := 50 * time.Millisecond
	for time.Now().Before(deadline) {
		select {
		case <-ctx.Done():
			return errors.Join(ErrUnavailable, err)
		case <-time.After(wait):
		}
		wait = min(2*wait, time.Second)
		if err = op(); err == nil || !s.d.transient(err) {
			return err
		}
	}
	return fmt.Errorf("%w: %w", ErrUnavailable, err)
}

func (s *DB) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	var res sql.Result
	err := s.retry(ctx, func() (err error) {
		res, err = s.db.ExecContext(ctx, s.d.q(query), args...)
		return err
	})
	return res, err
}

// tx runs fn in a transaction, retried as a whole.
func (s *DB) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	return s.retry(ctx, func() error {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer func() { _ = tx.Rollback() }()
		if err := fn(tx); err != nil {
			return err
		}
		return tx.Commit()
	})
}

// tsScan reads a time whichever way the database keeps it.
type tsScan struct{ t *time.Time }

func (v tsScan) Scan(src any) error {
	switch x := src.(type) {
	case time.Time:
		*v.t = x.UTC()
	case string:
		*v.t, _ = time.Parse(time.RFC3339Nano, x)
	case []byte:
		*v.t, _ = time.Parse(time.RFC3339Nano, string(x))
	case nil:
		*v.t = time.Time{}
	default:
		return fmt.Errorf("store: a time of type %T", src)
	}
	return nil
}

// Session implements Store.
func (s *DB) Session(ctx context.Context, name string) (Session, error) {
	var se Session
	err := s.retry(ctx, func() error {
		return scanSession(s.db.QueryRowContext(ctx, s.d.q(`SELECT `+sessionCols+` FROM sessions WHERE name = ?`), name), &se)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, ErrNotFound
	}
	return se, err
}

// Sessions implements Store.
func (s *DB) Sessions(ctx context.Context) ([]Session, error) {
	var out []Session
	err := s.retry(ctx, func() error {
		out = nil
		rows, err := s.db.QueryContext(ctx, `SELECT `+sessionCols+` FROM sessions ORDER BY created_at, name`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var se Session
			if err := scanSession(rows, &se); err != nil {
				return err
			}
			out = append(out, se)
		}
		return rows.Err()
	})
	return out, err
}

const sessionCols = "name, code, created_at, collect_names"

func scanSession(row interface{ Scan(...any) error }, se *Session) error {
	var names sql.NullBool
	err := row.Scan(&se.Name, &se.Code, tsScan{&se.CreatedAt}, &names)
	se.CollectNames = names.Bool
	return err
}

// SaveSession implements Store. It changes an existing session's code
// only.
func (s *DB) SaveSession(ctx context.Context, se Session) error {
	_, err := s.exec(ctx, `INSERT INTO sessions (name, code, created_at, collect_names) VALUES (?, ?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET code = excluded.code`, se.Name, se.Code, s.d.ts(se.CreatedAt), se.CollectNames)
	return err
}

// EnsureSession implements Store.
func (s *DB) EnsureSession(ctx context.Context, se Session) (Session, error) {
	if _, err := s.exec(ctx, `INSERT INTO sessions (name, code, created_at, collect_names) VALUES (?, ?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET collect_names = COALESCE(sessions.collect_names, excluded.collect_names)`,
		se.Name, se.Code, s.d.ts(se.CreatedAt), se.CollectNames); err != nil {
		return Session{}, err
	}
	return s.Session(ctx, se.Name)
}

// Join implements Store.
func (s *DB) Join(ctx context.Context, p Participant) error {
	var fp any
	if p.KeyFingerprint != "" {
		fp = p.KeyFingerprint
	}
	_, err := s.exec(ctx, `INSERT INTO participants (id, session, resume_code, key_fp, created_at)
		VALUES (?, ?, ?, ?, ?)`, p.ID, p.Session, p.ResumeCode, fp, s.d.ts(p.CreatedAt))
	if err != nil && s.d.unique(err) {
		// A retry after a lost acknowledgement finds its own row.
		var same int
		if s.db.QueryRowContext(ctx, s.d.q(`SELECT 1 FROM participants WHERE id = ? AND session = ? AND resume_code = ?`),
			p.ID, p.Session, p.ResumeCode).Scan(&same) == nil {
			return nil
		}
		return ErrTaken
	}
	return err
}

// ByResumeCode implements Store.
func (s *DB) ByResumeCode(ctx context.Context, session, code string) (Participant, error) {
	return s.participant(ctx, `p.session = ? AND p.resume_code = ?`, session, code)
}

// ByKey implements Store.
func (s *DB) ByKey(ctx context.Context, session, fingerprint string) (Participant, error) {
	if fingerprint == "" {
		return Participant{}, ErrNotFound
	}
	return s.participant(ctx, `p.session = ? AND p.key_fp = ?`, session, fingerprint)
}

// participant reads the one participant matching where, with their
// progress and result.
func (s *DB) participant(ctx context.Context, where string, args ...any) (Participant, error) {
	var p Participant
	var fp, progress, res sql.NullString
	err := s.retry(ctx, func() error {
		return s.db.QueryRowContext(ctx, s.d.q(`SELECT p.id, p.session, p.resume_code, p.key_fp, p.created_at, g.doc, r.doc
		FROM participants p
		LEFT JOIN progress g ON g.participant_id = p.id
		LEFT JOIN results r ON r.participant_id = p.id
		WHERE `+where), args...).Scan(&p.ID, &p.Session, &p.ResumeCode, &fp, tsScan{&p.CreatedAt}, &progress, &res)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return Participant{}, ErrNotFound
	}
	if err != nil {
		return Participant{}, err
	}
	p.KeyFingerprint = fp.String
	if progress.Valid {
		var pr Progress
		if err := json.Unmarshal([]byte(progress.String), &pr); err != nil {
			return Participant{}, fmt.Errorf("progress of participant %s: %w", p.ID, err)
		}
		p.Progress = &pr
	}
	if res.Valid {
		var r result.Result
		if err := json.Unmarshal([]byte(res.String), &r); err != nil {
			return Participant{}, fmt.Errorf("result of participant %s: %w", p.ID, err)
		}
		p.Result = &r
	}
	return p, nil
}

// Claim implements Store.
func (s *DB) Claim(ctx context.Context, participantID string) (int64, error) {
	var gen int64
	err := s.retry(ctx, func() error {
		return s.db.QueryRowContext(ctx, s.d.q(`UPDATE participants SET generation = generation + 1 WHERE id = ? RETURNING generation`),
			participantID).Scan(&gen)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	return gen, err
}

// Claims implements Store.
func (s *DB) Claims(ctx context.Context, participantIDs []string) (map[string]int64, error) {
	out := map[string]int64{}
	if len(participantIDs) == 0 {
		return out, nil
	}
	args := make([]any, len(participantIDs))
	for i, id := range participantIDs {
		args[i] = id
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(args)), ", ")
	err := s.retry(ctx, func() error {
		clear(out)
		rows, err := s.db.QueryContext(ctx, s.d.q(`SELECT id, generation FROM participants WHERE id IN (`+marks+`)`), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var gen int64
			if err := rows.Scan(&id, &gen); err != nil {
				return err
			}
			out[id] = gen
		}
		return rows.Err()
	})
	return out, err
}

// SaveProgress implements Store. The insert happens only while claim is
// the participant's latest and they have no result; when it does not,
// why is looked up (only then: a save is one statement).
func (s *DB) SaveProgress(ctx context.Context, participantID string, claim int64, p Progress) error {
	doc, err := json.Marshal(p)
	if err != nil {
		return err
	}
	var n int64
	err = s.retry(ctx, func() error {
		res, err := s.saveProgress.ExecContext(ctx, string(doc), s.d.ts(p.UpdatedAt), participantID, claim, participantID)
		if err == nil {
			n, err = res.RowsAffected()
		}
		return err
	})
	if err != nil || n > 0 {
		return err
	}
	return s.why(ctx, participantID, claim)
}

// why explains a write that changed nothing: nil when the participant
// has completed (a late save from a stale screen is ignored), else
// ErrSuperseded or ErrNotFound.
func (s *DB) why(ctx context.Context, participantID string, claim int64) error {
	var gen int64
	var done bool
	err := s.retry(ctx, func() error {
		return s.db.QueryRowContext(ctx, s.d.q(`SELECT p.generation, EXISTS (SELECT 1 FROM results r WHERE r.participant_id = p.id)
			FROM participants p WHERE p.id = ?`), participantID).Scan(&gen, &done)
	})
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return ErrNotFound
	case err != nil:
		return err
	case done:
		return nil
	case gen != claim:
		return ErrSuperseded
	}
	return nil
}

// Complete implements Store.
func (s *DB) Complete(ctx context.Context, participantID string, claim int64, r *result.Result) error {
	doc, err := result.Encode(r)
	if err != nil {
		return err
	}
	var stale bool
	err = s.tx(ctx, func(tx *sql.Tx) error {
		stale = false
		var gen int64
		err := tx.QueryRowContext(ctx, s.d.q(`SELECT generation FROM participants WHERE id = ?`+s.d.lockParticipant), participantID).Scan(&gen)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if gen != claim {
			stale = true
			return nil
		}
		if s.d.lockResults != "" {
			if _, err := tx.ExecContext(ctx, s.d.lockResults); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, s.d.q(`INSERT INTO results (participant_id, doc, completed_at) VALUES (?, ?, ?)
		ON CONFLICT (participant_id) DO NOTHING`), participantID, string(doc), s.d.ts(r.CompletedAt)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.d.q(`DELETE FROM progress WHERE participant_id = ?`), participantID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.d.q(`UPDATE participants SET key_fp = NULL WHERE id = ?`), participantID)
		return err
	})
	if err != nil || !stale {
		return err
	}
	return s.why(ctx, participantID, claim)
}

// Counts implements Store.
func (s *DB) Counts(ctx context.Context, session string) (Counts, error) {
	var c Counts
	err := s.retry(ctx, func() error {
		return s.db.QueryRowContext(ctx, s.d.q(`SELECT
			COUNT(*),
			COUNT(g.participant_id),
			COUNT(r.participant_id)
		FROM participants p
		LEFT JOIN progress g ON g.participant_id = p.id
		LEFT JOIN results r ON r.participant_id = p.id
		WHERE p.session = ?`), session).Scan(&c.Joined, &c.InProgress, &c.Completed)
	})
	return c, err
}

// Results implements Store.
func (s *DB) Results(ctx context.Context, session string, after int64) ([]Completed, error) {
	var out []Completed
	err := s.retry(ctx, func() error {
		out = nil
		rows, err := s.db.QueryContext(ctx, s.d.q(`SELECT r.seq, r.participant_id, p.session, r.doc
		FROM results r JOIN participants p ON p.id = r.participant_id
		WHERE r.seq > ? AND (? = '' OR p.session = ?)
		ORDER BY r.seq`), after, session, session)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c Completed
			var doc string
			if err := rows.Scan(&c.Seq, &c.ParticipantID, &c.Session, &doc); err != nil {
				return err
			}
			var r result.Result
			if err := json.Unmarshal([]byte(doc), &r); err != nil {
				return fmt.Errorf("result of participant %s: %w", c.ParticipantID, err)
			}
			c.Result = &r
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// Beat implements Store. It also forgets instances gone for an hour.
func (s *DB) Beat(ctx context.Context, id, session string, connected int) error {
	_, err := s.exec(ctx, `INSERT INTO instances (id, session, connected, seen_ms) VALUES (?, ?, ?, `+s.d.nowMS+`)
		ON CONFLICT (id) DO UPDATE SET session = excluded.session, connected = excluded.connected, seen_ms = excluded.seen_ms`,
		id, session, connected)
	if err != nil {
		return err
	}
	_, err = s.exec(ctx, `DELETE FROM instances WHERE seen_ms < `+s.d.nowMS+` - 3600000`)
	return err
}

// Present implements Store.
func (s *DB) Present(ctx context.Context, session, except string) (Presence, error) {
	var p Presence
	err := s.retry(ctx, func() error {
		return s.db.QueryRowContext(ctx, s.d.q(`SELECT COALESCE(SUM(connected), 0), COUNT(*) FROM instances
			WHERE session = ? AND id <> ? AND seen_ms >= `+s.d.nowMS+` - ?`), session, except, InstanceTTL.Milliseconds()).Scan(&p.Connected, &p.Instances)
	})
	return p, err
}

// Leave implements Store.
func (s *DB) Leave(ctx context.Context, id string) error {
	_, err := s.exec(ctx, `DELETE FROM instances WHERE id = ?`, id)
	return err
}

// HostKey implements Store.
func (s *DB) HostKey(ctx context.Context, name string, generate func() ([]byte, error)) ([]byte, error) {
	var key string
	read := func() error {
		return s.retry(ctx, func() error {
			return s.db.QueryRowContext(ctx, s.d.q(`SELECT pem FROM host_keys WHERE name = ?`), name).Scan(&key)
		})
	}
	err := read()
	if !errors.Is(err, sql.ErrNoRows) {
		return []byte(key), err
	}
	pem, err := generate()
	if err != nil {
		return nil, err
	}
	// Two instances starting at once: the first insert wins, both read it.
	if _, err := s.exec(ctx, `INSERT INTO host_keys (name, pem) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`, name, string(pem)); err != nil {
		return nil, err
	}
	err = read()
	return []byte(key), err
}
