package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/result"
)

// The conformance suite: every back end passes the same tests. A backend
// makes a fresh, empty database for one test and returns how to open a
// store on it (each call a new connection, as another instance or a
// restarted server would have).
type backend func(t *testing.T) (open func() Store)

var conformance = []struct {
	name string
	test func(t *testing.T, open func() Store)
}{
	{"ProgressSurvivesReopen", testProgressSurvivesReopen},
	{"LookupsFindOnlyTheirOwnParticipant", testLookups},
	{"CompleteStoresResultAndDetachesKey", testComplete},
	{"ResultsInCompletionOrder", testResultsOrder},
	{"ConcurrentWritersNeverFail", testConcurrentWriters},
	{"SecondStoreSeesCommittedRows", testSecondStore},
	{"OnlyTheLatestClaimWrites", testClaims},
	{"StartersAgreeOnOneSessionCode", testEnsureSession},
	{"PresenceSumsLiveInstances", testPresence},
	{"OneHostKeyForEveryInstance", testHostKey},
	{"ResultsFromManyWritersAreNeverSkipped", testResultsNeverSkipped},
	{"SessionsListsEverySession", testSessions},
}

func testSessions(t *testing.T, open func() Store) {
	s := opened(t, open)
	ctx := context.Background()
	if got, err := s.Sessions(ctx); err != nil || len(got) != 0 {
		t.Fatalf("Sessions of an empty store = %v, %v", got, err)
	}
	seed(t, s, "b-second")
	if err := s.SaveSession(ctx, Session{Name: "a-first", Code: "K7M2PQ4X", CreatedAt: t0.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Sessions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Name != "a-first" || got[1].Name != "b-second" || !got[0].CreatedAt.Equal(t0.Add(-time.Hour)) {
		t.Errorf("Sessions = %+v, want a-first then b-second, oldest first", got)
	}
}

func runConformance(t *testing.T, b backend) {
	for _, c := range conformance {
		// Each case has its own database or file, so they run together.
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.test(t, b(t))
		})
	}
}

var t0 = time.Date(2026, 5, 14, 9, 0, 0, 0, time.UTC)

