package server

import (
	"context"
	"errors"
	"math"
	"net"
	"time"

	"github.com/tangping-dev/tangping/internal/autosave"
	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/store"
)

// What the server offers a face other than SSH (the web page,
// internal/web): the same session, store, privacy setting and limits.
// A face admits its connections through the same gate, checks codes
// with the same pacer (one budget of wrong codes for the whole server,
// docs/security.md), and saves answers under the same claims.

// ErrWrongCode is a session or resume code that is not right; it was
// counted for the dashboard and answered at the pacer's pace.
var ErrWrongCode = errors.New("server: wrong code")

// Listener wraps a face's listener so that every connection it accepts
// passes the gate as an SSH connection does: until Admit, it counts
// under the per-address and total caps of connections that have not
// shown they speak the protocol (a silent one of the address, or of the
// busiest address, is closed to make room), and is closed after
// Limits.Silent if it says nothing.
func (s *Server) Listener(ln net.Listener) net.Listener { return &gateListener{Listener: ln, s: s} }

type gateListener struct {
	net.Listener
	s *Server
}

func (l *gateListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if l.s.closing.Load() {
			_ = c.Close()
			continue
		}
		if tc := l.s.gate.accept(c); tc != nil {
			return tc, nil
		}
		_ = c.Close()
	}
}

// Admit moves a connection of Listener on once it has shown it speaks
// the protocol (an HTTP request's headers have arrived), as the end of
// the key exchange does for SSH: it then counts under the caps of
// connections being served (Limits.LoginPerAddr, LoginTotal) until it
// closes. False means there is no place (or the connection was already
// closed to make room): the face refuses it. A connection that did not
// come from Listener is admitted.
func (s *Server) Admit(c net.Conn) bool { return s.admit(c, s.gate.lim.LoginTotal) }

// AdmitKnown is Admit for a request of a participant the face already
// knows (a cookie it signed) that checks no code: it needs a place of
// its address (Limits.LoginPerAddr), but not one of the total. The
// total bounds the codes being checked at once (docs/security.md), and
// two addresses holding every place of it with wrong codes or with
// forms sent a byte at a time must not stop a room of participants
// answering.
func (s *Server) AdmitKnown(c net.Conn) bool { return s.admit(c, math.MaxInt) }

func (s *Server) admit(c net.Conn, total int) bool {
	tc, ok := c.(*conn)
	if !ok {
		return true
	}
	s.gate.mu.Lock()
	already := tc.phase == phaseLogin
	s.gate.mu.Unlock()
	return already || s.gate.toLogin(tc, total)
}

// Rest tells the gate that a connection of Listener was served and waits
// for its next request (HTTP keep-alive): until that request it counts
// as a connection that has not spoken, holds no place of those being
// served, is the first closed to make room, and is closed after
// Limits.Silent.
func (s *Server) Rest(c net.Conn) {
	if tc, ok := c.(*conn); ok {
		s.gate.rest(tc)
	}
}

// wrong counts a wrong code from addr for the dashboard and returns
// after the pacer's turn for the address and at least WrongDelay, or
// when the server stops. It does not return sooner when the client
// goes away: the connection keeps its place until then, which is what
// bounds how many codes can be tried at once (docs/security.md).
func (s *Server) wrong(addr string) {
	start := time.Now()
	s.guesses.wrong(addr)
	s.pacer.wait(addr, s.stopping)
	if d := s.lim.WrongDelay - time.Since(start); d > 0 {
		select {
		case <-time.After(d):
		case <-s.stopping:
		}
	}
}

// CheckCode reports whether code is the session code (typed in any
// case, with or without its dash). A wrong one is counted and answered
// at the pacer's pace for addr (AddrKey).
func (s *Server) CheckCode(addr, code string) bool {
	if s.codeMatches(code) {
		return true
	}
	s.log.Info("auth failed", "addr", addr, "reason", "wrong session code", "face", "web")
	s.wrong(addr)
	return false
}

// ResumeWith finds the participant a typed resume code names. An unknown
// code is a wrong code (ErrWrongCode, counted and paced as CheckCode's).
func (s *Server) ResumeWith(ctx context.Context, addr, code string) (store.Participant, error) {
	p, err := s.store.ByResumeCode(ctx, s.session, normalizeCode(code))
	if errors.Is(err, store.ErrNotFound) {
		s.log.Info("auth failed", "addr", addr, "reason", "unknown resume code", "face", "web")
		s.wrong(addr)
		return store.Participant{}, ErrWrongCode
	}
	return p, err
}

