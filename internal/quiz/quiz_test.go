package quiz

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/autosave"
	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/score"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// clearingStore is a Store that can remove progress, like autosave.File.
type clearingStore struct {
	autosave.Memory
	cleared int
}

func (c *clearingStore) Clear() error { c.cleared++; return nil }

func setup(t *testing.T, edit func(*Options)) (*Session, *autosave.Memory, *clock) {
	t.Helper()
	b, err := bank.Default(i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	c := &clock{time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)}
	st := &autosave.Memory{}
	o := Options{Bank: b, Store: st, Now: c.now, NewID: func() string { return "id-1" }}
	if edit != nil {
		edit(&o)
	}
	return New(o), st, c
}

func TestNothingIsSavedBeforeTheFirstAnswer(t *testing.T) {
	t.Parallel()
	s, st, _ := setup(t, nil)
	if err := s.SetRespondent(result.Respondent{Name: "张三"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	if len(st.Saves) != 0 {
		t.Fatalf("%d saves before any answer, want none", len(st.Saves))
	}
	if err := s.Choose(2); err != nil {
		t.Fatal(err)
	}
	if len(st.Saves) != 1 || st.Last().Answers["Q01"] != 2 || st.Last().Respondent.Name != "张三" {
		t.Fatalf("the first answer saved %+v", st.Saves)
	}
	// once saved, every change is saved, even back to no answers
	s.Back()
	if err := s.Skip(); err != nil {
		t.Fatal(err)
	}
	if len(st.Saves) != 2 || len(st.Last().Answers) != 0 {
		t.Fatalf("skipping the only answer saved %+v", st.Saves)
	}
}

func TestWalkReviewAndSubmit(t *testing.T) {
	t.Parallel()
	s, st, c := setup(t, nil)
	n := len(s.Items())
	for i := range n {
		if p := s.Place(); p.Review || p.Index != i {
			t.Fatalf("before answer %d the place is %+v", i+1, p)
		}
		c.t = c.t.Add(2 * time.Second)
		if i == 11 {
			if err := s.Skip(); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := s.Choose(i % 5); err != nil {
			t.Fatal(err)
		}
		if got := st.Last().Cursor; got != min(i+1, n-1) {
			t.Fatalf("after answer %d the saved cursor is %d", i+1, got)
		}
	}
	// after the last question: the review, focused on the gap
	if !s.Place().Review || s.ReviewFocus() != 11 || !reflect.DeepEqual(s.Unanswered(), []int{11}) {
		t.Fatalf("place %+v focus %d unanswered %v", s.Place(), s.ReviewFocus(), s.Unanswered())
	}
	if err := s.Open(11); err != nil {
		t.Fatal(err)
	}
	if err := s.Choose(3); err != nil {
		t.Fatal(err)
	}
	// answered from the review: back there, focused on Submit
	if !s.Place().Review || s.ReviewFocus() != n || !s.AllAnswered() {
		t.Fatalf("place %+v focus %d", s.Place(), s.ReviewFocus())
	}
	if s.Choose(1) != ErrNotQuestion || s.Skip() != ErrNotQuestion {
		t.Error("an answer was taken on the review")
	}
	r, _, err := s.Submit()
	if err != nil {
		t.Fatal(err)
	}
	want := score.Score(s.Bank(), score.Input{ID: "id-1", Lang: i18n.ZH, Respondent: result.Respondent{Anonymous: true},
		StartedAt: st.Last().StartedAt, CompletedAt: c.t, Answers: s.State().Answers, MS: s.State().MS})
	if !reflect.DeepEqual(*r, want) {
		t.Error("the session's result differs from score.Score's for the same answers")
	}
	if s.State().MS["Q01"] != 2000 {
		t.Errorf("Q01 took %d ms, want 2000", s.State().MS["Q01"])
	}
}

func TestBackForwardAndOptions(t *testing.T) {
	t.Parallel()
	s, _, _ := setup(t, nil)
	if s.Back() {
		t.Error("Back on the first question moved")
	}
	if s.Forward() {
		t.Error("Forward past an unanswered question")
	}
	if s.Choose(5) != ErrOption || s.Choose(-1) != ErrOption {
		t.Error("an option off the scale was taken")
	}
	_ = s.Choose(4)
	_ = s.Choose(0)
	s.Back()
	s.Back()
	if s.Place().Index != 0 || s.Option(0) != 4 || s.Option(1) != 0 || s.Option(2) != -1 {
		t.Fatalf("place %+v options %d %d %d", s.Place(), s.Option(0), s.Option(1), s.Option(2))
	}
	if !s.Forward() || s.Place().Index != 1 {
		t.Fatalf("Forward from an answered question: %+v", s.Place())
	}
	if s.Goto(Place{Index: 99}) != ErrIndex || s.Open(-1) != ErrIndex {
		t.Error("a question off the list was shown")
	}
}

func TestResume(t *testing.T) {
	t.Parallel()
	if Resumable(nil) || Resumable(&autosave.State{Answers: map[string]int{}}) {
		t.Error("progress without answers is offered")
	}
	saved := &autosave.State{Cursor: 3, Answers: map[string]int{"Q01": 4, "Q02": 3, "Q03": 2},
		Respondent: result.Respondent{Unit: "城管局"}}
	s, st, _ := setup(t, func(o *Options) { o.Resume = saved })
	if !s.CanResume() {
		t.Fatal("three answers are not offered")
	}
	s.Resume()
	if p := s.Place(); p.Review || p.Index != 3 {
		t.Fatalf("resumed at %+v, want question 4", p)
	}
	_ = s.Choose(0)
	if len(saved.Answers) != 3 || st.Last().Respondent.Unit != "城管局" || len(st.Last().Answers) != 4 {
		t.Errorf("caller's %v, saved %+v", saved.Answers, st.Last())
	}

	s, _, _ = setup(t, func(o *Options) { o.Resume, o.Anonymous = saved, true })
	s.Resume()
	if !s.State().Respondent.Anonymous || s.State().Respondent.Unit != "" {
		t.Errorf("an anonymous run kept %+v", s.State().Respondent)
	}

	all := &autosave.State{Answers: map[string]int{}}
	for _, it := range s.Items() {
		all.Answers[it.ID] = 1
	}
	s, _, _ = setup(t, func(o *Options) { o.Resume = all })
	s.Resume()
	if !s.Place().Review || s.ReviewFocus() != len(s.Items()) {
		t.Errorf("everything answered resumes at %+v focus %d, want the review on Submit", s.Place(), s.ReviewFocus())
	}
}

func TestRestartDropsTheSavedProgress(t *testing.T) {
	t.Parallel()
	saved := &autosave.State{Answers: map[string]int{"Q01": 4}}
	cs := &clearingStore{}
	s, _, _ := setup(t, func(o *Options) { o.Resume, o.Store = saved, cs })
	if err := s.Restart(); err != nil {
		t.Fatal(err)
	}
	if cs.cleared != 1 || len(cs.Saves) != 0 || s.Answered() != 0 {
		t.Errorf("cleared %d times, %d saves, %d answers", cs.cleared, len(cs.Saves), s.Answered())
	}
	// a store that cannot clear gets an empty progress instead
	s, st, _ := setup(t, func(o *Options) { o.Resume = saved })
	_ = s.Restart()
	if len(st.Saves) != 1 || len(st.Last().Answers) != 0 {
		t.Errorf("saves %+v", st.Saves)
	}
}

func TestSubmitFailureLosesNothing(t *testing.T) {
	t.Parallel()
	fail := errors.New("disk full")
	calls := 0
	var ids []string
	s, _, _ := setup(t, func(o *Options) {
		o.NewID = func() string { calls++; return "id-" + string(rune('0'+calls)) }
		o.Submit = func(r result.Result) (string, error) {
			ids = append(ids, r.ID)
			if len(ids) == 1 {
				return "", fail
			}
			return "/r.json", nil
		}
	})
	_ = s.Choose(1)
	if _, _, err := s.Submit(); !errors.Is(err, fail) {
		t.Fatalf("err %v", err)
	}
	if _, ok := s.Result(); ok || s.Answered() != 1 {
		t.Fatal("a failed submit counted or lost the answer")
	}
	if _, to, err := s.Submit(); err != nil || to != "/r.json" {
		t.Fatalf("retry: %q %v", to, err)
	}
	if ids[0] != ids[1] {
		t.Errorf("the retry has a new id: %v", ids)
	}
	if s.Choose(1) != ErrSubmitted {
		t.Error("an answer was taken after submitting")
	}
}

// A web page rebuilds the session for every request from the saved
// progress and the place its address names; the answers come out the
// same as in one long session.
func TestStatelessUse(t *testing.T) {
	t.Parallel()
	long, _, _ := setup(t, func(o *Options) { o.Untimed = true })
	st := &autosave.Memory{}
	var place Place
	request := func(op func(*Session) error) {
		t.Helper()
		s, _, _ := setup(t, func(o *Options) {
			o.Store, o.Untimed = st, true
			if len(st.Saves) > 0 {
				last := st.Last()
				o.Resume = &last
			}
		})
		s.Resume()
		if err := s.Goto(place); err != nil {
			t.Fatal(err)
		}
		if err := op(s); err != nil {
			t.Fatal(err)
		}
		place = s.Place()
	}
	ops := []func(*Session) error{
		func(s *Session) error { return s.Choose(2) },
		func(s *Session) error { return s.Choose(3) },
		func(s *Session) error { s.Back(); return nil },
		func(s *Session) error { return s.Choose(0) },
		func(s *Session) error { return s.Skip() },
		func(s *Session) error { return s.Choose(4) },
	}
	for _, op := range ops {
		if err := op(long); err != nil {
			t.Fatal(err)
		}
		request(op)
	}
	if !reflect.DeepEqual(st.Last().Answers, long.State().Answers) || place != long.Place() {
		t.Errorf("per request: %v at %+v; one session: %v at %+v", st.Last().Answers, place, long.State().Answers, long.Place())
	}
	if len(st.Last().MS) != 0 {
		t.Errorf("an untimed run recorded times: %v", st.Last().MS)
	}
}

// A face that rebuilds the session per request says when the question
// was shown; the answer is timed from then, never from the future.
func TestShownAtTimesTheAnswer(t *testing.T) {
	t.Parallel()
	q, _, c := setup(t, nil)
	items := q.Items()
	q.ShownAt(c.t.Add(-7 * time.Second))
	if err := q.Choose(2); err != nil {
		t.Fatal(err)
	}
	if ms := q.State().MS[items[0].ID]; ms != 7000 {
		t.Errorf("answer timed %d ms, want 7000", ms)
	}
	q.ShownAt(c.t.Add(time.Hour))
	if err := q.Choose(2); err != nil {
		t.Fatal(err)
	}
	if ms := q.State().MS[items[1].ID]; ms != 0 {
		t.Errorf("a page from the future timed %d ms, want 0", ms)
	}
}
