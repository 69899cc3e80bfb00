// Package quiz is the questionnaire itself, without a face: the answers
// given so far, which question is showing, skips, the review of all
// answers, and submitting them for scoring. It does no input or output of
// its own; progress goes to an injected autosave.Store and the result to
// an injected Submit function. The terminal interface (internal/tui), the
// line-by-line mode (internal/linemode) and any later face drive a
// Session and draw what it says.
//
// A face may keep one Session for a whole run (the TUI) or rebuild it for
// every request (a web page): New with Options.Resume set to the saved
// state, Resume, Goto the place the request names, apply one operation;
// the operation saves through the Store before it returns.
package quiz

import (
	"errors"
	"maps"
	"time"

	"github.com/tangping-dev/tangping/internal/autosave"
	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/score"
)

// Options is what every face is built from; the faces' own options embed
// it.
type Options struct {
	Bank  *bank.Bank // required
	Lang  i18n.Lang  // default zh
	Store autosave.Store
	// Resume is progress saved by an earlier run; it is offered (see
	// CanResume) only when it holds at least one answer.
	Resume    *autosave.State
	Anonymous bool // no name, unit or role is asked; a resumed run drops them
	// Submit writes the result and says where it went (shown to the
	// person). Nil: the result is only returned.
	Submit func(result.Result) (savedTo string, err error)
	Now    func() time.Time // default time.Now
	NewID  func() string    // default result.NewID
	// Untimed records no time per answer: answers piped in take no time
	// and would all look too fast.
	Untimed bool
}

// Place is where the person is: a question, or the review of all
// answers.
type Place struct {
	Review bool // the review page; Index is then meaningless
	Index  int  // the question showing, from 0
	// Return: the question was opened from the review, which shows again
	// once it is answered or skipped.
	Return bool
}

// Errors of the operations. A face that checks its input never sees
// them; a web page posting a stale form might.
var (
	ErrNotQuestion = errors.New("quiz: no question is showing")
	ErrOption      = errors.New("quiz: no such answer option")
	ErrIndex       = errors.New("quiz: no such question")
	ErrSubmitted   = errors.New("quiz: already submitted")
)

// Clearer is a Store that can also remove the saved progress. Starting
// over uses it, so that no progress is kept before the first answer.
type Clearer interface {
	Clear() error
}

// Session is one questionnaire in progress.
type Session struct {
	o       Options
	items   []bank.Item
	st      autosave.State
	place   Place
	shownAt time.Time // when the question showing was shown
	stored  bool      // the store holds progress of this run
	saveErr error
	resID   string
	res     *result.Result
	savedTo string
}

// New starts a fresh questionnaire on the first question. Nothing is
// saved until the first answer.
func New(o Options) *Session {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.NewID == nil {
		o.NewID = result.NewID
	}
	if o.Lang == "" {
		o.Lang = i18n.ZH
	}
	s := &Session{o: o, items: o.Bank.Items}
	s.st = s.fresh()
	s.show(0, false)
	return s
}

func (s *Session) fresh() autosave.State {
	return autosave.State{
		BankID: s.o.Bank.ID, BankSHA256: s.o.Bank.SHA256, Lang: string(s.o.Lang),
		Respondent: result.Respondent{Anonymous: true},
		StartedAt:  s.o.Now(), Answers: map[string]int{}, MS: map[string]int64{},
	}
}

// Resumable reports whether saved progress is worth offering: it holds
// at least one answer. Progress without answers (someone who quit before
// answering anything) is treated as none.
func Resumable(st *autosave.State) bool { return st != nil && len(st.Answers) > 0 }

// CanResume reports whether Options.Resume can be carried on.
func (s *Session) CanResume() bool { return Resumable(s.o.Resume) }

// Resume carries on from Options.Resume: at the review when every
// question is answered, else at the question that was showing. The
// caller's state is copied, never changed.
func (s *Session) Resume() {
	if s.o.Resume == nil {
		return
	}
	st := *s.o.Resume
	st.Answers, st.MS = maps.Clone(st.Answers), maps.Clone(st.MS)
	if st.Answers == nil {
		st.Answers = map[string]int{}
	}
	if st.MS == nil {
		st.MS = map[string]int64{}
	}
	st.Lang = string(s.o.Lang)
	if s.o.Anonymous {
		st.Respondent = result.Respondent{Anonymous: true}
	}
	s.st = st
	s.stored = true
	if s.AllAnswered() {
		s.place = Place{Review: true}
		return
	}
	s.show(min(max(st.Cursor, 0), len(s.items)-1), false)
}

