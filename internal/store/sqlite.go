package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver (pure Go)

	"github.com/tangping-dev/tangping/internal/result"
)

// Durability. The database runs in WAL mode with synchronous=NORMAL: a
// commit appends the transaction to the -wal file with write(2) before
// the call returns, and fsync happens at checkpoints. Killing the
// process (kill -9, a crash) cannot lose a committed transaction, because
// the bytes are already in the operating system's page cache and the
// next open replays the WAL. Only losing power (or the kernel) in the
// moment after a commit could drop the last transactions; that is the
// price of not waiting for the disk on every answer, which is what keeps
// 200 concurrent participants fast. _txlock=immediate makes every
// transaction take the write lock at BEGIN, so concurrent writers queue on
// busy_timeout instead of failing with SQLITE_BUSY (STACK.md).
const dsnOptions = "_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)&_txlock=immediate"

// schemaVersion is PRAGMA user_version of a database this build created.
const schemaVersion = 1

const schema = `
CREATE TABLE IF NOT EXISTS sessions (
	name       TEXT PRIMARY KEY,
	code       TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS participants (
	id          TEXT PRIMARY KEY,
	session     TEXT NOT NULL REFERENCES sessions(name),
	resume_code TEXT NOT NULL,
	key_fp      TEXT,
	created_at  TEXT NOT NULL,
	UNIQUE (session, resume_code)
);
CREATE UNIQUE INDEX IF NOT EXISTS participants_key ON participants(session, key_fp) WHERE key_fp IS NOT NULL;
CREATE TABLE IF NOT EXISTS progress (
	participant_id TEXT PRIMARY KEY REFERENCES participants(id),
	doc            TEXT NOT NULL,
	updated_at     TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS results (
	seq            INTEGER PRIMARY KEY AUTOINCREMENT,
	participant_id TEXT NOT NULL UNIQUE REFERENCES participants(id),
	doc            TEXT NOT NULL,
	completed_at   TEXT NOT NULL
);
`

// SQLite is the embedded Store: one database file (plus its -wal and
// -shm files) that only the owner can read.
type SQLite struct {
	db *sql.DB
	// saveProgress runs on every answer: prepared once, it skips parsing
	// the SQL each time (a third of a save's cost under load).
	saveProgress *sql.Stmt
}

var _ Store = (*SQLite)(nil)

// OpenSQLite opens (creating when missing, mode 0600) the database at path.
func OpenSQLite(path string) (*SQLite, error) {
	// Create the file ourselves so that it, and the -wal and -shm files
	// SQLite derives from its mode, are private whatever the umask.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	_ = f.Close()
	db, err := sql.Open("sqlite", "file:"+escapePath(path)+"?"+dsnOptions)
	if err != nil {
		return nil, err
	}
	// One connection: writes from every session queue in Go, in order,
	// instead of sleeping in SQLite's busy handler, which is what keeps
	// the latency of 200 concurrent participants flat. Each statement is
	// tens of microseconds. Other processes (export, group) still read
	// concurrently thanks to WAL.
	db.SetMaxOpenConns(1)
	db.SetConnMaxIdleTime(0)
	s := &SQLite{db: db}
	if err := s.migrate(); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if s.saveProgress, err = db.Prepare(saveProgressSQL); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// escapePath keeps a path with '?' or '#' from being read as DSN options.
func escapePath(p string) string {
	return strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23").Replace(p)
}

func (s *SQLite) migrate() error {
	var v int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		return err
	}
	if v > schemaVersion {
		return fmt.Errorf("the database was written by a newer tangping (schema %d, this build knows %d); upgrade tangping", v, schemaVersion)
	}
	if v == schemaVersion {
		return nil // opening a database the server is using writes nothing
	}
	if _, err := s.db.Exec(schema); err != nil {
		return err
	}
	_, err := s.db.Exec(fmt.Sprintf("PRAGMA user_version = %d", schemaVersion))
	return err
}

// Close closes the database; SQLite checkpoints the WAL into the main file.
func (s *SQLite) Close() error {
	_ = s.saveProgress.Close()
	return s.db.Close()
}