// Returning finds the participant a face's own credential names (a
// cookie it signed holds the resume code): nothing typed, so no pace.
func (s *Server) Returning(ctx context.Context, resumeCode string) (store.Participant, error) {
	return s.store.ByResumeCode(ctx, s.session, resumeCode)
}

// NewParticipant joins someone who arrived without a key or a resume
// code: a new participant with a fresh resume code.
func (s *Server) NewParticipant(ctx context.Context) (store.Participant, error) {
	return s.join(ctx, "")
}

// AddrKey is what per-address limits count a remote address by: the
// IPv4 address, or the /64 network of an IPv6 one.
func AddrKey(a net.Addr) string { return addrKey(a) }

// Turn is one request's hold on a participant's answers: the participant
// as read after the claim (every earlier save included), and where the
// questionnaire saves progress and the result under that claim.
type Turn struct {
	Participant store.Participant
	Progress    autosave.Store
	Submit      func(result.Result) (string, error)
}

// Take claims participant p's answers for one request of a face and
// reads them afresh. A screen of the same participant elsewhere (a
// terminal, another instance) no longer saves from now on and closes
// within a heartbeat. A save under a claim that another request of the
// same participant has since taken fails with store.ErrSuperseded; the
// face takes again and retries.
func (s *Server) Take(ctx context.Context, p store.Participant, lang i18n.Lang) (Turn, error) {
	claim, err := s.store.Claim(ctx, p.ID)
	if err != nil {
		return Turn{}, err
	}
	fresh, err := s.store.ByResumeCode(ctx, s.session, p.ResumeCode)
	if err != nil {
		return Turn{}, err
	}
	s.seen(fresh.ID, fresh.Result == nil)
	return Turn{
		Participant: fresh,
		Progress:    faceStore{s: s, id: fresh.ID, claim: claim},
		Submit: func(r result.Result) (string, error) {
			r.Respondent = s.keep(r.Respondent.Cleaned())
			if err := s.store.Complete(ctx, fresh.ID, claim, &r); err != nil {
				if !errors.Is(err, store.ErrSuperseded) {
					s.log.Error("saving a result failed", "participant", short(fresh.ID), "err", err)
				}
				return "", err
			}
			s.log.Info("completed", "participant", short(fresh.ID), "face", "web")
			s.seen(fresh.ID, false)
			return lang.T("培训服务器", "the trainer's server"), nil
		},
	}, nil
}

// faceStore saves one participant's progress under one claim, keeping
// only what the session may keep of who answered.
type faceStore struct {
	s     *Server
	id    string
	claim int64
}

func (f faceStore) Save(g autosave.State) error {
	g.Respondent = f.s.keep(g.Respondent.Cleaned())
	return f.s.store.SaveProgress(context.Background(), f.id, f.claim, g)
}

// Bank is the questionnaire the session serves.
func (s *Server) Bank() *bank.Bank { return s.cfg.Bank }

// CollectNames reports whether the session keeps names.
func (s *Server) CollectNames() bool { return s.cfg.CollectNames }

// IdleTimeout is how long a participant may go without a key (a face
// without keys: without a request) and still count as on screen.
func (s *Server) IdleTimeout() time.Duration { return s.cfg.IdleTimeout }

// Ended reports whether the trainer ended the session and until when
// participants may still download their results.
func (s *Server) Ended() (until time.Time, ended bool) { return s.endsAt() }

// Closing reports whether the server is shutting down.
func (s *Server) Closing() bool { return s.closing.Load() }

// Secret returns the bytes kept in the database under name, storing
// generate's first (a face's signing key or certificate): every instance
// on one database and every restart use the same.
func (s *Server) Secret(ctx context.Context, name string, generate func() ([]byte, error)) ([]byte, error) {
	return s.store.HostKey(ctx, name, generate)
}

// seen records that participant id made a request of a face; on
// reports whether they are still answering. Those seen within webPresence
// count as connected on the dashboard, as a terminal on screen does.
func (s *Server) seen(id string, on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !on {
		delete(s.web, id)
		return
	}
	now := time.Now()
	s.web[id] = now
	if len(s.web) > 4*s.cfg.MaxSessions {
		for k, t := range s.web {
			if now.Sub(t) > webPresence {
				delete(s.web, k)
			}
		}
	}
}

// webPresence is how long after their last request a participant on a
// web page counts as connected: a page has no connection to watch, and a
// question is read and answered well within it.
const webPresence = 3 * time.Minute

// onWeb counts the participants seen on a web page within webPresence
// who have no terminal on screen (s.mu held).
func (s *Server) onWeb() int {
	n := 0
	now := time.Now()
	for id, t := range s.web {
		if _, term := s.live[id]; !term && now.Sub(t) <= webPresence {
			n++
		}
	}
	return n
}
