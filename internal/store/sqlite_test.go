package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func sqliteBackend(t *testing.T) func() Store {
	path := filepath.Join(t.TempDir(), "serve.db")
	return func() Store {
		s, err := OpenSQLite(path)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
}

func TestSQLite(t *testing.T) {
	t.Parallel()
	runConformance(t, sqliteBackend)
}

func openSQLite(t *testing.T, path string) *DB {
	t.Helper()
	s, err := OpenSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func TestSQLiteFilesArePrivate(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := openSQLite(t, filepath.Join(dir, "serve.db"))
	seed(t, s, "s1", Participant{ID: "a", ResumeCode: "AAAAAA"})
	for _, name := range []string{"serve.db", "serve.db-wal"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode = %o, want 600", name, fi.Mode().Perm())
		}
	}
}

func TestSQLiteRefusesNewerSchema(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "serve.db")
	s := openSQLite(t, path)
	if _, err := s.db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	_ = s.Close()
	if _, err := OpenSQLite(path); err == nil {
		t.Fatal("opened a database from a newer tangping")
	}
}

func TestSQLiteIsInWALMode(t *testing.T) {
	t.Parallel()
	s := openSQLite(t, filepath.Join(t.TempDir(), "serve.db"))
	var mode string
	if err := s.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal_mode = %q, %v", mode, err)
	}
}

// A data folder written before schema 2 (no claims) opens, keeps its
// participants and their progress, and works with claims.
func TestSQLiteMigratesSchema1(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "serve.db")
	s := openSQLite(t, path)
	ms, err := migrations("sqlite")
	if err != nil {
		t.Fatal(err)
	}
	// Rebuild the database as schema 1 left it.
	for _, stmt := range []string{"DROP TABLE instances", "DROP TABLE host_keys", "DROP TABLE results", "DROP TABLE progress",
		"DROP TABLE participants", "DROP TABLE sessions", ms[0].sql, "PRAGMA user_version = 1",
		`INSERT INTO sessions VALUES ('s1', '123456', '2026-05-14T09:00:00Z')`,
		`INSERT INTO participants VALUES ('a', 's1', 'AAAAAA', NULL, '2026-05-14T09:00:00Z')`,
		`INSERT INTO progress VALUES ('a', '{"answers":{"Q01":3},"cursor":1}', '2026-05-14T09:01:00Z')`} {
		if _, err := s.db.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	_ = s.Close()
	s = openSQLite(t, path)
	ctx := context.Background()
	p, err := s.ByResumeCode(ctx, "s1", "AAAAAA")
	if err != nil || p.Progress == nil || p.Progress.Answers["Q01"] != 3 {
		t.Fatalf("after migrating: %+v, %v", p.Progress, err)
	}
	c := claim(t, s, "a")
	if err := s.SaveProgress(ctx, "a", c, Progress{Cursor: 2, Answers: map[string]int{"Q01": 3, "Q02": 1}}); err != nil {
		t.Fatal(err)
	}
	// The session recorded before names were a setting takes the next
	// starter's.
	if se, err := s.EnsureSession(ctx, Session{Name: "s1", Code: "9", CollectNames: true}); err != nil || !se.CollectNames || se.Code != "123456" {
		t.Fatalf("an old session after EnsureSession: %+v, %v", se, err)
	}
	var v int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != len(ms) {
		t.Fatalf("user_version = %d, %v; want %d", v, err, len(ms))
	}
}