// opened opens a store and closes it when the test ends.
func opened(t *testing.T, open func() Store) Store {
	t.Helper()
	s := open()
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

// claim claims a participant, failing the test on error.
func claim(t *testing.T, s Store, id string) int64 {
	t.Helper()
	c, err := s.Claim(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func testProgressSurvivesReopen(t *testing.T, open func() Store) {
	s := open()
	seed(t, s, "s1", Participant{ID: "a", ResumeCode: "AAAAAA", KeyFingerprint: "SHA256:ka"})
	want := Progress{
		BankID: "tangping-default", BankSHA256: "abc", Lang: "zh",
		Respondent: result.Respondent{Unit: "城管局"}, StartedAt: t0, Cursor: 2,
		Answers: map[string]int{"Q01": 3, "Q02": 0}, MS: map[string]int64{"Q01": 4200, "Q02": 3100}, UpdatedAt: t0.Add(time.Minute),
	}
	if err := s.SaveProgress(context.Background(), "a", claim(t, s, "a"), want); err != nil {
		t.Fatal(err)
	}
	_ = s.Close()

	s = opened(t, open)
	p, err := s.ByResumeCode(context.Background(), "s1", "AAAAAA")
	if err != nil {
		t.Fatal(err)
	}
	if p.Progress == nil || p.Progress.Cursor != 2 || p.Progress.Answers["Q01"] != 3 || p.Progress.Answers["Q02"] != 0 ||
		p.Progress.MS["Q01"] != 4200 || p.Progress.Respondent.Unit != "城管局" || !p.Progress.StartedAt.Equal(t0) {
		t.Fatalf("progress after reopen = %+v, want %+v", p.Progress, want)
	}
	if p.KeyFingerprint != "SHA256:ka" || !p.CreatedAt.Equal(t0) {
		t.Errorf("fingerprint = %q, created %v", p.KeyFingerprint, p.CreatedAt)
	}
}

func testLookups(t *testing.T, open func() Store) {
	s := opened(t, open)
	ctx := context.Background()
	seed(t, s, "s1",
		Participant{ID: "a", ResumeCode: "AAAAAA", KeyFingerprint: "SHA256:ka"},
		Participant{ID: "b", ResumeCode: "BBBBBB"})
	seed(t, s, "s2", Participant{ID: "c", ResumeCode: "AAAAAA"})
	if err := s.SaveProgress(ctx, "b", claim(t, s, "b"), Progress{Answers: map[string]int{"Q01": 4}}); err != nil {
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
	if _, err := s.Session(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Session of a missing name err = %v, want ErrNotFound", err)
	}
	if _, err := s.Claim(ctx, "nobody"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Claim of a missing participant err = %v, want ErrNotFound", err)
	}
}

func testComplete(t *testing.T, open func() Store) {
	s := opened(t, open)
	ctx := context.Background()
	seed(t, s, "s1",
		Participant{ID: "a", ResumeCode: "AAAAAA", KeyFingerprint: "SHA256:ka"},
		Participant{ID: "b", ResumeCode: "BBBBBB"},
		Participant{ID: "c", ResumeCode: "CCCCCC"})
	ca := claim(t, s, "a")
	for _, id := range []string{"a", "b"} {
		c := ca
		if id == "b" {
			c = claim(t, s, "b")
		}
		if err := s.SaveProgress(ctx, id, c, Progress{Answers: map[string]int{"Q01": 1}}); err != nil {
			t.Fatal(err)
		}
	}
	if c, _ := s.Counts(ctx, "s1"); c != (Counts{Joined: 3, InProgress: 2, Completed: 0}) {
		t.Fatalf("counts before = %+v", c)
	}
	r := &result.Result{SchemaVersion: 1, ID: "r-a", CompletedAt: t0}
	if err := s.Complete(ctx, "a", ca, r); err != nil {
		t.Fatal(err)
	}
	// A stale save after completion must not bring the participant back.
	if err := s.SaveProgress(ctx, "a", ca, Progress{Answers: map[string]int{"Q01": 2}}); err != nil {
		t.Fatal(err)
	}
	// A double submit keeps the first result and counts once.
	if err := s.Complete(ctx, "a", ca, &result.Result{ID: "second"}); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Counts(ctx, "s1"); c != (Counts{Joined: 3, InProgress: 1, Completed: 1}) {
		t.Fatalf("counts after = %+v", c)
	}
	if all, _ := s.Results(ctx, "s1", 0); len(all) != 1 {
		t.Fatalf("%d results after a double submit, want 1", len(all))
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

func testResultsOrder(t *testing.T, open func() Store) {
	s := opened(t, open)
	ctx := context.Background()
	seed(t, s, "s1", Participant{ID: "a", ResumeCode: "A"}, Participant{ID: "b", ResumeCode: "B"})
	seed(t, s, "s2", Participant{ID: "c", ResumeCode: "C"})
	for _, id := range []string{"b", "c", "a"} {
		if err := s.Complete(ctx, id, claim(t, s, id), &result.Result{ID: "r-" + id, CompletedAt: t0}); err != nil {
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
	var s strings.Builder
	for i, c := range cs {
		if i > 0 {
			s.WriteString(" ")
		}
		s.WriteString(c.Result.ID)
	}
	return s.String()
}

func testConcurrentWriters(t *testing.T, open func() Store) {
	s := opened(t, open)
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
			c, err := s.Claim(ctx, ps[i].ID)
			if err != nil {
				errs <- err
				return
			}
			m := map[string]int{}
			for q := range answers {
				m[fmt.Sprintf("Q%02d", q+1)] = (i + q) % 5
				if err := s.SaveProgress(ctx, ps[i].ID, c, Progress{Cursor: q + 1, Answers: m}); err != nil {
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

// Another process (export, group, a second instance) reads while the
// server writes.
func testSecondStore(t *testing.T, open func() Store) {
	w := opened(t, open)
	seed(t, w, "s1", Participant{ID: "a", ResumeCode: "A"})
	if err := w.Complete(context.Background(), "a", claim(t, w, "a"), &result.Result{ID: "r-a"}); err != nil {
		t.Fatal(err)
	}
	r := opened(t, open)
	got, err := r.Results(context.Background(), "s1", 0)
	if err != nil || ids(got) != "r-a" {
		t.Fatalf("reader got %s, %v", ids(got), err)
	}
}

// The same participant on two screens (two instances): once the second
// claims them, the first can no longer write, so its late save cannot
// overwrite answers given on the second; the second starts from every
// save the first made.
func testClaims(t *testing.T, open func() Store) {
	a, b := opened(t, open), opened(t, open) // two instances
	ctx := context.Background()
	seed(t, a, "s1", Participant{ID: "p", ResumeCode: "P"})
	first := claim(t, a, "p")
	if err := a.SaveProgress(ctx, "p", first, Progress{Cursor: 1, Answers: map[string]int{"Q01": 1}}); err != nil {
		t.Fatal(err)
	}
	second := claim(t, b, "p")
	if got, err := a.Claims(ctx, []string{"p", "nobody"}); err != nil || len(got) != 1 || got["p"] != second || second == first {
		t.Fatalf("Claims = %v, %v; want p at the second claim %d (the first was %d)", got, err, second, first)
	}
	p, err := b.ByResumeCode(ctx, "s1", "P")
	if err != nil || p.Progress == nil || p.Progress.Answers["Q01"] != 1 {
		t.Fatalf("the second screen starts from %+v, %v; want the first's answer", p.Progress, err)
	}
	if err := b.SaveProgress(ctx, "p", second, Progress{Cursor: 2, Answers: map[string]int{"Q01": 1, "Q02": 2}}); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveProgress(ctx, "p", first, Progress{Cursor: 2, Answers: map[string]int{"Q01": 4, "Q02": 4}}); !errors.Is(err, ErrSuperseded) {
		t.Fatalf("a save from the superseded screen: err = %v, want ErrSuperseded", err)
	}
	if err := a.Complete(ctx, "p", first, &result.Result{ID: "stale"}); !errors.Is(err, ErrSuperseded) {
		t.Fatalf("a completion from the superseded screen: err = %v, want ErrSuperseded", err)
	}
	p, _ = a.ByResumeCode(ctx, "s1", "P")
	if p.Result != nil || p.Progress == nil || p.Progress.Answers["Q02"] != 2 || p.Progress.Answers["Q01"] != 1 {
		t.Fatalf("after the stale writes: progress %+v, result %v; want the second screen's answers", p.Progress, p.Result)
	}
	if err := b.Complete(ctx, "p", second, &result.Result{ID: "r-p"}); err != nil {
		t.Fatal(err)
	}
	// Completed: a stale screen's completion is not an error, and changes nothing.
	if err := a.Complete(ctx, "p", first, &result.Result{ID: "stale"}); err != nil {
		t.Fatalf("a stale completion after the real one: %v", err)
	}
	if all, _ := a.Results(ctx, "s1", 0); ids(all) != "r-p" {
		t.Fatalf("results = %s, want r-p", ids(all))
	}
}

func testEnsureSession(t *testing.T, open func() Store) {
	ctx := context.Background()
	const n = 6
	codes := make([]string, n)
	errs := make([]error, n)
	stores := make([]Store, n)
	for i := range stores {
		stores[i] = opened(t, open)
	}
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			var se Session
			se, errs[i] = stores[i].EnsureSession(ctx, Session{Name: "s1", Code: fmt.Sprint(100000 + i), CreatedAt: t0})
			codes[i] = se.Code
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	for i := range codes {
		if codes[i] != codes[0] {
			t.Fatalf("instances starting together got codes %v, want one", codes)
		}
	}
	if se, _ := stores[0].Session(ctx, "s1"); se.Code != codes[0] || !se.CreatedAt.Equal(t0) {
		t.Fatalf("stored session %+v, want code %s", se, codes[0])
	}
	// The names setting is the first starter's; a later one reads it.
	for i, names := range []bool{true, false} {
		se, err := stores[i].EnsureSession(ctx, Session{Name: "s2", Code: "1", CreatedAt: t0, CollectNames: names})
		if err != nil || !se.CollectNames {
			t.Fatalf("EnsureSession(names %v) = %+v, %v; want the first setting (names kept)", names, se, err)
		}
	}
	if err := stores[0].SaveSession(ctx, Session{Name: "s2", Code: "2", CreatedAt: t0}); err != nil {
		t.Fatal(err)
	}
	if se, _ := stores[1].Session(ctx, "s2"); se.Code != "2" || !se.CollectNames {
		t.Fatalf("after a new code: %+v; want the names setting kept", se)
	}
}

func testPresence(t *testing.T, open func() Store) {
	s := opened(t, open)
	ctx := context.Background()
	if err := s.Beat(ctx, "i1", "s1", 3); err != nil {
		t.Fatal(err)
	}
	if err := s.Beat(ctx, "i2", "s1", 4); err != nil {
		t.Fatal(err)
	}
	if err := s.Beat(ctx, "i3", "s2", 9); err != nil {
		t.Fatal(err)
	}
	if err := s.Beat(ctx, "i1", "s1", 5); err != nil { // the latest beat counts
		t.Fatal(err)
	}
	if p, err := s.Present(ctx, "s1", ""); err != nil || p != (Presence{Connected: 9, Instances: 2}) {
		t.Fatalf("present = %+v, %v; want 9 on 2 instances", p, err)
	}
	if p, err := s.Present(ctx, "s1", "i1"); err != nil || p != (Presence{Connected: 4, Instances: 1}) {
		t.Fatalf("present except i1 = %+v, %v; want 4 on 1 instance", p, err)
	}
	if err := s.Leave(ctx, "i2"); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.Present(ctx, "s1", ""); p != (Presence{Connected: 5, Instances: 1}) {
		t.Fatalf("present after one left = %+v", p)
	}
}

func testHostKey(t *testing.T, open func() Store) {
	ctx := context.Background()
	gen := func(k string) func() ([]byte, error) { return func() ([]byte, error) { return []byte(k), nil } }
	a, b := opened(t, open), opened(t, open)
	ka, err := a.HostKey(ctx, "ssh", gen("key-a"))
	if err != nil || string(ka) != "key-a" {
		t.Fatalf("first HostKey = %q, %v", ka, err)
	}
	kb, err := b.HostKey(ctx, "ssh", gen("key-b"))
	if err != nil || string(kb) != "key-a" {
		t.Fatalf("second instance's HostKey = %q, %v; want the first's", kb, err)
	}
}

// Two instances complete participants concurrently while a dashboard
// reads "results after the last one I saw": it must end up with all.
func testResultsNeverSkipped(t *testing.T, open func() Store) {
	ctx := context.Background()
	w1, w2, r := opened(t, open), opened(t, open), opened(t, open)
	const n = 60
	var ps []Participant
	for i := range n {
		ps = append(ps, Participant{ID: fmt.Sprint("p", i), ResumeCode: fmt.Sprint("R", i)})
	}
	seed(t, w1, "s1", ps...)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		w := w1
		if i%2 == 1 {
			w = w2
		}
		wg.Go(func() {
			c, err := w.Claim(ctx, ps[i].ID)
			if err == nil {
				err = w.Complete(ctx, ps[i].ID, c, &result.Result{ID: fmt.Sprint("r", i), CompletedAt: t0})
			}
			if err != nil {
				errs <- err
			}
		})
	}
	seen := map[string]bool{}
	var after int64
	read := func() {
		more, err := r.Results(ctx, "s1", after)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range more {
			seen[c.Result.ID] = true
			after = c.Seq
		}
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	for polling := true; polling; {
		select {
		case <-done:
			polling = false
		default:
			read()
		}
	}
	read()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if len(seen) != n {
		t.Fatalf("the incremental reader saw %d of %d results", len(seen), n)
	}
}
