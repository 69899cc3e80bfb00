// Package server owns `tangping serve`: the SSH server participants join
// with a stock ssh client, their sessions (each runs the very same
// questionnaire model as the local `take`, with its own size, colour
// profile and language), authentication and its limits, and what the
// trainer's dashboard reads. Storage is behind internal/store.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"charm.land/ssh"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/store"
	"github.com/tangping-dev/tangping/internal/verify"
)

// Defaults of the limits; the serve command's flags override them.
const (
	DefaultListen       = "127.0.0.1:23234"
	DefaultMaxSessions  = 300
	DefaultIdleTimeout  = 30 * time.Minute
	DefaultMaxAuthTries = 3
	DefaultMinGroup     = 5
	// downloadRoom is how many logged-in connections beyond MaxSessions
	// may run at once: downloads, and a participant's second terminal.
	downloadRoom = 64
	// guessWindow is how long the dashboard keeps naming an address that
	// gave wrong codes.
	guessWindow = 10 * time.Minute
	// shutdownGrace is how long Shutdown waits for participants' screens
	// to show the closing message before it drops the connections.
	shutdownGrace = 3 * time.Second
)

// File names inside the data directory.
const (
	HostKeyFile = "ssh_host_ed25519_key"
	DBFile      = "serve.db"
	LogFile     = "serve.log"
)

// Config is what the serve command decides.
type Config struct {
	Listen string
	Dir    string // data directory: host key, database, log
	// Database is a PostgreSQL URL that several instances share; "" keeps
	// the embedded SQLite database (and the host key) in Dir.
	Database     string
	Session      string // session name; participants and results are kept per session
	Code         string // session code; "" keeps the session's stored code or draws a new one
	MaxSessions  int
	IdleTimeout  time.Duration
	MaxAuthTries int
	// Limits bound connections and the pace of wrong codes; zero fields
	// take DefaultLimits.
	Limits Limits
	Bank   *bank.Bank
	// JoinHost is the host name or address participants use, shown in
	// the commands the server prints to them.
	JoinHost string
	Log      *log.Logger // connection events only, never answers; nil discards
	Now      func() time.Time
	// CollectNames keeps participants' names with their results; by
	// default the store keeps none (docs/privacy.md).
	CollectNames bool
	// NoSSH serves no SSH listener: participants join through another
	// face only (serve --http --ssh=false).
	NoSSH bool
	// NewModel builds a participant's questionnaire; nil is the real TUI.
	NewModel func(ModelParams) tea.Model
}

// Server is a running group session server.
type Server struct {
	cfg   Config
	store store.Store
	// verifier recomputes stored results: the database is believed no
	// more than a file is (docs/verification.md).
	verifier *verify.Verifier
	ssh      *ssh.Server
	ln       net.Listener
	lim      Limits
	gate     *gate
	pacer    *pacer
	guesses  *guesses
	log      *log.Logger
	session  string
	code     string
	hostFP   string
	closing  atomic.Bool
	// ends is when the download window closes, once End has been called.
	ends atomic.Pointer[time.Time]
	// stopping closes on Shutdown: wrong codes waiting for their answer
	// stop waiting.
	stopping chan struct{}
	served   chan struct{}

	instance string        // this instance's id in the shared presence table
	beatDone chan struct{} // closed when Shutdown stops the heartbeat

	mu       sync.Mutex
	live     map[string]*liveSession // by participant id
	web      map[string]time.Time    // participants on a web page: their last request (faces.go)
	active   int                     // questionnaire sessions admitted, on screen or about to be
	sessions sync.WaitGroup          // the same, to wait for on shutdown

	resMu   sync.Mutex
	results resultCache
}

