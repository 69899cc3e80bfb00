package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"modernc.org/sqlite" // also registers the "sqlite" driver (pure Go)
	sqlite3 "modernc.org/sqlite/lib"
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
// busy_timeout instead of failing with SQLITE_BUSY.
const dsnOptions = "_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)&_txlock=immediate"

var sqliteDialect = dialect{
	name:   "sqlite",
	ts:     func(t time.Time) any { return t.UTC().Format(time.RFC3339Nano) },
	tsType: "TEXT",
	nowMS:  "CAST(unixepoch('subsec') * 1000 AS INTEGER)",
	unique: func(err error) bool {
		var se *sqlite.Error
		return errors.As(err, &se) && (se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
	},
}

// OpenSQLite opens (creating when missing, mode 0600) the database at
// path: the embedded store, one file that only the owner can read (plus
// its -wal and -shm files).
func OpenSQLite(path string) (*DB, error) {
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
	err = migrate(context.Background(), db, "sqlite", "",
		func(tx *sql.Tx) (v int, err error) { return v, tx.QueryRow("PRAGMA user_version").Scan(&v) },
		func(tx *sql.Tx, v int) error {
			_, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", v))
			return err
		})
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	s, err := newDB(db, sqliteDialect)
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// escapePath keeps a path with '?' or '#' from being read as DSN options.
func escapePath(p string) string {
	return strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23").Replace(p)
}
