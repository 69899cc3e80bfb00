package server

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"github.com/tangping-dev/tangping/internal/store"
)

// What authentication learnt about a connection travels to the session
// handler in the permissions' extensions.
const (
	extResume = "tangping-resume" // a resume code that exists in the session
	extKey    = "tangping-key"    // SHA256 fingerprint of the key the client proved it holds
)

const (
	challengeName = "tangping"
	promptCode    = "会议码 Session code: "
	promptResume  = "续答码 Resume code（首次参加请直接回车 / first time: Enter）: "
)

var errDenied = errors.New("permission denied")

// ctxConn is where the connection the gate counts travels from the
// connection callback to the authentication of the same connection.
type ctxConn struct{}

// serverConfig builds the authentication of one connection. A key is
// optional and never enough: a client that offers one proves it holds
// the private key (the signature is checked), which only identifies it
// for resuming, and then must still answer the keyboard-interactive
// session-code question, through x/crypto/ssh's partial success.
func (s *Server) serverConfig(ctx ssh.Context) *gossh.ServerConfig {
	tc, _ := ctx.Value(ctxConn{}).(*conn)
	c := &authConn{srv: s, conn: tc}
	return &gossh.ServerConfig{
		MaxAuthTries: s.cfg.MaxAuthTries,
		// The key exchange is over: the connection moves from the
		// handshake's places to the login's, or is refused: its first
		// question is answered with why (a banner), without checking
		// any code, and it is closed shortly after.
		PreAuthConnCallback: func(gossh.ServerPreAuthConn) {
			defer s.contain("key exchange")
			if tc == nil || s.gate.keyExchanged(tc) {
				return
			}
			s.log.Warn("connection refused", "addr", tc.addr, "reason", "too many logging in")
			c.refused = true
			time.AfterFunc(refusedLinger, func() { _ = tc.Close() })
		},
		PublicKeyCallback: func(gossh.ConnMetadata, gossh.PublicKey) (*gossh.Permissions, error) {
			return nil, nil // any key may prove itself; it only names the participant
		},
		VerifiedPublicKeyCallback: func(_ gossh.ConnMetadata, key gossh.PublicKey, _ *gossh.Permissions, _ string) (*gossh.Permissions, error) {
			fp := gossh.FingerprintSHA256(key)
			return nil, &gossh.PartialSuccessError{Next: gossh.ServerAuthCallbacks{
				KeyboardInteractiveCallback: func(m gossh.ConnMetadata, ask gossh.KeyboardInteractiveChallenge) (*gossh.Permissions, error) {
					return c.keyboard(m, ask, fp)
				},
			}}
		},
		KeyboardInteractiveCallback: func(m gossh.ConnMetadata, ask gossh.KeyboardInteractiveChallenge) (*gossh.Permissions, error) {
			return c.keyboard(m, ask, "")
		},
	}
}

// authConn is the authentication state of one connection: why the
// previous try failed (shown with the next question) and how many did.
type authConn struct {
	srv     *Server
	conn    *conn
	refused bool // no place to log in: every try is told so
	note    string
	fails   int
}

// refusedLinger is how long a refused connection stays open to read why.
const refusedLinger = 5 * time.Second

