package server

import (
	"net"
	"slices"
	"sync"
	"testing"
	"time"
)

// fakeConn is a connection from a given address that records its closing.
type fakeConn struct {
	net.Conn
	from   net.Addr
	mu     sync.Mutex
	closed bool
	at     time.Time // when it was first closed
}

func (f *fakeConn) RemoteAddr() net.Addr { return f.from }
func (f *fakeConn) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.closed {
		f.closed, f.at = true, time.Now()
	}
	return nil
}
func (f *fakeConn) isClosed() bool { f.mu.Lock(); defer f.mu.Unlock(); return f.closed }

// closedWithin waits up to d for the gate to close f and returns when it
// did (zero if it did not).
func (f *fakeConn) closedWithin(d time.Duration) time.Time {
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
		if f.isClosed() {
			break
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.at
}

func from(ip string) *fakeConn {
	return &fakeConn{from: &net.TCPAddr{IP: net.ParseIP(ip), Port: 40000}}
}

func TestGateEvictsTheOldestHandshakeNotTheNewcomer(t *testing.T) {
	t.Parallel()
	g := newGate(Limits{HandshakePerAddr: 3, HandshakeTotal: 5, LoginPerAddr: 2, LoginTotal: 3}.withDefaults(), 10)
	var a []*fakeConn
	for range 4 {
		c := from("10.0.0.1")
		a = append(a, c)
		if g.accept(c) == nil {
			t.Fatal("refused")
		}
	}
	// The fourth from 10.0.0.1 closed the first.
	if !a[0].isClosed() || a[1].isClosed() || a[3].isClosed() {
		t.Errorf("closed = %v %v %v %v, want only the oldest", a[0].isClosed(), a[1].isClosed(), a[2].isClosed(), a[3].isClosed())
	}
	b1, b2, c1 := from("10.0.0.2"), from("10.0.0.2"), from("10.0.0.3")
	g.accept(b1)
	g.accept(b2)
	// Total 5 reached: a newcomer from a third address closes the oldest
	// handshake of the busiest address (10.0.0.1), not 10.0.0.2's.
	g.accept(c1)
	if !a[1].isClosed() || b1.isClosed() || b2.isClosed() {
		t.Errorf("at the total cap: a[1] closed %v, b1 %v, b2 %v; want the busiest address's oldest", a[1].isClosed(), b1.isClosed(), b2.isClosed())
	}
	if h, _, _ := g.counts(); h != 5 {
		t.Errorf("%d handshakes counted, want 5", h)
	}
	if g.evicted.Load() != 2 {
		t.Errorf("evicted = %d, want 2", g.evicted.Load())
	}
}

func TestGateLoginCapsRefuseAndGiveBackPlaces(t *testing.T) {
	t.Parallel()
	g := newGate(Limits{LoginPerAddr: 2, LoginTotal: 3}.withDefaults(), 1)
	var cs []*conn
	for _, ip := range []string{"10.0.0.1", "10.0.0.1", "10.0.0.1", "10.0.0.2", "10.0.0.3"} {
		cs = append(cs, g.accept(from(ip)))
	}
	got := []bool{}
	for _, c := range cs {
		got = append(got, g.keyExchanged(c))
	}
	// Two from 10.0.0.1, then its third is refused; 10.0.0.2 fits; the
	// total of 3 refuses 10.0.0.3.
	if want := []bool{true, true, false, true, false}; !slices.Equal(got, want) {
		t.Fatalf("admitted to login = %v, want %v", got, want)
	}
	if g.refused.Load() != 2 {
		t.Errorf("refused = %d, want 2", g.refused.Load())
	}
	// Logged in: the place in login is given back, and the one place for
	// logged-in connections is taken.
	if !g.loggedIn(cs[0]) || g.loggedIn(cs[1]) {
		t.Error("want the first logged in and the second refused (room for 1)")
	}
	_ = cs[0].Close()
	if h, l, in := g.counts(); h != 0 || l != 1 || in != 0 {
		t.Errorf("counts after closing = %d %d %d, want 0 1 0", h, l, in)
	}
	_ = cs[3].Close()
	if _, l, _ := g.counts(); l != 0 {
		t.Errorf("login count %d after every login closed", l)
	}
}

func TestGateClosesAHandshakeThatTakesTooLong(t *testing.T) {
	const silence, handshake = 50 * time.Millisecond, 400 * time.Millisecond
	g := newGate(Limits{Silent: silence, Handshake: handshake}.withDefaults(), 1)
	silent, talking, quick := from("10.0.0.1"), from("10.0.0.1"), from("10.0.0.1")
	start := time.Now()
	g.accept(silent)
	g.accept(talking).spoke.Store(true)
	qc := g.accept(quick)
	qc.spoke.Store(true)
	g.keyExchanged(qc)
	// Each is closed at its limit, never before it; a loaded machine may
	// close it later, so only the lower bound is exact.
	for _, c := range []struct {
		name  string
		conn  *fakeConn
		limit time.Duration
	}{{"the silent one", silent, silence}, {"the one still in the key exchange", talking, handshake}} {
		at := c.conn.closedWithin(5 * time.Second)
		switch {
		case at.IsZero():
			t.Errorf("%s was never closed (limit %v)", c.name, c.limit)
		case at.Sub(start) < c.limit:
			t.Errorf("%s was closed after %v, before its limit of %v", c.name, at.Sub(start), c.limit)
		}
	}
	time.Sleep(100 * time.Millisecond)
	if quick.isClosed() {
		t.Error("the one that finished its key exchange was closed")
	}
}

// TestGateNeverCutsAHandshakeInProgressShort: at the cap, clients that
// have spoken and are exchanging keys (a room connecting at once) are
// not closed for a newcomer until they have taken longer than Stalled;
// the newcomer is refused instead.
func TestGateNeverCutsAHandshakeInProgressShort(t *testing.T) {
	g := newGate(Limits{HandshakePerAddr: 2, HandshakeTotal: 10, Stalled: 100 * time.Millisecond}.withDefaults(), 1)
	a, b := from("10.0.0.1"), from("10.0.0.1")
	g.accept(a).spoke.Store(true)
	g.accept(b).spoke.Store(true)
	if g.accept(from("10.0.0.1")) != nil || a.isClosed() || b.isClosed() {
		t.Fatal("a newcomer closed a handshake in progress")
	}
	if g.refused.Load() != 1 {
		t.Errorf("refused = %d, want 1", g.refused.Load())
	}
	time.Sleep(150 * time.Millisecond)
	if g.accept(from("10.0.0.1")) == nil || !a.isClosed() || b.isClosed() {
		t.Error("after Stalled the oldest handshake should make room")
	}
}

func TestAddrKeyGroupsIPv6By64(t *testing.T) {
	t.Parallel()
	for ip, want := range map[string]string{
		"192.0.2.7":                "192.0.2.7",
		"::ffff:192.0.2.7":         "192.0.2.7",
		"2001:db8:1:2:aaaa::1":     "2001:db8:1:2::/64",
		"2001:db8:1:2:bbbb:cc::99": "2001:db8:1:2::/64",
	} {
		if got := addrKey(&net.TCPAddr{IP: net.ParseIP(ip)}); got != want {
			t.Errorf("addrKey(%s) = %s, want %s", ip, got, want)
		}
	}
}

// TestPacerBoundsTheRateAndTakesAddressesInTurn: wrong answers over the
// whole server come no faster than the burst and then one per interval,
// and an address with one typo is answered before the tenth guess of an
// address that queued first.
func TestPacerBoundsTheRateAndTakesAddressesInTurn(t *testing.T) {
	const every = 40 * time.Millisecond
	p := newPacer(every, 2)
	var mu sync.Mutex
	var order []string
	var wg sync.WaitGroup
	start := time.Now()
	for i := range 10 {
		wg.Go(func() { p.wait("guesser", nil); mu.Lock(); order = append(order, "g"); mu.Unlock() })
		if i == 0 {
			time.Sleep(5 * time.Millisecond)
		}
	}
	time.Sleep(5 * time.Millisecond)
	wg.Go(func() { p.wait("typo", nil); mu.Lock(); order = append(order, "t"); mu.Unlock() })
	wg.Wait()
	el := time.Since(start)
	// 11 answers with a burst of 2: at least 9 intervals.
	if el < 9*every-every/2 {
		t.Errorf("11 answers in %v; the pace allows no fewer than %v", el, 9*every)
	}
	if i := slices.Index(order, "t"); i < 0 || i > 4 {
		t.Errorf("the typo was answered %dth of %d: %v", i+1, len(order), order)
	}
}