// Start begins afresh on the first question, its clock starting now;
// saved progress stays until the first answer replaces it.
func (s *Session) Start() {
	s.st = s.fresh()
	s.show(0, false)
	s.res, s.resID, s.savedTo = nil, "", ""
}

// Restart begins afresh as Start does and drops the saved progress at
// once, so that a crash cannot bring the old answers back.
func (s *Session) Restart() error {
	s.Start()
	if c, ok := s.o.Store.(Clearer); ok {
		s.saveErr = c.Clear()
		s.stored = s.saveErr != nil
		return s.saveErr
	}
	// a store that cannot remove progress gets an empty one instead
	s.stored = true
	return s.save()
}

// State is the progress so far; the maps are the session's own, so treat
// it as read-only.
func (s *Session) State() autosave.State { return s.st }

// Bank and Items are what is being answered.
func (s *Session) Bank() *bank.Bank   { return s.o.Bank }
func (s *Session) Items() []bank.Item { return s.items }

// Lang is the interface language.
func (s *Session) Lang() i18n.Lang { return s.o.Lang }

// Place is where the person is now.
func (s *Session) Place() Place { return s.place }

// Goto shows the place p names: a question or the review. A face that
// keeps the place itself (in a web address, say) calls it before an
// operation.
func (s *Session) Goto(p Place) error {
	if p.Review {
		s.place = Place{Review: true}
		return nil
	}
	if p.Index < 0 || p.Index >= len(s.items) {
		return ErrIndex
	}
	s.show(p.Index, p.Return)
	return nil
}

// ShownAt sets when the question showing was shown, for a face that
// rebuilds the Session for every request: Goto starts the question's
// clock at the request, which would count no time for its answer, while
// the page knows when it showed the question. A time later than now
// counts as now.
func (s *Session) ShownAt(t time.Time) {
	if now := s.o.Now(); t.After(now) {
		t = now
	}
	s.shownAt = t
}

// show puts question i on screen and starts its clock.
func (s *Session) show(i int, ret bool) {
	s.moveTo(i, ret)
	s.shownAt = s.o.Now()
}

func (s *Session) moveTo(i int, ret bool) {
	s.place = Place{Index: i, Return: ret}
	s.st.Cursor = i
}

// Answer returns the raw answer to question i and whether it has one.
func (s *Session) Answer(i int) (int, bool) {
	v, ok := s.st.Answers[s.items[i].ID]
	return v, ok
}

// Option returns the scale position (0 for the first anchor) of the
// answer to question i, or -1 when it has none.
func (s *Session) Option(i int) int {
	if v, ok := s.Answer(i); ok {
		for k, a := range s.o.Bank.Scale {
			if a.Value == v {
				return k
			}
		}
	}
	return -1
}

// Answered counts the questions answered.
func (s *Session) Answered() int { return len(s.st.Answers) }

// AllAnswered reports whether every question has an answer.
func (s *Session) AllAnswered() bool { return len(s.Unanswered()) == 0 }

// Unanswered lists the questions without an answer, from 0.
func (s *Session) Unanswered() []int {
	var out []int
	for i, it := range s.items {
		if _, ok := s.st.Answers[it.ID]; !ok {
			out = append(out, i)
		}
	}
	return out
}

// ReviewFocus is where the review's selection starts: on the first
// unanswered question, or on Submit (len(Items())) when there is none, so
// that Enter submits.
func (s *Session) ReviewFocus() int {
	if u := s.Unanswered(); len(u) > 0 {
		return u[0]
	}
	return len(s.items)
}

// Choose answers the question showing with scale option k (0 for the
// first anchor), saves, and moves on: to the next question, or to the
// review after the last one or when the question came from the review.
func (s *Session) Choose(k int) error {
	if s.place.Review {
		return ErrNotQuestion
	}
	if k < 0 || k >= len(s.o.Bank.Scale) {
		return ErrOption
	}
	if s.res != nil {
		return ErrSubmitted
	}
	id := s.items[s.place.Index].ID
	s.st.Answers[id] = s.o.Bank.Scale[k].Value
	if !s.o.Untimed {
		s.st.MS[id] += max(s.o.Now().Sub(s.shownAt).Milliseconds(), 0)
	}
	return s.advance()
}

