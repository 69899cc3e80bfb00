package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	neturl "net/url"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// RetryFor is how long a PostgreSQL operation keeps retrying while the
// connection is lost (the database restarting, a network blip) before it
// reports ErrUnavailable. A restart takes a second or two; a participant
// waits at most this long for the next question before being told.
const RetryFor = 4 * time.Second

// pgMaxConns bounds each instance's connections: every statement is a
// millisecond or so, and an organisation runs several instances against
// the server's max_connections (100 by default).
const pgMaxConns = 10

// migrationLock is the advisory lock instances take while migrating, so
// that instances starting together migrate once.
const migrationLock = `SELECT pg_advisory_xact_lock(7151711)`

var postgresDialect = dialect{
	name:            "postgres",
	dollar:          true,
	ts:              func(t time.Time) any { return t.UTC() },
	tsType:          "TIMESTAMPTZ",
	nowMS:           "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)",
	lockParticipant: " FOR SHARE",
	// Results commit one at a time, so their sequence numbers are in
	// commit order and a dashboard reading "after N" misses none.
	// Completions are one per participant: the wait is negligible.
	lockResults: `SELECT pg_advisory_xact_lock(7151712)`,
	unique: func(err error) bool {
		var pe *pgconn.PgError
		return errors.As(err, &pe) && pe.Code == "23505"
	},
	transient: pgTransient,
	retryFor:  RetryFor,
}

// IsURL reports whether --data names a PostgreSQL database rather than a
// folder.
func IsURL(data string) bool {
	return strings.HasPrefix(data, "postgres://") || strings.HasPrefix(data, "postgresql://")
}

// passwordParam is compiled when first used, not at every start
// (docs/performance.md).
var passwordParam = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)([?&]password=)([^&]*)`) })

// Redact is a connection URL fit for a log or a message: any password,
// in the user part or as a parameter, is replaced by xxxxx.
func Redact(url string) string {
	red, _, _ := redact(url)
	return red
}

// redact returns the URL without its passwords, the user part's password
// and those of password parameters. A password typed with "/", "?", "#"
// or "@" in it, unencoded (as people do), still belongs to the user part:
// that part runs from the first ":" to the last "@", when the ":" comes
// before the first "@" (else it is a host's port). Parameters go first,
// so that an "@" in one cannot stretch the user part over it.
func redact(url string) (red, user string, params []string) {
	scheme, rest, ok := strings.Cut(url, "://")
	if !ok {
		return url, "", nil
	}
	for _, m := range passwordParam().FindAllStringSubmatch(rest, -1) {
		params = append(params, m[2])
	}
	rest = passwordParam().ReplaceAllString(rest, "${1}xxxxx")
	if at, colon := strings.LastIndex(rest, "@"), strings.Index(rest, ":"); at >= 0 && colon >= 0 && colon < strings.Index(rest, "@") {
		user = rest[colon+1 : at]
		rest = rest[:colon+1] + "xxxxx" + rest[at:]
	}
	return scheme + "://" + rest, user, params
}

// ErrUnencodedPassword: the driver reads a URL's user part differently
// (it ends at the first "@" or "/"), so it would look up part of such a
// password as a host name, and show it in its messages.
var ErrUnencodedPassword = errors.New(`the password in the URL holds "@", "/", "?" or "#": write them as %40, %2F, %3F and %23, or better, keep the password out of the URL (~/.pgpass or PGPASSWORD; see docs/deployment.md)`)

// OpenPostgres connects to the database at url and brings its schema up
// to date. Errors never hold the password.
func OpenPostgres(ctx context.Context, url string) (*DB, error) {
	if _, user, _ := redact(url); strings.ContainsAny(user, "@/?#") {
		return nil, redactErr(url, ErrUnencodedPassword)
	}
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, redactErr(url, err)
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 10 * time.Second
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(pgMaxConns)
	db.SetMaxIdleConns(pgMaxConns)
	// Connections older than this are replaced: after a failover the
	// pool does not keep talking to a server that became a replica.
	db.SetConnMaxLifetime(30 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, redactErr(url, err)
	}
	err = migrate(ctx, db, "postgres", migrationLock,
		func(tx *sql.Tx) (int, error) {
			if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
				version    INTEGER NOT NULL,
				applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
				return 0, err
			}
			var v int
			return v, tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&v)
		},
		func(tx *sql.Tx, v int) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES ($1)`, v)
			return err
		})
	if err != nil {
		_ = db.Close()
		return nil, redactErr(url, err)
	}
	s, err := newDB(db, postgresDialect)
	if err != nil {
		_ = db.Close()
		return nil, redactErr(url, err)
	}
	return s, nil
}

// redactErr names the database (without its password) and makes sure
// the password appears nowhere in the message, whatever the driver put
// in it.
func redactErr(url string, err error) error {
	return &redactedError{url: url, err: err}
}

type redactedError struct {
	url string
	err error
}

func (e *redactedError) Error() string {
	red, user, params := redact(e.url)
	msg := strings.ReplaceAll(e.err.Error(), e.url, red)
	for _, pw := range append(params, user) {
		if pw == "" {
			continue
		}
		msg = strings.ReplaceAll(msg, pw, "xxxxx")
		if dec, err := neturl.PathUnescape(pw); err == nil && dec != "" {
			msg = strings.ReplaceAll(msg, dec, "xxxxx")
		}
	}
	return red + ": " + msg
}

func (e *redactedError) Unwrap() error { return e.err }

// pgTransient reports a lost or refused connection: the operation is
// worth retrying once the server is back.
func pgTransient(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return strings.HasPrefix(pe.Code, "08") || // connection exception
			pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03" // admin/crash shutdown, cannot connect now
	}
	var ce *pgconn.ConnectError
	switch {
	case errors.As(err, &ce), pgconn.SafeToRetry(err),
		errors.Is(err, driver.ErrBadConn), errors.Is(err, pgconn.ErrConnClosed),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return true
	}
	var ne net.Error
	return errors.As(err, &ne)
}
