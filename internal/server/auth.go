package server

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"math"
	"strings"
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

// serverConfig builds the authentication of one connection. A key is
// optional and never enough: a client that offers one proves it holds
// the private key (the signature is checked), which only identifies it
// for resuming, and then must still answer the keyboard-interactive
// session-code question, through x/crypto/ssh's partial success.
func (s *Server) serverConfig(ssh.Context) *gossh.ServerConfig {
	c := &authConn{srv: s}
	return &gossh.ServerConfig{
		MaxAuthTries: s.cfg.MaxAuthTries,
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
	srv   *Server
	note  string
	fails int
}

// keyboard asks for the session code, then (unless a key already names an
// unfinished participant) for an optional resume code.
func (c *authConn) keyboard(m gossh.ConnMetadata, ask gossh.KeyboardInteractiveChallenge, fp string) (*gossh.Permissions, error) {
	s := c.srv
	addr := host(m.RemoteAddr())
	if s.closing.Load() {
		return nil, banner("本场会话已结束。The session has ended.")
	}
	if d := s.limiter.wait(addr); d > 0 {
		s.log.Warn("auth rate-limited", "addr", addr)
		secs := int(math.Ceil(d.Seconds()))
		return nil, banner(fmt.Sprintf("错误次数过多，请 %d 秒后再试。Too many wrong codes; try again in %d s.", secs, secs))
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
			return perms, nil
		}
	}
	resume, err := c.askOne(ask, promptResume)
	if err != nil {
		return nil, err
	}
	if resume = normalizeResume(resume); resume != "" {
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
	return perms, nil
}

// askOne asks one visible question. OpenSSH escapes every non-ASCII byte
// of a challenge's name and instruction (\344\274...) but shows prompts
// as they are, so the Chinese, and why the previous try failed, go in
// the prompt.
func (c *authConn) askOne(ask gossh.KeyboardInteractiveChallenge, prompt string) (string, error) {
	if c.note != "" {
		prompt = c.note + "\n" + prompt
		c.note = ""
	}
	answers, err := ask(challengeName, "", []string{prompt}, []bool{true})
	if err != nil {
		return "", err
	}
	if len(answers) != 1 {
		return "", errDenied
	}
	return answers[0], nil
}

// fail counts a wrong try against the address and the connection. The
// reason shows with the next question, or, on the connection's last try,
// as a banner right away.
func (c *authConn) fail(addr, why string) error {
	c.srv.limiter.fail(addr)
	c.fails++
	if c.fails >= c.srv.cfg.MaxAuthTries {
		return banner(why)
	}
	c.note = why
	return errDenied
}

func (s *Server) codeMatches(given string) bool {
	given = strings.TrimSpace(given)
	return subtle.ConstantTimeCompare([]byte(given), []byte(s.code)) == 1
}

// banner fails an attempt and shows msg in the client's terminal.
func banner(msg string) error {
	return &gossh.BannerError{Err: errDenied, Message: msg + "\r\n"}
}

// authGrace is how long a connection may take from TCP connect to a
// successful login: people type the code by hand.
const authGrace = 3 * time.Minute
