package server

import (
	"context"
	"errors"
	"net"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	gossh "golang.org/x/crypto/ssh"

	"github.com/tangping-dev/tangping/internal/sshsim"
)

// The attacks of a mischievous participant, each against a real server on
// loopback with a real SSH client, bounded in count and time. Each checks
// that the server keeps serving others within a second.

// sizeSpy records the window sizes a participant's model is given.
type sizeSpy struct {
	tea.Model
	mu    *sync.Mutex
	sizes *[]tea.WindowSizeMsg
}

func (s *sizeSpy) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m, ok := msg.(tea.WindowSizeMsg); ok {
		s.mu.Lock()
		*s.sizes = append(*s.sizes, m)
		s.mu.Unlock()
	}
	var cmd tea.Cmd
	s.Model, cmd = s.Model.Update(msg)
	return s, cmd
}

// welcomeWithin opens a normal 80×24 participant and fails unless the
// welcome screen shows within d of starting to connect.
func welcomeWithin(t *testing.T, addr string, d time.Duration, dial func() (*sshsim.Terminal, error)) {
	t.Helper()
	start := time.Now()
	term, err := dial()
	if err != nil {
		t.Fatalf("a participant could not join: %v", err)
	}
	defer term.Close()
	if _, err := term.WaitText("续答码", d); err != nil {
		t.Fatalf("a participant's welcome screen: %v", err)
	}
	if el := time.Since(start); el > d {
		t.Errorf("a participant waited %v for the welcome screen, want under %v", el, d)
	}
}

func normalParticipant(addr string) func() (*sshsim.Terminal, error) {
	return func() (*sshsim.Terminal, error) { return sshsim.Open(addr, sshsim.Login{Code: testCode}, nil) }
}

// TestHugeWindowIsClampedAndOthersAreServed: a client asking for a
// 5000×5000 window (it took 3.2 GB and 24 s before the first screen) gets
// a screen drawn for the clamped size, at once, and so does every resize.
func TestHugeWindowIsClampedAndOthersAreServed(t *testing.T) {
	var mu sync.Mutex
	var sizes []tea.WindowSizeMsg
	s := startServer(t, Config{NewModel: func(p ModelParams) tea.Model {
		return &sizeSpy{Model: questionnaire(p), mu: &mu, sizes: &sizes}
	}})
	addr := s.Addr().String()
	const capW, capH = MaxWindowWidth, MaxWindowHeight
	huge, err := sshsim.OpenClaiming(addr, sshsim.Login{Code: testCode}, nil, 5000, 5000, capW, capH)
	if err != nil {
		t.Fatal(err)
	}
	defer huge.Close()
	if _, err := huge.WaitText("续答码", 5*time.Second); err != nil {
		t.Fatalf("the 5000×5000 client: %v", err)
	}
	welcomeWithin(t, addr, time.Second, normalParticipant(addr))
	seen := func() int { mu.Lock(); defer mu.Unlock(); return len(sizes) }
	before := seen()
	if err := huge.ClaimResize(100000, 100000); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for seen() == before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(sizes) == before {
		t.Fatal("the resize never reached the questionnaire")
	}
	for _, m := range sizes {
		if m.Width > capW || m.Height > capH || m.Width < 1 || m.Height < 1 {
			t.Errorf("the questionnaire was given a %d×%d window; want at most %d×%d", m.Width, m.Height, capW, capH)
		}
	}
}

// TestWrongCodesNeverShutOutTheRightOne: someone at the same address
// trying wrong codes as fast as the server answers (a classroom behind one
// NAT shares the address) never keeps a participant with the right code
// out, nor slows their login.
func TestWrongCodesNeverShutOutTheRightOne(t *testing.T) {
	// Wrong codes answered after 1 s rather than 2: a right code that
	// waited behind even one of them would still take over the 1 s
	// allowed below.
	s := startServer(t, Config{Limits: Limits{WrongDelay: time.Second}})
	addr := s.Addr().String()
	stop := make(chan struct{})
	var wrong atomic.Int64
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				c, err := sshsim.Dial(addr, sshsim.Login{Code: "WRONGCODE9"})
				if err == nil {
					c.Close()
					t.Error("a wrong code was accepted")
					return
				}
				wrong.Add(1)
			}
		})
	}
	defer func() { close(stop); wg.Wait() }()
	deadline := time.Now().Add(30 * time.Second)
	for wrong.Load() < 16 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if wrong.Load() < 16 {
		t.Fatalf("only %d wrong codes answered in 30 s", wrong.Load())
	}
	for i := range 5 {
		start := time.Now()
		c, err := sshsim.Dial(addr, sshsim.Login{Code: testCode})
		if err != nil {
			t.Fatalf("right code %d, after %d wrong ones from the same address: %v", i+1, wrong.Load(), err)
		}
		c.Close()
		if el := time.Since(start); el > time.Second {
			t.Errorf("right code %d took %v to log in, want under 1 s", i+1, el)
		}
	}
}

