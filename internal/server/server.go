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
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/store"
)

// Defaults of the limits; the serve command's flags override them.
const (
	DefaultListen       = "127.0.0.1:23234"
	DefaultMaxSessions  = 300
	DefaultIdleTimeout  = 30 * time.Minute
	DefaultMaxAuthTries = 3
	DefaultMinGroup     = 5
	// Wrong codes per source address: a burst, then one per refill.
	defaultAuthBurst  = 10
	defaultAuthRefill = 6 * time.Second
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
	Bank         *bank.Bank
	// JoinHost is the host name or address participants use, shown in
	// the commands the server prints to them.
	JoinHost string
	Log      *log.Logger // connection events only, never answers; nil discards
	Now      func() time.Time
	// NewModel builds a participant's questionnaire; nil is the real TUI.
	NewModel func(ModelParams) tea.Model
}

// Server is a running group session server.
type Server struct {
	cfg     Config
	store   store.Store
	ssh     *ssh.Server
	ln      net.Listener
	limiter *limiter
	log     *log.Logger
	session string
	code    string
	hostFP  string
	closing atomic.Bool
	served  chan struct{}

	instance string        // this instance's id in the shared presence table
	beatDone chan struct{} // closed when Shutdown stops the heartbeat

	mu       sync.Mutex
	live     map[string]*liveSession // by participant id
	active   int                     // questionnaire sessions admitted, on screen or about to be
	sessions sync.WaitGroup          // the same, to wait for on shutdown
	conns    atomic.Int64

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
	s := &Server{
		cfg: cfg, store: st, log: cfg.Log, session: cfg.Session,
		limiter: newLimiter(defaultAuthBurst, defaultAuthRefill, cfg.Now),
		live:    map[string]*liveSession{}, served: make(chan struct{}),
		hostFP: fingerprint(signer), instance: result.NewID(), beatDone: make(chan struct{}),
	}
	if s.code, err = s.openSession(cfg.Code); err != nil {
		_ = st.Close()
		return nil, err
	}
	s.ssh = &ssh.Server{
		Handler:              s.handle,
		ServerConfigCallback: s.serverConfig,
		ConnCallback:         s.admitConn,
		HandshakeTimeout:     authGrace,
		Version:              "tangping",
		// Channel types other than "session" (port forwarding), global
		// requests (remote forwarding) and subsystems (sftp) have no
		// handler, so the library refuses them.
		ChannelHandlers: map[string]ssh.ChannelHandler{"session": sessionWithoutAgent},
	}
	s.ssh.AddHostKey(signer)
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		_ = st.Close()
		return nil, err
	}
	s.ln = ln
	s.log.Info("listening", "addr", ln.Addr().String(), "session", s.session, "database", backend(cfg))
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
// Shutdown; every dashboard sums them.
func (s *Server) heartbeat() {
	t := time.NewTicker(store.BeatEvery)
	defer t.Stop()
	for {
		ctx, cancel := context.WithTimeout(context.Background(), store.BeatEvery)
		if err := s.store.Beat(ctx, s.instance, s.session, s.Connected()); err != nil {
			s.log.Warn("heartbeat", "err", err)
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
	se := store.Session{Name: s.session, Code: code, CreatedAt: s.cfg.Now()}
	if se.Code == "" {
		var err error
		if se.Code, err = newSessionCode(); err != nil {
			return "", err
		}
	}
	stored, err := s.store.EnsureSession(ctx, se)
	if err != nil || code == "" || stored.Code == code {
		return stored.Code, err
	}
	stored.Code = code
	return code, s.store.SaveSession(ctx, stored)
}

// Addr is where the server listens.
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// Code is the session code participants enter.
func (s *Server) Code() string { return s.code }

// SessionName is the name of the session being served.
func (s *Server) SessionName() string { return s.session }

// HostKeyFingerprint lets participants check they reached this server.
func (s *Server) HostKeyFingerprint() string { return s.hostFP }

// Serve accepts connections until Shutdown.
func (s *Server) Serve() error {
	defer close(s.served)
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
	_ = s.ln.Close()            // in case Serve never ran
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

// admitConn bounds concurrent connections (including those still
// authenticating) so that a flood cannot exhaust memory; sessions have
// their own, lower limit.
func (s *Server) admitConn(_ ssh.Context, c net.Conn) net.Conn {
	if s.closing.Load() || s.conns.Load() >= int64(2*s.cfg.MaxSessions+16) {
		s.log.Warn("connection refused", "addr", host(c.RemoteAddr()), "reason", "too many connections")
		_ = c.Close()
		return nil
	}
	s.conns.Add(1)
	addr := host(c.RemoteAddr())
	s.log.Info("connect", "addr", addr)
	return &countedConn{Conn: c, done: func() {
		s.conns.Add(-1)
		s.log.Info("disconnect", "addr", addr)
	}}
}

type countedConn struct {
	net.Conn
	once sync.Once
	done func()
}

func (c *countedConn) Close() error {
	c.once.Do(c.done)
	return c.Conn.Close()
}

// Connected is the number of participants on screen now.
func (s *Server) Connected() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.live)
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
