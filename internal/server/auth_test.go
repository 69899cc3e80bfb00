package server

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"

	"github.com/tangping-dev/tangping/internal/sshsim"
)

// clock is a settable time source for the rate limiter.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestWrongCodeIsRefusedRightCodeIsNot(t *testing.T) {
	s := startServer(t, Config{})
	addr := s.Addr().String()
	var asked []string
	if c, err := sshsim.Dial(addr, sshsim.Login{Code: "654321", Asked: &asked}); err == nil {
		c.Close()
		t.Fatal("a wrong session code was accepted")
	}
	if len(asked) != 1 || !strings.Contains(asked[0], "会议码") {
		t.Errorf("prompts = %q, want only the session code question", asked)
	}
	asked = nil
	c, err := sshsim.Dial(addr, sshsim.Login{Code: testCode, Asked: &asked})
	if err != nil {
		t.Fatalf("the right code was refused: %v", err)
	}
	c.Close()
	if len(asked) != 2 || !strings.Contains(asked[1], "续答码") {
		t.Errorf("prompts = %q, want the session code, then the resume code question", asked)
	}
	// Spaces around a code typed by hand do not matter.
	c, err = sshsim.Dial(addr, sshsim.Login{Code: " " + testCode + " "})
	if err != nil {
		t.Fatalf("the right code with spaces was refused: %v", err)
	}
	c.Close()
	if _, err := sshsim.Dial(addr, sshsim.Login{Code: testCode, Resume: "ZZZZZZ"}); err == nil {
		t.Error("an unknown resume code was accepted")
	}
	// A person who mistypes gets told why with the next question, on the
	// same connection.
	asked = nil
	tries := 0
	cfg := &gossh.ClientConfig{User: "p", HostKeyCallback: gossh.InsecureIgnoreHostKey(), Auth: []gossh.AuthMethod{
		gossh.RetryableAuthMethod(gossh.KeyboardInteractive(func(_, _ string, qs []string, _ []bool) ([]string, error) {
			asked = append(asked, qs...)
			tries++
			if tries == 1 {
				return []string{"12345"}, nil
			}
			return make([]string, len(qs)), nil // then the code, left empty
		}), 2),
	}}
	if c, err := gossh.Dial("tcp", addr, cfg); err == nil {
		c.Close()
		t.Fatal("accepted without a code")
	}
	if len(asked) < 2 || !strings.Contains(asked[1], "会议码不正确") || !strings.Contains(asked[1], "会议码 Session code") {
		t.Errorf("prompts after a wrong code = %q, want the reason before the question", asked)
	}
}

func TestWrongCodesAreRateLimitedPerAddress(t *testing.T) {
	clk := &clock{t: time.Date(2026, 5, 14, 9, 0, 0, 0, time.UTC)}
	s := startServer(t, Config{Now: clk.Now})
	addr := s.Addr().String()
	for i := range defaultAuthBurst {
		if c, err := sshsim.Dial(addr, sshsim.Login{Code: "000000"}); err == nil {
			c.Close()
			t.Fatalf("wrong code %d accepted", i)
		}
	}
	var banners []string
	rightCode := func() (*gossh.Client, error) {
		return sshsim.Dial(addr, sshsim.Login{Code: testCode, Banners: &banners})
	}
	if c, err := rightCode(); err == nil {
		c.Close()
		t.Fatal("after the burst of wrong codes, even the right code must wait")
	}
	if got := strings.Join(banners, ""); !strings.Contains(got, "错误次数过多") || !strings.Contains(got, "Too many wrong codes") {
		t.Errorf("banner = %q, want the rate-limit message in Chinese and English", got)
	}
	clk.Add(defaultAuthRefill)
	c, err := rightCode()
	if err != nil {
		t.Fatalf("after waiting one refill the right code was refused: %v", err)
	}
	c.Close()
}

func TestLimiterRefillsAndForgetsFullBuckets(t *testing.T) {
	clk := &clock{t: time.Unix(0, 0)}
	l := newLimiter(3, 10*time.Second, clk.Now)
	for range 3 {
		if d := l.wait("a"); d != 0 {
			t.Fatalf("wait before the burst is spent = %v", d)
		}
		l.fail("a")
	}
	if d := l.wait("a"); d != 10*time.Second {
		t.Fatalf("wait after 3 failures = %v, want 10s", d)
	}
	if d := l.wait("b"); d != 0 {
		t.Fatalf("another address waits %v", d)
	}
	clk.Add(4 * time.Second)
	if d := l.wait("a"); d != 6*time.Second {
		t.Fatalf("wait 4s later = %v, want 6s", d)
	}
	clk.Add(26 * time.Second)
	if d := l.wait("a"); d != 0 {
		t.Fatalf("wait after a full refill = %v", d)
	}
	if len(l.buckets) != 0 {
		t.Errorf("a full bucket is still kept: %v", l.buckets)
	}
}

func TestRefusesWhatIsNotTheQuestionnaire(t *testing.T) {
	s := startServer(t, Config{})
	addr := s.Addr().String()
	ok := sshsim.Login{Code: testCode}

	_, stderr, code, err := sshsim.Run(addr, ok, "", false)
	if err != nil {
		t.Fatal(err)
	}
	if code != 1 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 ||
		!strings.Contains(stderr, "需要交互式终端") || !strings.Contains(stderr, "ssh -t") {
		t.Errorf("no PTY: exit %d, stderr %q; want exit 1 and one line asking for ssh -t", code, stderr)
	}
	_, stderr, code, err = sshsim.Run(addr, ok, "cat /etc/passwd", true)
	if err != nil {
		t.Fatal(err)
	}
	if code != 1 || !strings.Contains(stderr, "不执行命令") {
		t.Errorf("exec: exit %d, stderr %q", code, stderr)
	}

	c, err := sshsim.Dial(addr, ok)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if conn, err := c.Dial("tcp", addr); err == nil {
		conn.Close()
		t.Error("local port forwarding was allowed")
	}
	if ln, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		ln.Close()
		t.Error("remote port forwarding was allowed")
	}
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	if err := agent.RequestAgentForwarding(sess); err == nil {
		t.Error("agent forwarding was accepted")
	}
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Error("the sftp subsystem was accepted")
	}
}

func TestDataDirAndHostKeyArePrivateAndKept(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	s := startServer(t, Config{Dir: dir, Code: "4321"})
	fp := s.HostKeyFingerprint()
	for name, want := range map[string]os.FileMode{"": 0o700, HostKeyFile: 0o600, DBFile: 0o600} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s mode %o, want %o", filepath.Join(dir, name), fi.Mode().Perm(), want)
		}
	}
	// The same directory again, without --code: same host key, and the
	// session keeps its code so reconnecting participants need no new one.
	again, err := Open(Config{Dir: dir, Listen: "127.0.0.1:0", Session: "test", Bank: defaultBank(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Shutdown(t.Context())
	if again.HostKeyFingerprint() != fp {
		t.Errorf("host key changed across restarts: %s then %s", fp, again.HostKeyFingerprint())
	}
	if again.Code() != "4321" {
		t.Errorf("session code after restart = %q, want the stored 4321", again.Code())
	}
	other, err := Open(Config{Dir: filepath.Join(t.TempDir(), "d2"), Listen: "127.0.0.1:0", Session: "new", Bank: defaultBank(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Shutdown(t.Context())
	if c := other.Code(); len(c) != 6 || strings.Trim(c, "0123456789") != "" {
		t.Errorf("generated session code %q is not 6 digits", c)
	}
}
