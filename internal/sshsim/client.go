// Package sshsim simulates participants of `tangping serve` for tests and
// benchmarks: an SSH client (golang.org/x/crypto/ssh) that authenticates
// as a person would, a PTY read into a small terminal emulator, and a
// driver that answers the questionnaire screen by screen, waiting for
// each screen rather than for a fixed time. Only tests import it.
package sshsim

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// Login is how a simulated participant authenticates.
type Login struct {
	Code   string       // the session code
	Resume string       // the resume code, "" the first time
	Key    gossh.Signer // an SSH key to offer, or nil
	User   string
	// Asked records the keyboard-interactive prompts, Banners the
	// banners, when not nil.
	Asked   *[]string
	Banners *[]string
	// Echoed records, for each prompt, whether the server asked the
	// client to show what is typed, when not nil.
	Echoed *[]bool
}

// NewKey makes an ed25519 key for a participant.
func NewKey() (gossh.Signer, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	return gossh.NewSignerFromKey(priv)
}

// Dial connects and authenticates.
func Dial(addr string, l Login) (*gossh.Client, error) {
	var auths []gossh.AuthMethod
	if l.Key != nil {
		auths = append(auths, gossh.PublicKeys(l.Key))
	}
	auths = append(auths, gossh.KeyboardInteractive(func(_, _ string, qs []string, echos []bool) ([]string, error) {
		ans := make([]string, len(qs))
		for i, q := range qs {
			if l.Asked != nil {
				*l.Asked = append(*l.Asked, q)
			}
			if l.Echoed != nil {
				*l.Echoed = append(*l.Echoed, echos[i])
			}
			if strings.Contains(q, "会议码 Session code") {
				ans[i] = l.Code
			} else {
				ans[i] = l.Resume
			}
		}
		return ans, nil
	}))
	user := l.User
	if user == "" {
		user = "participant"
	}
	cfg := &gossh.ClientConfig{
		User: user, Auth: auths, HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 30 * time.Second,
	}
	if l.Banners != nil {
		cfg.BannerCallback = func(m string) error { *l.Banners = append(*l.Banners, m); return nil }
	}
	return gossh.Dial("tcp", addr, cfg)
}

// Terminal is a participant's SSH session with a PTY, read into an
// emulated screen.
type Terminal struct {
	Client *gossh.Client
	sess   *gossh.Session
	in     io.WriteCloser
	scr    *screen
	closed chan struct{} // the server closed the session
	raw    *Buffer       // everything the server wrote
	// Think, when set, is how long the participant reads a question
	// after it shows, before pressing the answer: benchmarks use it to
	// pace participants like people. Tests leave it nil.
	Think func() time.Duration
}

// Buffer is a bytes.Buffer that may be written and read at once: a
// terminal's raw output, or a server's log that a test reads while
// sessions write to it.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *Buffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *Buffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Open connects, authenticates and starts a terminal session of 80×24
// with TERM=xterm-256color and the given environment.
func Open(addr string, l Login, env map[string]string) (*Terminal, error) {
	return OpenSize(addr, l, env, 80, 24)
}

// OpenSize is Open with a chosen terminal size.
func OpenSize(addr string, l Login, env map[string]string, w, h int) (*Terminal, error) {
	return OpenClaiming(addr, l, env, w, h, w, h)
}

