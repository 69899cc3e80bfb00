package store

import (
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/testkit"
)

var pg testkit.PGHarness

// pgDurable is the benchmarks' server: fsync on, as in production.
var pgDurable = testkit.PGHarness{Durable: true}

// pgOutage is the server TestPostgresSurvivesARestart stops and starts:
// its own, so the tests on pg run beside it (docs/architecture.md §8).
var pgOutage testkit.PGHarness

// The tests here wait on the database server, not on the CPU.
func TestMain(m *testing.M) {
	testkit.WaitingTests(8)
	os.Exit(pg.Run(func() int {
		return pgOutage.Run(func() int { return pgDurable.Run(m.Run) })
	}))
}

func postgresBackend(t *testing.T) func() Store {
	url := pg.Need(t).Database(t)
	return func() Store {
		s, err := OpenPostgres(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
}

func TestPostgres(t *testing.T) {
	t.Parallel()
	runConformance(t, postgresBackend)
}

func openPG(t *testing.T, url string) *DB {
	t.Helper()
	s, err := OpenPostgres(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// Instances starting together migrate once, and a database written by a
// newer tangping is refused.
func TestPostgresSchemaVersions(t *testing.T) {
	t.Parallel()
	url := pg.Need(t).Database(t)
	var wg sync.WaitGroup
	errs := make([]error, 5)
	for i := range errs {
		wg.Go(func() {
			s, err := OpenPostgres(context.Background(), url)
			if err == nil {
				err = s.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	s := openPG(t, url)
	var rows, v int
	if err := s.db.QueryRow(`SELECT COUNT(*), MAX(version) FROM schema_version`).Scan(&rows, &v); err != nil {
		t.Fatal(err)
	}
	ms, _ := migrations("postgres")
	if rows != 1 || v != len(ms) {
		t.Fatalf("schema_version has %d rows, version %d; want 1 row, version %d", rows, v, len(ms))
	}
	if _, err := s.db.Exec(`INSERT INTO schema_version (version) VALUES (99)`); err != nil {
		t.Fatal(err)
	}
	_, err := OpenPostgres(context.Background(), url)
	if err == nil || !strings.Contains(err.Error(), "newer tangping") {
		t.Fatalf("opening a newer schema: %v", err)
	}
}

func TestRedact(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"postgres://u:s3cret@db.example:5432/tangping?sslmode=require": "postgres://u:xxxxx@db.example:5432/tangping?sslmode=require",
		"postgresql://u@db/t":                        "postgresql://u@db/t",
		"postgres://db/t?user=u&password=s3cret&x=1": "postgres://db/t?user=u&password=xxxxx&x=1",
		"postgres://u:p%40ss@h1:5432,h2:5432/t":      "postgres://u:xxxxx@h1:5432,h2:5432/t",
		"postgres:///t?host=/var/run/postgresql":     "postgres:///t?host=/var/run/postgresql",
		"postgres://u:s3cret@db":                     "postgres://u:xxxxx@db",
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRedactPasswordsTypedAsTheyAre: a password with "/", "?", "#" or "@"
// in it, typed into the URL without percent-encoding (as people do),
// went into messages and serve.log whole ("postgres://u:se/cret@…": the
// user part was taken to end at the first "/"). Needs no server: the
// address refuses at once.
func TestRedactPasswordsTypedAsTheyAre(t *testing.T) {
	t.Parallel()
	for _, pw := range []string{"Se/cret1", "Se?cret2", "Se#cret3", "Se@cret4", "S@e/c?r#et5", "Se%2Fcret6"} {
		for _, u := range []string{
			"postgres://tangping:" + pw + "@127.0.0.1:1/x?connect_timeout=2",
			"postgresql://tangping:" + pw + "@127.0.0.1:1",
		} {
			secret := strings.Trim(pw, "S") // any recognisable part
			if red := Redact(u); strings.Contains(red, secret[2:]) || !strings.Contains(red, "xxxxx") {
				t.Errorf("Redact(%q) = %q", u, red)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			_, err := OpenPostgres(ctx, u)
			cancel()
			if err == nil {
				t.Errorf("%s: opened", u)
			} else if strings.Contains(err.Error(), secret[2:]) {
				t.Errorf("opening %q, the error shows the password: %v", u, err)
			}
		}
	}
}

// Whatever goes wrong opening a database, the message names it without
// its password: a wrong password, a server that is not there, a URL the
// driver cannot parse.
func TestPostgresErrorsNeverShowThePassword(t *testing.T) {
	t.Parallel()
	srv := pg.Need(t)
	url := srv.Database(t)
	const secret = "Sup3rSecretPw"
	wrong := strings.Replace(url, srv.Password(), secret, 1)
	for name, u := range map[string]string{
		"wrong password": wrong,
		"nobody there":   "postgres://tangping:" + secret + "@127.0.0.1:1/x?sslmode=disable&connect_timeout=2",
		"unparseable":    "postgres://tangping:" + secret + "@127.0.0.1:notaport/x",
		"bad parameter":  "postgres://tangping:" + secret + "@127.0.0.1/x?sslmode=sometimes",
		"in a parameter": "postgres://127.0.0.1:1/x?user=tangping&password=" + secret + "&connect_timeout=2",
	} {
		_, err := OpenPostgres(context.Background(), u)
		if err == nil {
			t.Errorf("%s: opened", name)
			continue
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("%s: the error shows the password: %v", name, err)
		}
		if !strings.Contains(err.Error(), "xxxxx") {
			t.Errorf("%s: the error does not name the database: %v", name, err)
		}
	}
	// The real password, from the working URL, never shows either.
	s := openPG(t, url)
	_ = s.Close()
	if _, err := s.Counts(context.Background(), "s1"); err == nil || strings.Contains(err.Error(), srv.Password()) {
		t.Errorf("using a closed store: %v", err)
	}
}

// The database restarting between two answers costs the participant a
// wait, not an answer: the store reconnects and the save lands once.
func TestPostgresSurvivesARestart(t *testing.T) {
	t.Parallel()
	srv := pgOutage.Need(t)
	s := openPG(t, srv.Database(t))
	ctx := context.Background()
	seed(t, s, "s1", Participant{ID: "a", ResumeCode: "A"})
	c := claim(t, s, "a")
	if err := s.SaveProgress(ctx, "a", c, Progress{Cursor: 1, Answers: map[string]int{"Q01": 1}}); err != nil {
		t.Fatal(err)
	}
	if err := srv.Restart("fast"); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveProgress(ctx, "a", c, Progress{Cursor: 2, Answers: map[string]int{"Q01": 1, "Q02": 3}}); err != nil {
		t.Fatalf("the first save after a restart: %v", err)
	}
	if err := s.Complete(ctx, "a", c, &result.Result{ID: "r-a"}); err != nil {
		t.Fatal(err)
	}
	// Down for longer than RetryFor: ErrUnavailable, then fine again.
	if err := srv.Stop("fast"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err := s.Counts(ctx, "s1")
	if !errors.Is(err, ErrUnavailable) || time.Since(start) < RetryFor {
		t.Errorf("with the database down: %v after %v; want ErrUnavailable after %v", err, time.Since(start), RetryFor)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	if c, err := s.Counts(ctx, "s1"); err != nil || c.Completed != 1 {
		t.Fatalf("counts after the database came back: %+v, %v", c, err)
	}
}