// keyboard asks for the session code, then (unless a key already names an
// unfinished participant) for an optional resume code. A right code is
// answered at once; a wrong one only after the pacer's turn (see
// docs/security.md), and no address is ever refused for its wrong codes.
func (c *authConn) keyboard(m gossh.ConnMetadata, ask gossh.KeyboardInteractiveChallenge, fp string) (_ *gossh.Permissions, err error) {
	s := c.srv
	defer s.containAuth(&err)
	addr := addrKey(m.RemoteAddr())
	if s.closing.Load() {
		return nil, banner("本场会话已结束。The session has ended.")
	}
	if c.refused {
		return nil, banner("tangping：正在登录的连接太多，请稍后再连。Too many connections are logging in; try again shortly.")
	}
	code, err := c.askOne(ask, promptCode)
	if err != nil {
		return nil, err
	}
	if !s.codeMatches(code) {
		s.log.Info("auth failed", "addr", addr, "reason", "wrong session code")
		return nil, c.fail(addr, "会议码不正确，请核对后重试。Wrong session code; check it and try again.")
	}
	perms := &gossh.Permissions{Extensions: map[string]string{}}
	if fp != "" {
		perms.Extensions[extKey] = fp
		if _, err := s.store.ByKey(context.Background(), s.session, fp); err == nil {
			s.log.Info("auth ok", "addr", addr, "key", true, "resume", true)
			return c.in(perms)
		}
	}
	resume, err := c.askOne(ask, promptResume)
	if err != nil {
		return nil, err
	}
	if resume = normalizeCode(resume); resume != "" {
		if _, err := s.store.ByResumeCode(context.Background(), s.session, resume); err != nil {
			if !errors.Is(err, store.ErrNotFound) {
				s.log.Error("auth: reading the store failed", "err", err)
				return nil, banner("服务器暂时无法读取数据，请稍后再试。The server cannot read its data right now; try again shortly.")
			}
			s.log.Info("auth failed", "addr", addr, "reason", "unknown resume code")
			return nil, c.fail(addr, "没有这个续答码，请核对欢迎页上的续答码；首次参加请直接回车。No such resume code; first time? Just press Enter.")
		}
		perms.Extensions[extResume] = resume
	}
	s.log.Info("auth ok", "addr", addr, "key", fp != "", "resume", resume != "")
	return c.in(perms)
}

// in admits a connection that gave the right codes, unless the server has
// no room left for another logged-in connection.
func (c *authConn) in(perms *gossh.Permissions) (*gossh.Permissions, error) {
	if c.conn != nil && !c.srv.gate.loggedIn(c.conn) {
		c.srv.log.Warn("connection refused", "addr", c.conn.addr, "reason", "full")
		return nil, banner(fmt.Sprintf("会场已满（最多 %d 人同时作答），请稍后再连。The session is full; try again shortly.", c.srv.cfg.MaxSessions))
	}
	return perms, nil
}

// askOne asks one question, with what is typed hidden: codes are not for
// a neighbour's eyes. OpenSSH escapes every non-ASCII byte of a
// challenge's name and instruction (\344\274...) but shows prompts as
// they are, so the Chinese, and why the previous try failed, go in the
// prompt.
func (c *authConn) askOne(ask gossh.KeyboardInteractiveChallenge, prompt string) (string, error) {
	if c.note != "" {
		prompt = c.note + "\n" + prompt
		c.note = ""
	}
	answers, err := ask(challengeName, "", []string{prompt}, []bool{false})
	if err != nil {
		return "", err
	}
	if len(answers) != 1 {
		return "", errDenied
	}
	return answers[0], nil
}

// fail answers a wrong try: it is counted for the trainer's dashboard,
// then answered after the pacer's turn for the address and at least
// WrongDelay, the connection holding its login place all the while (also
// when the client has gone). The reason shows with the next question, or,
// on the connection's last try, as a banner.
func (c *authConn) fail(addr, why string) error {
	s := c.srv
	if c.conn != nil {
		defer s.gate.hold(c.conn)()
	}
	s.wrong(addr)
	c.fails++
	if c.fails >= s.cfg.MaxAuthTries {
		return banner(why)
	}
	c.note = why
	return errDenied
}

func (s *Server) codeMatches(given string) bool {
	return subtle.ConstantTimeCompare([]byte(normalizeCode(given)), []byte(normalizeCode(s.code))) == 1
}

// banner fails an attempt and shows msg in the client's terminal.
func banner(msg string) error {
	return &gossh.BannerError{Err: errDenied, Message: msg + "\r\n"}
}
