package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/result"
)

var t0 = time.Date(2026, 5, 14, 9, 0, 0, 0, time.UTC)

func open(t *testing.T, path string) *SQLite {
	t.Helper()
	s, err := OpenSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func seed(t *testing.T, s Store, session string, ps ...Participant) {
	t.Helper()
	ctx := context.Background()
	if err := s.SaveSession(ctx, Session{Name: session, Code: "123456", CreatedAt: t0}); err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		p.Session = session
		p.CreatedAt = t0
		if err := s.Join(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
}

func TestProgressSurvivesReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "serve.db")
	s := open(t, path)
	seed(t, s, "s1", Participant{ID: "a", ResumeCode: "AAAAAA", KeyFingerprint: "SHA256:ka"})
	want := Progress{
		BankID: "tangping-default", BankSHA256: "abc", Lang: "zh",
		Respondent: result.Respondent{Unit: "城管局"}, StartedAt: t0, Cursor: 2,
		Answers: map[string]int{"Q01": 3, "Q02": 0}, MS: map[string]int64{"Q01": 4200, "Q02": 3100}, UpdatedAt: t0.Add(time.Minute),
	}
	if err := s.SaveProgress(context.Background(), "a", want); err != nil {
		t.Fatal(err)
	}
	_ = s.Close()

	s = open(t, path)
	p, err := s.ByResumeCode(context.Background(), "s1", "AAAAAA")
	if err != nil {
		t.Fatal(err)
	}
	if p.Progress == nil || p.Progress.Cursor != 2 || p.Progress.Answers["Q01"] != 3 || p.Progress.Answers["Q02"] != 0 ||
		p.Progress.MS["Q01"] != 4200 || p.Progress.Respondent.Unit != "城管局" || !p.Progress.StartedAt.Equal(t0) {
		t.Fatalf("progress after reopen = %+v, want %+v", p.Progress, want)
	}
	if p.KeyFingerprint != "SHA256:ka" {
		t.Errorf("fingerprint = %q", p.KeyFingerprint)
	}
}

func TestFilesArePrivate(t *testing.T) {
	dir := t.TempDir()
	s := open(t, filepath.Join(dir, "serve.db"))
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

func TestLookupsFindOnlyTheirOwnParticipant(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "serve.db"))
	ctx := context.Background()
	seed(t, s, "s1",
		Participant{ID: "a", ResumeCode: "AAAAAA", KeyFingerprint: "SHA256:ka"},
		Participant{ID: "b", ResumeCode: "BBBBBB"})
	seed(t, s, "s2", Participant{ID: "c", ResumeCode: "AAAAAA"})
	if err := s.SaveProgress(ctx, "b", Progress{Answers: map[string]int{"Q01": 4}}); err != nil {
		t.Fatal(err)
	}

	a, err := s.ByKey(ctx, "s1", "SHA256:ka")
	if err != nil || a.ID != "a" || a.Progress != nil {
		t.Fatalf("ByKey = %+v, %v; want a without progress", a, err)
	}
	if c, err := s.ByResumeCode(ctx, "s2", "AAAAAA"); err != nil || c.ID != "c" {
		t.Fatalf("same code in another session = %+v, %v; want c", c, err)
	}
	for _, q := range []struct{ session, code string }{{"s1", "CCCCCC"}, {"s2", "BBBBBB"}, {"s1", ""}} {
		if _, err := s.ByResumeCode(ctx, q.session, q.code); !errors.Is(err, ErrNotFound) {
			t.Errorf("ByResumeCode(%q, %q) err = %v, want ErrNotFound", q.session, q.code, err)
		}
	}
	if _, err := s.ByKey(ctx, "s1", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("ByKey with no key err = %v, want ErrNotFound", err)
	}
	if err := s.Join(ctx, Participant{ID: "d", Session: "s1", ResumeCode: "BBBBBB"}); !errors.Is(err, ErrTaken) {
		t.Errorf("Join with a used code err = %v, want ErrTaken", err)
	}
	if err := s.Join(ctx, Participant{ID: "e", Session: "s1", ResumeCode: "EEEEEE", KeyFingerprint: "SHA256:ka"}); !errors.Is(err, ErrTaken) {
		t.Errorf("Join with a used key err = %v, want ErrTaken", err)
	}
}

