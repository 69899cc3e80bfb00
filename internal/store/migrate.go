package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"path"
	"strconv"
	"strings"
)

// Schema changes are numbered SQL files, one folder per back end
// (migrations/sqlite, migrations/postgres), applied in order inside one
// transaction; the database records the last one applied (SQLite in
// PRAGMA user_version, PostgreSQL in the schema_version table). A
// database written by a newer tangping is refused, never downgraded.
//
//go:embed migrations
var migrationFiles embed.FS

type migration struct {
	version int
	sql     string
}

// migrations lists a back end's schema changes in order.
func migrations(backend string) ([]migration, error) {
	dir := path.Join("migrations", backend)
	entries, err := migrationFiles.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries { // ReadDir sorts by name
		num, _, _ := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if err != nil || v != len(out)+1 {
			return nil, fmt.Errorf("store: migration %s/%s is out of sequence", dir, e.Name())
		}
		data, err := migrationFiles.ReadFile(path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{v, string(data)})
	}
	return out, nil
}

// migrate brings the database to the newest schema. version reads the
// current one inside tx and record writes the new one; lock, when not
// "", keeps concurrent starters (several instances) from migrating twice.
func migrate(ctx context.Context, db *sql.DB, backend, lock string,
	version func(*sql.Tx) (int, error), record func(*sql.Tx, int) error) error {
	ms, err := migrations(backend)
	if err != nil {
		return err
	}
	latest := len(ms)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	if lock != "" {
		if _, err := tx.ExecContext(ctx, lock); err != nil {
			return err
		}
	}
	v, err := version(tx)
	if err != nil {
		return err
	}
	if v > latest {
		return fmt.Errorf("the database was written by a newer tangping (schema %d, this build knows %d); upgrade tangping", v, latest)
	}
	if v == latest {
		return nil // opening a database in use writes nothing
	}
	for _, m := range ms[v:] {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("schema %d: %w", m.version, err)
		}
	}
	if err := record(tx, latest); err != nil {
		return err
	}
	return tx.Commit()
}
