// Package web is the questionnaire on a phone: `tangping serve --http`.
// It is a face over internal/quiz beside the terminal (internal/tui):
// server-rendered forms, one question per page, that work without
// JavaScript, in old Android WebViews (WeChat's browser) and with
// nothing fetched from outside the server. The session, its code, the
// store, the privacy setting and every limit are internal/server's: a
// connection passes the same gate as an SSH connection, a wrong code
// waits in the same pacer, answers are saved under the same claims.
//
// Every request rebuilds the participant's quiz.Session from the saved
// progress, applies one operation, which is saved before the response,
// and answers a POST with 303 to the page that follows, so that a
// reload never posts again and the back button shows the previous
// question with its answer. A signed cookie says who the participant
// is; the resume code is the way back from another device.
// docs/security.md lists the limits, docs/trainer-guide.md the flow.
package web

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	stdlog "log"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"charm.land/log/v2"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/server"
)

// Limits of one request; docs/security.md gives the reasons.
const (
	maxBody           = 8 << 10 // a form: a few short fields
	maxHeader         = 8 << 10
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 20 * time.Second
	writeTimeout      = 30 * time.Second
	idleTimeout       = 30 * time.Second
)

// Config is what the serve command decides for the web face.
type Config struct {
	Server *server.Server // the session it serves; required
	Listen string         // host:port
	// TLS serves HTTPS with a self-signed certificate kept in the
	// session's database (its fingerprint: Fingerprint).
	TLS bool
	// Hosts are the names or addresses participants use; the
	// certificate names them when it is first made.
	Hosts []string
	Log   *log.Logger // nil discards
	Now   func() time.Time
}

// Web is a running web face.
type Web struct {
	cfg    Config
	srv    *server.Server
	bank   *bank.Bank
	http   *http.Server
	ln     net.Listener
	key    []byte // signs cookies and CSRF tokens
	certFP string
	log    *log.Logger
	pages  *pages
	assets assets

	locks keyed // one request at a time per participant on this instance

	joinMu sync.Mutex
	joined map[string]joinedBy // browser → participant it just joined, so a double tap joins once
}

// Open listens on cfg.Listen and prepares the pages; Serve then answers.
func Open(cfg Config) (*Web, error) {
	if cfg.Server == nil {
		return nil, errors.New("web: Server is required")
	}
	if cfg.Log == nil {
		cfg.Log = log.New(io.Discard)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	w := &Web{cfg: cfg, srv: cfg.Server, bank: cfg.Server.Bank(), log: cfg.Log, joined: map[string]joinedBy{}}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var err error
	if w.key, err = cfg.Server.Secret(ctx, secretName, newSecret); err != nil {
		return nil, fmt.Errorf("web: signing key: %w", err)
	}
	if w.assets, err = newAssets(); err != nil {
		return nil, err
	}
	if w.pages, err = parsePages(); err != nil {
		return nil, err
	}
	var tlsConf *tls.Config
	if cfg.TLS {
		cert, fp, err := Certificate(ctx, cfg.Server.Secret, cfg.Hosts, cfg.Now())
		if err != nil {
			return nil, fmt.Errorf("web: certificate: %w", err)
		}
		w.certFP = fp
		// HTTP/1.1 only: the gate counts connections, and one HTTP/2
		// connection would carry a whole phone's requests at once.
		tlsConf = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12, NextProtos: []string{"http/1.1"}}
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return nil, err
	}
	w.ln = cfg.Server.Listener(ln)
	if tlsConf != nil {
		w.ln = tls.NewListener(w.ln, tlsConf)
	}
	w.http = &http.Server{
		Handler:           w.Handler(),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeader,
		ConnContext:       func(ctx context.Context, c net.Conn) context.Context { return context.WithValue(ctx, connKey{}, c) },
		ConnState: func(c net.Conn, st http.ConnState) {
			if st == http.StateIdle {
				w.srv.Rest(gated(c))
			}
		},
		ErrorLog: stdlog.New(logWriter{cfg.Log}, "", 0),
	}
	return w, nil
}

// logWriter sends net/http's own messages (TLS handshakes refused by a
// browser that does not trust the certificate, mostly) to the log's
// debug level.
type logWriter struct{ l *log.Logger }

func (lw logWriter) Write(p []byte) (int, error) {
	lw.l.Debug("http", "msg", strings.TrimSpace(string(p)))
	return len(p), nil
}

type connKey struct{}

// gated is the connection the gate counts under a TLS one.
func gated(c net.Conn) net.Conn {
	if t, ok := c.(*tls.Conn); ok {
		return t.NetConn()
	}
	return c
}

// Serve answers requests until Shutdown.
func (w *Web) Serve() error {
	err := w.http.Serve(w.ln)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops accepting and waits (at most ctx) for the requests in
// progress: an answer being saved is saved.
func (w *Web) Shutdown(ctx context.Context) error { return w.http.Shutdown(ctx) }

// Addr is where the web face listens.
func (w *Web) Addr() net.Addr { return w.ln.Addr() }

// Fingerprint is the SHA-256 fingerprint of the certificate ("" without
// TLS), as browsers show it.
func (w *Web) Fingerprint() string { return w.certFP }

// URL is the address participants open on host.
func (w *Web) URL(host string) string { return Address(w.cfg.TLS, host, portOf(w.Addr())) }

// JoinURL is the address with the session code that the QR code holds,
// in capitals (a QR code holds capitals and digits more densely); the
// page it opens has the code filled in.
func (w *Web) JoinURL(host string) string {
	return JoinAddress(w.cfg.TLS, host, portOf(w.Addr()), w.srv.Code())
}

// Address is http(s)://host:port, without the port when it is the
// scheme's own.
func Address(secure bool, host string, port int) string {
	scheme, def := "http", 80
	if secure {
		scheme, def = "https", 443
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port == def || port == 0 {
		return scheme + "://" + host
	}
	return scheme + "://" + host + ":" + strconv.Itoa(port)
}

// JoinAddress is Address with the session code, in capitals:
// HTTP://HOST:PORT/J/CODE.
func JoinAddress(secure bool, host string, port int, code string) string {
	return strings.ToUpper(Address(secure, host, port) + "/j/" + normalize(code))
}

func portOf(a net.Addr) int {
	if t, ok := a.(*net.TCPAddr); ok {
		return t.Port
	}
	return 0
}

// normalize is a code as typed: capitals, without spaces or dashes.
func normalize(code string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == ' ' || r == '-' || r == '\t':
			return -1
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		}
		return r
	}, code)
}

// DefaultPort is the web face's port when --http names none: the one
// after SSH's 23234.
const DefaultPort = 23235
