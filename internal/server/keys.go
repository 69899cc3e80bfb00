package server

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"os"
	"strings"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/store"
)

// loadOrCreateHostKey reads the server's host key, generating an ed25519
// key on first start. It is written atomically with mode 0600: the key is
// what lets participants' ssh recognise this server next time.
func loadOrCreateHostKey(path string) (ssh.Signer, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		if data, err = newHostKey(); err != nil {
			return nil, err
		}
		if err := result.WriteAtomic(path, data); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, err
	}
	signer, err := gossh.ParsePrivateKey(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return signer, nil
}

// newHostKey generates an ed25519 host key, PEM-encoded.
func newHostKey() ([]byte, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	block, err := gossh.MarshalPrivateKey(priv, "tangping serve host key")
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(block), nil
}

// sharedHostKey is the host key kept in a shared database: every
// instance on it shows participants one server, so an ssh client that
// reconnects to another instance (behind one name) is not alarmed.
func sharedHostKey(st store.Store) (ssh.Signer, error) {
	data, err := st.HostKey(context.Background(), HostKeyFile, newHostKey)
	if err != nil {
		return nil, err
	}
	return gossh.ParsePrivateKey(data)
}

func fingerprint(s ssh.Signer) string { return gossh.FingerprintSHA256(s.PublicKey()) }

// codeAlphabet leaves out 0/O and 1/I/L: a code is read off a projector
// or one screen and typed on another.
const codeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// Code lengths; docs/security.md has the arithmetic: with the pace of
// wrong answers (Limits), guessing either over a 10-hour day succeeds
// with a probability under one in a million.
const (
	SessionCodeLen = 8  // 31^8 ≈ 8.5×10^11
	resumeLen      = 10 // 31^10 ≈ 8.2×10^14
	// MinCodeLen is the shortest session code a trainer may choose.
	MinCodeLen = SessionCodeLen
)

// newSessionCode draws a random session code.
func newSessionCode() (string, error) { return randomCode(SessionCodeLen) }

func newResumeCode() (string, error) { return randomCode(resumeLen) }

func randomCode(n int) (string, error) {
	b := make([]byte, n)
	for i := range b {
		k, err := rand.Int(rand.Reader, big.NewInt(int64(len(codeAlphabet))))
		if err != nil {
			return "", err
		}
		b[i] = codeAlphabet[k.Int64()]
	}
	return string(b), nil
}

// normalizeCode accepts a code as people type it: any case, with spaces
// or dashes.
func normalizeCode(s string) string {
	s = strings.ToUpper(s)
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\t' {
			return -1
		}
		return r
	}, s)
}

// FormatCode shows a code in groups of four or five, as it is read aloud:
// ABCD-EFGH, ABCDE-FGHJK. Typed back, the dash and the case do not matter.
func FormatCode(code string) string {
	code = normalizeCode(code)
	switch len(code) {
	case 8:
		return code[:4] + "-" + code[4:]
	case 10:
		return code[:5] + "-" + code[5:]
	}
	return code
}

// ValidCode reports whether a trainer-chosen session code is usable:
// MinCodeLen to 32 letters or digits (dashes and spaces are ignored, as
// when it is typed), so it survives being read aloud and typed.
func ValidCode(code string) bool {
	code = normalizeCode(code)
	if len(code) < MinCodeLen || len(code) > 32 {
		return false
	}
	for _, r := range code {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// A connection's session channels and a channel's environment are
// bounded: the SSH library keeps every env request and about 2 MB of
// unread input per channel, without limit, so one participant opening
// channels or sending variables in a loop could exhaust the server's
// memory (docs/security.md). A client needs one channel for the
// questionnaire or the download, and of its environment a few short
// variables (the locale, COLORTERM).
const (
	MaxChannelsPerConn = 2
	maxEnv             = 32
	maxEnvBytes        = 256
)

// sessionChannel is the session channel handler with agent (and X11)
// forwarding requests refused: the library would otherwise say yes to an
// agent request it never uses. It also refuses a connection's channels
// beyond MaxChannelsPerConn and keeps at most maxEnv short variables per
// channel. It accepts the channel itself, so that a client gone in the
// meantime is noted in the server's log, not by the library on stderr.
func (s *Server) sessionChannel(srv *ssh.Server, sc *gossh.ServerConn, ch gossh.NewChannel, ctx ssh.Context) {
	defer s.contain("session channel")
	if tc, _ := ctx.Value(ctxConn{}).(*conn); tc != nil {
		if tc.channels.Add(1) > MaxChannelsPerConn {
			tc.channels.Add(-1)
			_ = ch.Reject(gossh.ResourceShortage, "too many channels on one connection")
			return
		}
		defer tc.channels.Add(-1)
	}
	accepted, reqs, err := ch.Accept()
	if err != nil {
		s.log.Info("session channel not accepted", "err", err)
		return
	}
	ssh.DefaultSessionHandler(srv, sc, acceptedChannel{ch, accepted, refuseForwarding(reqs)}, ctx)
}

// acceptedChannel hands the library a session channel already accepted.
type acceptedChannel struct {
	gossh.NewChannel
	ch   gossh.Channel
	reqs <-chan *gossh.Request
}

func (a acceptedChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	return a.ch, a.reqs, nil
}

// refuseForwarding answers agent and X11 forwarding requests no, and
// extra or long environment variables, and passes the rest on.
func refuseForwarding(reqs <-chan *gossh.Request) <-chan *gossh.Request {
	out := make(chan *gossh.Request)
	go func() {
		defer close(out)
		env := 0
		for req := range reqs {
			switch req.Type {
			case "auth-agent-req@openssh.com", "x11-req":
				_ = req.Reply(false, nil)
				continue
			case "env":
				if env >= maxEnv || len(req.Payload) > maxEnvBytes {
					_ = req.Reply(false, nil)
					continue
				}
				env++
			}
			out <- req
		}
	}()
	return out
}