func ts(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func parseTS(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

// Session implements Store.
func (s *SQLite) Session(ctx context.Context, name string) (Session, error) {
	var se Session
	var created string
	err := s.db.QueryRowContext(ctx, `SELECT name, code, created_at FROM sessions WHERE name = ?`, name).
		Scan(&se.Name, &se.Code, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, ErrNotFound
	}
	se.CreatedAt = parseTS(created)
	return se, err
}

// SaveSession implements Store.
func (s *SQLite) SaveSession(ctx context.Context, se Session) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO sessions (name, code, created_at) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET code = excluded.code`, se.Name, se.Code, ts(se.CreatedAt))
	return err
}

// Join implements Store.
func (s *SQLite) Join(ctx context.Context, p Participant) error {
	var fp any
	if p.KeyFingerprint != "" {
		fp = p.KeyFingerprint
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO participants (id, session, resume_code, key_fp, created_at)
		VALUES (?, ?, ?, ?, ?)`, p.ID, p.Session, p.ResumeCode, fp, ts(p.CreatedAt))
	if err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed") {
		return ErrTaken
	}
	return err
}

// ByResumeCode implements Store.
func (s *SQLite) ByResumeCode(ctx context.Context, session, code string) (Participant, error) {
	return s.participant(ctx, `p.session = ? AND p.resume_code = ?`, session, code)
}

// ByKey implements Store.
func (s *SQLite) ByKey(ctx context.Context, session, fingerprint string) (Participant, error) {
	if fingerprint == "" {
		return Participant{}, ErrNotFound
	}
	return s.participant(ctx, `p.session = ? AND p.key_fp = ?`, session, fingerprint)
}

// participant reads the one participant matching where, with their
// progress and result.
func (s *SQLite) participant(ctx context.Context, where string, args ...any) (Participant, error) {
	var p Participant
	var fp, progress, res sql.NullString
	var created string
	err := s.db.QueryRowContext(ctx, `SELECT p.id, p.session, p.resume_code, p.key_fp, p.created_at, g.doc, r.doc
		FROM participants p
		LEFT JOIN progress g ON g.participant_id = p.id
		LEFT JOIN results r ON r.participant_id = p.id
		WHERE `+where, args...).Scan(&p.ID, &p.Session, &p.ResumeCode, &fp, &created, &progress, &res)
	if errors.Is(err, sql.ErrNoRows) {
		return Participant{}, ErrNotFound
	}
	if err != nil {
		return Participant{}, err
	}
	p.KeyFingerprint = fp.String
	p.CreatedAt = parseTS(created)
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

// SaveProgress implements Store. A participant who already completed
// keeps their result: a late save from a stale connection is ignored.
func (s *SQLite) SaveProgress(ctx context.Context, participantID string, p Progress) error {
	doc, err := json.Marshal(p)
	if err != nil {
		return err
	}
	_, err = s.saveProgress.ExecContext(ctx, participantID, string(doc), ts(p.UpdatedAt), participantID)
	return err
}

const saveProgressSQL = `INSERT INTO progress (participant_id, doc, updated_at)
	SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM results WHERE participant_id = ?)
	ON CONFLICT (participant_id) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at`

// Complete implements Store. A second completion of the same participant
// keeps the first result.
func (s *SQLite) Complete(ctx context.Context, participantID string, r *result.Result) error {
	doc, err := result.Encode(r)
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.ExecContext(ctx, `INSERT INTO results (participant_id, doc, completed_at) VALUES (?, ?, ?)
		ON CONFLICT (participant_id) DO NOTHING`, participantID, string(doc), ts(r.CompletedAt)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM progress WHERE participant_id = ?`, participantID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE participants SET key_fp = NULL WHERE id = ?`, participantID); err != nil {
		return err
	}
	return tx.Commit()
}

// Counts implements Store.
func (s *SQLite) Counts(ctx context.Context, session string) (Counts, error) {
	var c Counts
	err := s.db.QueryRowContext(ctx, `SELECT
			COUNT(*),
			COUNT(g.participant_id),
			COUNT(r.participant_id)
		FROM participants p
		LEFT JOIN progress g ON g.participant_id = p.id
		LEFT JOIN results r ON r.participant_id = p.id
		WHERE p.session = ?`, session).Scan(&c.Joined, &c.InProgress, &c.Completed)
	return c, err
}

// Results implements Store.
func (s *SQLite) Results(ctx context.Context, session string, after int64) ([]Completed, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT r.seq, r.participant_id, p.session, r.doc
		FROM results r JOIN participants p ON p.id = r.participant_id
		WHERE r.seq > ? AND (? = '' OR p.session = ?)
		ORDER BY r.seq`, after, session, session)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Completed
	for rows.Next() {
		var c Completed
		var doc string
		if err := rows.Scan(&c.Seq, &c.ParticipantID, &c.Session, &doc); err != nil {
			return nil, err
		}
		var r result.Result
		if err := json.Unmarshal([]byte(doc), &r); err != nil {
			return nil, fmt.Errorf("result of participant %s: %w", c.ParticipantID, err)
		}
		c.Result = &r
		out = append(out, c)
	}
	return out, rows.Err()
}
