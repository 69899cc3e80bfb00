package server

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"

	"github.com/tangping-dev/tangping/internal/sshsim"
	"github.com/tangping-dev/tangping/internal/testkit"
)

func TestWrongCodeIsRefusedRightCodeIsNot(t *testing.T) {
	t.Parallel()
	// Which codes pass is checked here, not how long a wrong one waits
	// (TestWrongCodesCheckedStayWithinThePace): a short pace keeps the
	// suite fast.
	s := startServer(t, Config{Limits: quickWrongCodes})
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

func TestRefusesWhatIsNotTheQuestionnaire(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data")
	s := startServer(t, Config{Dir: dir, Code: "ZHIBU2026"})
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
	again, err := Open(Config{Dir: dir, Listen: "127.0.0.1:0", Session: "test", Bank: testkit.DefaultBank(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Shutdown(t.Context())
	if again.HostKeyFingerprint() != fp {
		t.Errorf("host key changed across restarts: %s then %s", fp, again.HostKeyFingerprint())
	}
	if again.Code() != "ZHIBU2026" {
		t.Errorf("session code after restart = %q, want the stored ZHIBU2026", again.Code())
	}
	other, err := Open(Config{Dir: filepath.Join(t.TempDir(), "d2"), Listen: "127.0.0.1:0", Session: "new", Bank: testkit.DefaultBank(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Shutdown(t.Context())
	if c := other.Code(); len(c) != SessionCodeLen || strings.Trim(c, codeAlphabet) != "" {
		t.Errorf("generated session code %q is not %d characters of %s", c, SessionCodeLen, codeAlphabet)
	}
}