// Open prepares the data directory (mode 0700), the host key (generated
// on first start, mode 0600) and the database, records the session and
// its code, and starts listening. Serve then accepts participants.
func Open(cfg Config) (*Server, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = log.New(io.Discard)
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = DefaultMaxSessions
	}
	if cfg.MaxAuthTries <= 0 {
		cfg.MaxAuthTries = DefaultMaxAuthTries
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	if cfg.Listen == "" {
		cfg.Listen = DefaultListen
	}
	if cfg.Bank == nil || cfg.Session == "" || cfg.Dir == "" {
		return nil, errors.New("server: Bank, Session and Dir are required")
	}
	if err := os.MkdirAll(cfg.Dir, 0o700); err != nil {
		return nil, err
	}
	st, signer, err := openStore(cfg)
	if err != nil {
		return nil, err
	}
	lim := cfg.Limits.withDefaults()
	s := &Server{
		cfg: cfg, store: st, log: cfg.Log, session: cfg.Session, lim: lim,
		gate:    newGate(lim, cfg.MaxSessions+downloadRoom),
		pacer:   newPacer(lim.WrongEvery, lim.WrongBurst),
		guesses: &guesses{window: guessWindow, now: cfg.Now, by: map[string]*guessCount{}},
		live:    map[string]*liveSession{}, web: map[string]time.Time{}, served: make(chan struct{}), stopping: make(chan struct{}),
		hostFP: fingerprint(signer), instance: result.NewID(), beatDone: make(chan struct{}),
	}
	banks := bank.NewRegistry(i18n.EN)
	banks.Add(cfg.Bank)
	s.verifier = &verify.Verifier{Banks: banks, Lang: i18n.EN}
	if s.code, err = s.openSession(cfg.Code); err != nil {
		_ = st.Close()
		return nil, err
	}
	s.ssh = &ssh.Server{
		Handler:              s.handle,
		ServerConfigCallback: s.serverConfig,
		ConnCallback:         s.admitConn,
		HandshakeTimeout:     lim.Login, // the gate closes a slow key exchange sooner
		// A logged-in connection with no traffic at all for longer than a
		// questionnaire may stay idle is closed.
		IdleTimeout: cfg.IdleTimeout + time.Minute,
		Version:     "tangping",
		// Channel types other than "session" (port forwarding), global
		// requests (remote forwarding) and subsystems (sftp) have no
		// handler, so the library refuses them.
		ChannelHandlers: map[string]ssh.ChannelHandler{"session": s.sessionChannel},
	}
	s.ssh.AddHostKey(signer)
	if !cfg.NoSSH {
		ln, err := net.Listen("tcp", cfg.Listen)
		if err != nil {
			_ = st.Close()
			return nil, err
		}
		s.ln = ln
		s.log.Info("listening", "addr", ln.Addr().String(), "session", s.session, "database", backend(cfg))
	}
	go s.heartbeat()
	return s, nil
}