// OpenClaiming asks the server for a PTY of claimW×claimH while the
// emulated screen is w×h: a client that lies about its size, as an
// attacker asking for a 5000×5000 window would, without the test
// allocating that screen itself.
func OpenClaiming(addr string, l Login, env map[string]string, claimW, claimH, w, h int) (*Terminal, error) {
	c, err := Dial(addr, l)
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*Terminal, error) {
		_ = c.Close()
		return nil, err
	}
	sess, err := c.NewSession()
	if err != nil {
		return fail(err)
	}
	for k, v := range env {
		if err := sess.Setenv(k, v); err != nil {
			return fail(err)
		}
	}
	if err := sess.RequestPty("xterm-256color", claimH, claimW, gossh.TerminalModes{}); err != nil {
		return fail(err)
	}
	in, err := sess.StdinPipe()
	if err != nil {
		return fail(err)
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		return fail(err)
	}
	if err := sess.Shell(); err != nil {
		return fail(err)
	}
	t := &Terminal{Client: c, sess: sess, in: in, scr: newScreen(w, h), closed: make(chan struct{}), raw: &Buffer{}}
	go func() {
		_, _ = io.Copy(io.MultiWriter(t.scr, t.raw), out)
		close(t.closed)
	}()
	return t, nil
}

// Send types keys.
func (t *Terminal) Send(keys string) error {
	_, err := io.WriteString(t.in, keys)
	return err
}

// Resize tells the server the window changed.
func (t *Terminal) Resize(w, h int) error {
	t.scr.resize(w, h)
	return t.sess.WindowChange(h, w)
}

// ClaimResize tells the server the window is claimW×claimH while the
// emulated screen stays as it is.
func (t *Terminal) ClaimResize(claimW, claimH int) error {
	return t.sess.WindowChange(claimH, claimW)
}

// Close drops the connection, as a closed laptop lid would.
func (t *Terminal) Close() { _ = t.Client.Close() }

// Screen is the text on screen now.
func (t *Terminal) Screen() string { return t.scr.Text() }

// Output is everything the server wrote, escape sequences included.
func (t *Terminal) Output() string { return t.raw.String() }

// ErrClosed is wrapped by waits that end because the server closed the
// session.
var ErrClosed = errors.New("session closed")

// WaitFor waits until the screen satisfies ok, and returns its text.
func (t *Terminal) WaitFor(what string, ok func(string) bool, timeout time.Duration) (string, error) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		text, changed := t.scr.snapshot()
		if ok(text) {
			return text, nil
		}
		select {
		case <-changed:
		case <-t.closed:
			if text := t.scr.Text(); ok(text) {
				return text, nil
			}
			return "", fmt.Errorf("%w while waiting for %s; screen:\n%s", ErrClosed, what, t.scr.Text())
		case <-deadline.C:
			return "", fmt.Errorf("timed out after %v waiting for %s; screen:\n%s", timeout, what, t.scr.Text())
		}
	}
}

// WaitText waits until the screen shows s.
func (t *Terminal) WaitText(s string, timeout time.Duration) (string, error) {
	return t.WaitFor(fmt.Sprintf("%q", s), func(text string) bool { return strings.Contains(text, s) }, timeout)
}

// WaitClosed waits for the server to end the session.
func (t *Terminal) WaitClosed(timeout time.Duration) error {
	select {
	case <-t.closed:
		return nil
	case <-time.After(timeout):
		return fmt.Errorf("session still open after %v; screen:\n%s", timeout, t.scr.Text())
	}
}

// Run runs a command (or, with cmd "", a shell) and returns stdout,
// stderr and the exit status.
func Run(addr string, l Login, cmd string, pty bool) (stdout, stderr string, code int, err error) {
	c, err := Dial(addr, l)
	if err != nil {
		return "", "", 0, err
	}
	defer c.Close()
	sess, err := c.NewSession()
	if err != nil {
		return "", "", 0, err
	}
	var o, e bytes.Buffer
	sess.Stdout, sess.Stderr = &o, &e
	if pty {
		if err := sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err != nil {
			return "", "", 0, err
		}
	}
	if cmd == "" {
		err = sess.Shell()
		if err == nil {
			err = sess.Wait()
		}
	} else {
		err = sess.Run(cmd)
	}
	var ee *gossh.ExitError
	if errors.As(err, &ee) {
		return o.String(), e.String(), ee.ExitStatus(), nil
	}
	return o.String(), e.String(), 0, err
}