// Skip leaves the question showing unanswered (clearing any answer it
// had), saves, and moves on as Choose does.
func (s *Session) Skip() error {
	if s.place.Review {
		return ErrNotQuestion
	}
	if s.res != nil {
		return ErrSubmitted
	}
	id := s.items[s.place.Index].ID
	delete(s.st.Answers, id)
	delete(s.st.MS, id)
	return s.advance()
}

// advance moves on after an answer or a skip and saves; the next
// question's clock starts once the save is done, as it is shown.
func (s *Session) advance() error {
	if s.place.Return || s.place.Index == len(s.items)-1 {
		s.place = Place{Review: true}
		return s.save()
	}
	s.moveTo(s.place.Index+1, false)
	err := s.save()
	s.shownAt = s.o.Now()
	return err
}

// Back shows the previous question; false on the first one.
func (s *Session) Back() bool {
	if s.place.Review || s.place.Index == 0 {
		return false
	}
	s.show(s.place.Index-1, false)
	return true
}

// Forward moves on from an answered question as an answer would; false
// when the question showing has no answer yet.
func (s *Session) Forward() bool {
	if s.place.Review {
		return false
	}
	if _, ok := s.Answer(s.place.Index); !ok {
		return false
	}
	if s.place.Return || s.place.Index == len(s.items)-1 {
		s.place = Place{Review: true}
	} else {
		s.show(s.place.Index+1, false)
	}
	return true
}

// Review shows every answer at a glance.
func (s *Session) Review() { s.place = Place{Review: true} }

// Open shows question i from the review; answering or skipping it
// returns to the review.
func (s *Session) Open(i int) error {
	if i < 0 || i >= len(s.items) {
		return ErrIndex
	}
	s.show(i, true)
	return nil
}

// SetRespondent keeps who is answering: anonymous when every field is
// empty, or always when the run is anonymous.
func (s *Session) SetRespondent(r result.Respondent) error {
	if s.o.Anonymous {
		r = result.Respondent{}
	}
	r.Anonymous = r.Name == "" && r.Unit == "" && r.Role == ""
	s.st.Respondent = r
	return s.save()
}

// Save keeps the progress, the place included. It does nothing while
// nothing has been answered in a run that has saved nothing, so that
// quitting before the first answer leaves no progress behind.
func (s *Session) Save() error { return s.save() }

func (s *Session) save() error {
	if s.o.Store == nil || !s.stored && len(s.st.Answers) == 0 {
		return nil
	}
	s.st.UpdatedAt = s.o.Now()
	s.saveErr = s.o.Store.Save(s.st)
	s.stored = true
	return s.saveErr
}

// SaveErr is the error of the last save, nil once a save succeeds.
func (s *Session) SaveErr() error { return s.saveErr }

// Submit scores the answers with the same engine as `tangping score` and
// hands the result to Options.Submit. On failure nothing is lost: the
// answers stay as progress and Submit may be called again; the result
// keeps its id across tries.
func (s *Session) Submit() (*result.Result, string, error) {
	if s.res != nil {
		return s.res, s.savedTo, nil
	}
	if s.resID == "" {
		s.resID = s.o.NewID()
	}
	ms := map[string]int64{}
	for id := range s.st.Answers {
		if t, ok := s.st.MS[id]; ok {
			ms[id] = t
		}
	}
	r := score.Score(s.o.Bank, score.Input{
		ID: s.resID, Lang: s.o.Lang, Respondent: s.st.Respondent,
		StartedAt: s.st.StartedAt, CompletedAt: s.o.Now(),
		Answers: maps.Clone(s.st.Answers), MS: ms,
	})
	savedTo := ""
	if s.o.Submit != nil {
		var err error
		if savedTo, err = s.o.Submit(r); err != nil {
			return nil, "", err
		}
	}
	s.res, s.savedTo = &r, savedTo
	return s.res, savedTo, nil
}

// Result is the submitted result; ok is false until Submit succeeded.
func (s *Session) Result() (*result.Result, bool) { return s.res, s.res != nil }

// SavedTo is where Options.Submit said the result went.
func (s *Session) SavedTo() string { return s.savedTo }