// TestIdleConnectionsDoNotShutOthersOut: 620 TCP connections that never
// start SSH (they kept everyone out for 180 s) do not keep a participant
// from the same address out for more than a second.
func TestIdleConnectionsDoNotShutOthersOut(t *testing.T) {
	s := startServer(t, Config{})
	addr := s.Addr().String()
	var idle []net.Conn
	defer func() {
		for _, c := range idle {
			c.Close()
		}
	}()
	for range 620 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		idle = append(idle, c)
	}
	time.Sleep(200 * time.Millisecond) // the server has accepted them
	welcomeWithin(t, addr, time.Second, normalParticipant(addr))
}

// TestCodesAreNotEchoed: the session and resume codes are asked with
// echo off, so nobody reads them off a neighbour's screen.
func TestCodesAreNotEchoed(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	var echoed []bool
	c, err := sshsim.Dial(s.Addr().String(), sshsim.Login{Code: testCode, Echoed: &echoed})
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	if len(echoed) != 2 {
		t.Fatalf("asked %d questions, want the session code and the resume code", len(echoed))
	}
	for i, e := range echoed {
		if e {
			t.Errorf("question %d is echoed", i+1)
		}
	}
}

// TestNamesLoseInvisibleControls: a name typed with a right-to-left
// override (it reorders what the trainer's reports show) or other
// invisible format characters is kept without them.
func TestNamesLoseInvisibleControls(t *testing.T) {
	t.Parallel()
	// A session that keeps names (--collect-names) asks for one.
	s := startServer(t, Config{CollectNames: true})
	term := open(t, s, sshsim.Login{Code: testCode}, nil)
	code, err := term.Welcome()
	if err != nil {
		t.Fatal(err)
	}
	if err := term.Send("\r"); err != nil {
		t.Fatal(err)
	}
	if _, err := term.WaitText("关于您", sshsim.Timeout); err != nil {
		t.Fatal(err)
	}
	// name, unit, role, then "start".
	if err := term.Send("张\u202e三\u200b\r办\u2066公室\u2069\r\u200f科员\ufeff\r\r"); err != nil {
		t.Fatal(err)
	}
	// Progress is first kept with the first answer.
	if _, err := term.Answer(sshsim.RandomPlan(len(s.cfg.Bank.Items), 1), 1, 1); err != nil {
		t.Fatal(err)
	}
	var got [3]string
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if p := participantByCode(t, s, code); p.Progress != nil {
			r := p.Progress.Respondent
			got = [3]string{r.Name, r.Unit, r.Role}
			if got[0] != "" {
				break
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	if got != [3]string{"张三", "办公室", "科员"} {
		t.Errorf("respondent stored as %q, want the text without its invisible controls", got)
	}
}

// dialFrom connects from a chosen loopback address (Linux routes all of
// 127.0.0.0/8 to the loopback interface): another computer in the room.
func dialFrom(local, addr string, cfg *gossh.ClientConfig) (*gossh.Client, error) {
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}, Timeout: 10 * time.Second}
	nc, err := d.DialContext(context.Background(), "tcp", addr)
	if err != nil {
		return nil, err
	}
	c, chans, reqs, err := gossh.NewClientConn(nc, addr, cfg)
	if err != nil {
		nc.Close()
		return nil, err
	}
	return gossh.NewClient(c, chans, reqs), nil
}