func TestCompleteStoresResultAndDetachesKey(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "serve.db"))
	ctx := context.Background()
	seed(t, s, "s1",
		Participant{ID: "a", ResumeCode: "AAAAAA", KeyFingerprint: "SHA256:ka"},
		Participant{ID: "b", ResumeCode: "BBBBBB"},
		Participant{ID: "c", ResumeCode: "CCCCCC"})
	for _, id := range []string{"a", "b"} {
		if err := s.SaveProgress(ctx, id, Progress{Answers: map[string]int{"Q01": 1}}); err != nil {
			t.Fatal(err)
		}
	}
	if c, _ := s.Counts(ctx, "s1"); c != (Counts{Joined: 3, InProgress: 2, Completed: 0}) {
		t.Fatalf("counts before = %+v", c)
	}
	r := &result.Result{SchemaVersion: 1, ID: "r-a", CompletedAt: t0}
	if err := s.Complete(ctx, "a", r); err != nil {
		t.Fatal(err)
	}
	// A stale save after completion must not bring the participant back.
	if err := s.SaveProgress(ctx, "a", Progress{Answers: map[string]int{"Q01": 2}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Complete(ctx, "a", &result.Result{ID: "second"}); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Counts(ctx, "s1"); c != (Counts{Joined: 3, InProgress: 1, Completed: 1}) {
		t.Fatalf("counts after = %+v", c)
	}
	if _, err := s.ByKey(ctx, "s1", "SHA256:ka"); !errors.Is(err, ErrNotFound) {
		t.Errorf("key still opens a completed participant: %v", err)
	}
	a, err := s.ByResumeCode(ctx, "s1", "AAAAAA")
	if err != nil || a.Result == nil || a.Result.ID != "r-a" || a.Progress != nil {
		t.Fatalf("completed participant = %+v, %v", a, err)
	}
	// The key is free again: the next person on that computer can join.
	if err := s.Join(ctx, Participant{ID: "d", Session: "s1", ResumeCode: "DDDDDD", KeyFingerprint: "SHA256:ka"}); err != nil {
		t.Errorf("joining with a released key: %v", err)
	}
}

func TestResultsInCompletionOrder(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "serve.db"))
	ctx := context.Background()
	seed(t, s, "s1", Participant{ID: "a", ResumeCode: "A"}, Participant{ID: "b", ResumeCode: "B"})
	seed(t, s, "s2", Participant{ID: "c", ResumeCode: "C"})
	for _, id := range []string{"b", "c", "a"} {
		if err := s.Complete(ctx, id, &result.Result{ID: "r-" + id, CompletedAt: t0}); err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.Results(ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(all); got != "r-b r-c r-a" {
		t.Fatalf("all results = %s", got)
	}
	s1, _ := s.Results(ctx, "s1", 0)
	if got := ids(s1); got != "r-b r-a" {
		t.Fatalf("s1 results = %s", got)
	}
	later, _ := s.Results(ctx, "s1", s1[0].Seq)
	if got := ids(later); got != "r-a" {
		t.Fatalf("s1 results after the first = %s", got)
	}
}

func ids(cs []Completed) string {
	s := ""
	for i, c := range cs {
		if i > 0 {
			s += " "
		}
		s += c.Result.ID
	}
	return s
}

func TestConcurrentWritersNeverFail(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "serve.db"))
	ctx := context.Background()
	const n, answers = 40, 20
	var ps []Participant
	for i := range n {
		ps = append(ps, Participant{ID: fmt.Sprint("p", i), ResumeCode: fmt.Sprint("R", i)})
	}
	seed(t, s, "s1", ps...)
	var wg sync.WaitGroup
	errs := make(chan error, n*answers)
	for i := range n {
		wg.Go(func() {
			m := map[string]int{}
			for q := range answers {
				m[fmt.Sprintf("Q%02d", q+1)] = (i + q) % 5
				if err := s.SaveProgress(ctx, ps[i].ID, Progress{Cursor: q + 1, Answers: m}); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for i := range n {
		p, err := s.ByResumeCode(ctx, "s1", ps[i].ResumeCode)
		if err != nil || p.Progress == nil || p.Progress.Cursor != answers || len(p.Progress.Answers) != answers ||
			p.Progress.Answers["Q01"] != i%5 {
			t.Fatalf("participant %d = %+v, %v", i, p.Progress, err)
		}
	}
}

func TestRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "serve.db")
	s := open(t, path)
	if _, err := s.db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	_ = s.Close()
	if _, err := OpenSQLite(path); err == nil {
		t.Fatal("opened a database from a newer tangping")
	}
}

// Another process (export, group) reads while the server writes.
func TestSecondReaderSeesCommittedRows(t *testing.T) {
	path := filepath.Join(t.TempDir(), "serve.db")
	w := open(t, path)
	seed(t, w, "s1", Participant{ID: "a", ResumeCode: "A"})
	if err := w.Complete(context.Background(), "a", &result.Result{ID: "r-a"}); err != nil {
		t.Fatal(err)
	}
	r := open(t, path)
	got, err := r.Results(context.Background(), "s1", 0)
	if err != nil || ids(got) != "r-a" {
		t.Fatalf("reader got %s, %v", ids(got), err)
	}
	var mode string
	if err := r.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal_mode = %q, %v", mode, err)
	}
}