// openStore opens the database and the host key: both in the data
// directory, or both in the shared PostgreSQL database.
func openStore(cfg Config) (store.Store, ssh.Signer, error) {
	if cfg.Database == "" {
		signer, err := loadOrCreateHostKey(filepath.Join(cfg.Dir, HostKeyFile))
		if err != nil {
			return nil, nil, err
		}
		st, err := store.OpenSQLite(filepath.Join(cfg.Dir, DBFile))
		return st, signer, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st, err := store.OpenPostgres(ctx, cfg.Database)
	if err != nil {
		return nil, nil, err
	}
	signer, err := sharedHostKey(st)
	if err != nil {
		_ = st.Close()
		return nil, nil, err
	}
	return st, signer, nil
}

// backend names the database for the log, never with its password.
func backend(cfg Config) string {
	if cfg.Database == "" {
		return "sqlite"
	}
	return store.Redact(cfg.Database)
}

// heartbeat tells the other instances on the database how many
// participants this one has on screen, every store.BeatEvery, until
// Shutdown; every dashboard sums them. It also closes screens superseded
// by the same participant on another instance.
func (s *Server) heartbeat() {
	t := time.NewTicker(store.BeatEvery)
	defer t.Stop()
	for {
		ctx, cancel := context.WithTimeout(context.Background(), store.BeatEvery)
		if err := s.store.Beat(ctx, s.instance, s.session, s.Connected()); err != nil {
			s.log.Warn("heartbeat", "err", err)
		}
		if err := s.closeSuperseded(ctx); err != nil {
			s.log.Warn("heartbeat: claims", "err", err)
		}
		cancel()
		select {
		case <-s.beatDone:
			return
		case <-t.C:
		}
	}
}

// openSession keeps a session's code across restarts, so participants
// who reconnect after a crash type the code they already know.
//
// Instances starting together on one database agree on the code: the
// first to create the session draws it, the others read it. A --code
// given to a later instance replaces it for new connections to that
// instance; start every instance with the same --code, or none.
func (s *Server) openSession(code string) (string, error) {
	ctx := context.Background()
	se := store.Session{Name: s.session, Code: code, CreatedAt: s.cfg.Now(), CollectNames: s.cfg.CollectNames}
	if se.Code == "" {
		var err error
		if se.Code, err = newSessionCode(); err != nil {
			return "", err
		}
	}
	stored, err := s.store.EnsureSession(ctx, se)
	switch {
	case err != nil:
		return "", err
	case stored.CollectNames != s.cfg.CollectNames:
		return "", &NamesMismatch{Session: s.session, Kept: stored.CollectNames}
	case code != "" && stored.Code != code:
		stored.Code = code
	case code == "" && !ValidCode(stored.Code):
		// A code kept from an older version is too short to be safe
		// from guessing now (docs/security.md): use the one drawn.
		s.log.Warn("the session's stored code is too short; drawing a new one", "session", s.session)
		stored.Code = se.Code
	default:
		return stored.Code, nil
	}
	return stored.Code, s.store.SaveSession(ctx, stored)
}

// NamesMismatch is why a server does not open a session that was started
// (by another instance, or before a restart) with the other names
// setting: its participants were told whether names are kept, and every
// instance must keep that promise (docs/privacy.md, docs/deployment.md).
type NamesMismatch struct {
	Session string
	Kept    bool // the session keeps names
}

func (e *NamesMismatch) Error() string {
	return fmt.Sprintf("session %q was started with collect-names %v; start every server of a session with the same setting, or use another session name", e.Session, e.Kept)
}

// Addr is where the SSH server listens; nil with Config.NoSSH.
func (s *Server) Addr() net.Addr {
	if s.ln == nil {
		return nil
	}
	return s.ln.Addr()
}

// Code is the session code participants enter.
func (s *Server) Code() string { return s.code }

// SessionName is the name of the session being served.
func (s *Server) SessionName() string { return s.session }

// HostKeyFingerprint lets participants check they reached this server.
func (s *Server) HostKeyFingerprint() string { return s.hostFP }

// Serve accepts connections until Shutdown.
func (s *Server) Serve() error {
	defer close(s.served)
	if s.ln == nil {
		<-s.stopping
		return nil
	}
	err := s.ssh.Serve(s.ln)
	if errors.Is(err, ssh.ErrServerClosed) || s.closing.Load() {
		return nil
	}
	return err
}

// Shutdown stops accepting, tells every participant on screen that the
// session is closing, waits briefly for their screens to say so, drops
// what remains and closes the database. Every answer already
// acknowledged (shown as saved) was committed before it was shown.
func (s *Server) Shutdown(ctx context.Context) error {
	if !s.closing.CompareAndSwap(false, true) {
		return nil
	}
	stopped, cancel := context.WithCancel(ctx)
	cancel()
	_ = s.ssh.Shutdown(stopped) // closes the listener it serves; returns at once
	if s.ln != nil {
		_ = s.ln.Close() // in case Serve never ran
	}
	s.gate.close()
	close(s.stopping)
	s.log.Info("shutting down", "connected", s.Connected())
	s.mu.Lock()
	for _, ls := range s.live {
		ls.stop(reasonShutdown)
	}
	s.mu.Unlock()
	done := make(chan struct{})
	go func() { s.sessions.Wait(); close(done) }()
	grace, cancelGrace := context.WithTimeout(ctx, shutdownGrace)
	defer cancelGrace()
	select {
	case <-done:
	case <-grace.Done():
		s.log.Warn("participants still connected after the grace period; dropping them")
	}
	_ = s.ssh.Close()
	select {
	case <-done:
	case <-time.After(time.Second):
	}
	close(s.beatDone)
	leave, cancelLeave := context.WithTimeout(context.Background(), 2*time.Second)
	_ = s.store.Leave(leave, s.instance)
	cancelLeave()
	err := s.store.Close()
	s.log.Info("closed", "err", err)
	return err
}

// admitConn counts a new connection in at the gate, which keeps each
// phase of a connection within its own limits (gate.go).
func (s *Server) admitConn(ctx ssh.Context, c net.Conn) net.Conn {
	defer s.contain("connection")
	if s.closing.Load() {
		_ = c.Close()
		return nil
	}
	tc := s.gate.accept(c)
	if tc == nil {
		_ = c.Close()
		return nil
	}
	ctx.SetValue(ctxConn{}, tc)
	return tc
}

// Guessing is what the trainer's dashboard shows about wrong codes and
// refused connections.
func (s *Server) Guessing() Guessing {
	g := s.guesses.report()
	g.Refused, g.Evicted = s.gate.refused.Load(), s.gate.evicted.Load()
	return g
}

// End ends the session for questionnaires: every participant on screen
// is told so, with how long they may still download their result, and
// from now until Shutdown people may log in only to download (the
// trainer's screen says until when). It returns when the window closes.
func (s *Server) End(window time.Duration) time.Time {
	until := s.cfg.Now().Add(window)
	s.ends.Store(&until)
	s.log.Info("session ended; downloads open", "until", until.Format(time.TimeOnly))
	s.mu.Lock()
	for _, ls := range s.live {
		ls.stop(reasonEnded)
	}
	s.mu.Unlock()
	return until
}

// endsAt is when the download window closes, and whether End was called.
func (s *Server) endsAt() (time.Time, bool) {
	if t := s.ends.Load(); t != nil {
		return *t, true
	}
	return time.Time{}, false
}

// Connected is the number of participants on screen now: in a terminal,
// or on a web page within the last few minutes.
func (s *Server) Connected() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.live) + s.onWeb()
}

// JoinCommand is what participants type.
func JoinCommand(host string, port int) string {
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port == 22 {
		return "ssh " + host
	}
	return fmt.Sprintf("ssh -p %d %s", port, host)
}