// answering is a client that answers the session code question with
// answer(), recording banners.
func answering(answer func() string, banners *[]string) *gossh.ClientConfig {
	var mu sync.Mutex
	return &gossh.ClientConfig{User: "p", HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second,
		BannerCallback: func(m string) error { mu.Lock(); *banners = append(*banners, m); mu.Unlock(); return nil },
		Auth: []gossh.AuthMethod{gossh.KeyboardInteractive(func(_, _ string, qs []string, _ []bool) ([]string, error) {
			ans := make([]string, len(qs))
			for i, q := range qs {
				if strings.Contains(q, "Session code") {
					ans[i] = answer()
				}
			}
			return ans, nil
		})}}
}

// TestOneAddressHoldingLoginsLeavesOthersIn: connections from one address
// sitting at the code question (or waiting for the answer to a wrong
// code) take at most that address's places; the next from it is told
// why, and another address logs in at once.
func TestOneAddressHoldingLoginsLeavesOthersIn(t *testing.T) {
	// The four hold their places by not answering; their wrong codes,
	// once given, need not be answered at the real pace.
	lim := quickWrongCodes
	lim.LoginPerAddr = 4
	s := startServer(t, Config{Limits: lim})
	addr := s.Addr().String()
	release := make(chan struct{})
	asked := make(chan struct{}, 4)
	var wg sync.WaitGroup
	defer func() { close(release); wg.Wait() }()
	for range 4 {
		wg.Go(func() {
			var b []string
			c, err := dialFrom("127.0.0.2", addr, answering(func() string { asked <- struct{}{}; <-release; return "WRONG" }, &b))
			if err == nil {
				c.Close()
			}
		})
	}
	for range 4 {
		select {
		case <-asked:
		case <-time.After(10 * time.Second):
			t.Fatal("the holding connections were never asked for the code")
		}
	}
	var banners []string
	c, err := dialFrom("127.0.0.2", addr, answering(func() string { return testCode }, &banners))
	if err == nil {
		c.Close()
		t.Fatal("a fifth login from the same address was let in past its cap of 4")
	}
	if got := strings.Join(banners, ""); !strings.Contains(got, "正在登录的连接太多") || !strings.Contains(got, "Too many connections") {
		t.Errorf("refused with banner %q, want the reason in Chinese and English", got)
	}
	welcomeWithin(t, addr, time.Second, normalParticipant(addr))
	if g := s.Guessing(); g.Refused != 1 {
		t.Errorf("Guessing().Refused = %d, want 1", g.Refused)
	}
}

// TestDashboardDataNamesTheGuessingAddress: wrong codes are counted by
// address for the trainer's screen.
func TestDashboardDataNamesTheGuessingAddress(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{Limits: Limits{WrongDelay: time.Millisecond, WrongEvery: time.Millisecond}})
	addr := s.Addr().String()
	for range 3 {
		var b []string
		if c, err := dialFrom("127.0.0.3", addr, answering(func() string { return "NOTTHECODE" }, &b)); err == nil {
			c.Close()
			t.Fatal("a wrong code was accepted")
		}
	}
	var b []string
	if c, err := dialFrom("127.0.0.4", addr, answering(func() string { return "NOPE" }, &b)); err == nil {
		c.Close()
	}
	g := s.Guessing()
	want := []AddrCount{{"127.0.0.3", 3}, {"127.0.0.4", 1}}
	if g.Wrong != 4 || !slices.Equal(g.Recent, want) {
		t.Errorf("Guessing() = %+v, want 4 wrong, recent %v", g, want)
	}
}

// TestARoomConnectingAtOnceAmongIdleConnections: 40 participants of one
// address connect at the same moment while 300 idle TCP connections from
// that address fill its handshake places (64 here): the idle ones make
// room, and every participant logs in.
func TestARoomConnectingAtOnceAmongIdleConnections(t *testing.T) {
	s := startServer(t, Config{Limits: Limits{HandshakePerAddr: 64}})
	addr := s.Addr().String()
	var idle []net.Conn
	defer func() {
		for _, c := range idle {
			c.Close()
		}
	}()
	for range 300 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		idle = append(idle, c)
	}
	time.Sleep(200 * time.Millisecond)
	errs := make([]error, 40)
	var wg sync.WaitGroup
	for i := range errs {
		wg.Go(func() {
			c, err := sshsim.Dial(addr, sshsim.Login{Code: testCode})
			if err == nil {
				c.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("participant %d: %v", i, err)
		}
	}
}

// TestChannelAndEnvFloodsAreBounded: a participant who knows the code
// opens session channels and sends environment variables in a loop on
// one connection. Each channel held about 2 MB of unread input and every
// env request was kept (300 requests of 100 KB added 30 MB, without end),
// so one client could run the trainer's laptop out of memory. Now a
// connection has at most MaxChannelsPerConn session channels and a
// channel keeps at most maxEnv small locale variables; the rest are
// refused, and others are still served.
func TestChannelAndEnvFloodsAreBounded(t *testing.T) {
	s := startServer(t, Config{})
	addr := s.Addr().String()
	var banners []string
	c, err := dialFrom("127.0.0.9", addr, answering(func() string { return testCode }, &banners))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	opened := 0
	var first gossh.Channel
	for range 50 {
		ch, _, err := c.OpenChannel("session", nil)
		if err != nil {
			var oc *gossh.OpenChannelError
			if !errors.As(err, &oc) || oc.Reason != gossh.ResourceShortage {
				t.Fatalf("channel refused with %v, want a resource shortage", err)
			}
			continue
		}
		if first == nil {
			first = ch
		}
		opened++
	}
	if opened > MaxChannelsPerConn {
		t.Errorf("one connection opened %d session channels, want at most %d", opened, MaxChannelsPerConn)
	}
	big := strings.Repeat("x", 100_000)
	kept := 0
	for i := range 200 {
		kv := struct{ K, V string }{"LANG", "en_US.UTF-8"}
		if i%2 == 1 {
			kv = struct{ K, V string }{"LC_ALL", big}
		}
		ok, err := first.SendRequest("env", true, gossh.Marshal(kv))
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			kept++
		}
	}
	if kept > maxEnv {
		t.Errorf("one channel kept %d env requests (half of them 100 KB), want at most %d", kept, maxEnv)
	}
	if kept == 0 {
		t.Error("a channel kept no LANG at all: the language choice over SSH is lost")
	}
	welcomeWithin(t, addr, time.Second, normalParticipant(addr))
}

// TestWrongCodesCheckedStayWithinThePace: a right code is answered at
// once, so a guesser need not wait for a wrong one's answer: closing the
// connection 50 ms after answering tells them it was wrong. The SSH
// library closes the connection when the client goes, and that gave the
// login place back at once, while the answer was still due: measured 35
// wrong codes checked a second against a documented 2 (after a burst),
// and the pacer's queue of answers due grew without end. The place is now
// held until the answer's time, so the codes checked stay within
// burst + pace × time + login places, and a participant from another
// address still logs in.
func TestWrongCodesCheckedStayWithinThePace(t *testing.T) {
	lim := DefaultLimits
	lim.LoginPerAddr, lim.LoginTotal, lim.WrongBurst = 4, 8, 2
	s := startServer(t, Config{Limits: lim})
	addr := s.Addr().String()
	const span = 1500 * time.Millisecond
	deadline := time.Now().Add(span)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for time.Now().Before(deadline) {
				d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.7")}, Timeout: 5 * time.Second}
				nc, err := d.DialContext(context.Background(), "tcp", addr)
				if err != nil {
					continue
				}
				_ = nc.SetDeadline(time.Now().Add(time.Second))
				cfg := &gossh.ClientConfig{User: "p", HostKeyCallback: gossh.InsecureIgnoreHostKey(),
					Auth: []gossh.AuthMethod{gossh.KeyboardInteractive(func(_, _ string, qs []string, _ []bool) ([]string, error) {
						time.AfterFunc(50*time.Millisecond, func() { _ = nc.Close() })
						ans := make([]string, len(qs))
						for i := range ans {
							ans[i] = "WRONG234"
						}
						return ans, nil
					})}}
				if c, _, _, err := gossh.NewClientConn(nc, addr, cfg); err == nil {
					_ = c.Close()
				}
				_ = nc.Close()
			}
		})
	}
	wg.Wait()
	checked := s.Guessing().Wrong
	// burst + one per WrongEvery over the span (and one more for the
	// edges) + the address's login places.
	most := lim.WrongBurst + int(span/lim.WrongEvery) + 1 + lim.LoginPerAddr
	if checked > most {
		t.Errorf("%d wrong codes checked in %v, want at most %d", checked, span, most)
	}
	welcomeWithin(t, addr, time.Second, normalParticipant(addr))
}
