package server

import (
	"net"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Limits are the numbers that keep one participant from taking the
// server down; docs/security.md lists each with its reason. The zero
// value of a field means its default.
type Limits struct {
	// Silent is how long a new connection may stay silent: a real client
	// sends its SSH version at once, an idle TCP connection never does.
	Silent time.Duration
	// Handshake is how long a connection may take from TCP connect to the
	// end of the SSH key exchange; a real client needs milliseconds, a
	// loaded laptop with a room connecting at once a few seconds.
	Handshake time.Duration
	// HandshakePerAddr and HandshakeTotal bound connections still in the
	// key exchange, per address and in all. A new connection beyond
	// either closes the oldest silent one (of its address, or of the
	// address with the most), else the oldest that has taken longer than
	// Stalled, else (at the total, when the newcomer's address has fewer
	// than the busiest) the busiest address's oldest, else is itself
	// closed: connections that never start SSH cannot keep a real client
	// out, however many are opened, nor can two addresses that keep
	// renewing theirs, and a room connecting at once is cut short only
	// when every place of the total is taken.
	HandshakePerAddr, HandshakeTotal int
	Stalled                          time.Duration
	// Login is how long a connection may take from TCP connect to being
	// logged in: people type the code by hand.
	Login time.Duration
	// LoginPerAddr and LoginTotal bound connections past the key exchange
	// but not yet logged in (typing the code, or waiting for the answer to
	// a wrong one). Beyond them a connection is refused with a message:
	// these caps are what bounds how many codes are checked at once.
	LoginPerAddr, LoginTotal int
	// WrongDelay is the least time before a wrong code is answered;
	// WrongEvery and WrongBurst pace wrong answers over the whole server
	// (one per WrongEvery after a burst), addresses taking turns. A right
	// code is answered at once.
	WrongDelay time.Duration
	WrongEvery time.Duration
	WrongBurst int
}

// DefaultLimits are the limits docs/security.md states.
var DefaultLimits = Limits{
	Silent: 10 * time.Second, Handshake: 30 * time.Second, HandshakePerAddr: 256, HandshakeTotal: 512, Stalled: 5 * time.Second,
	Login: 90 * time.Second, LoginPerAddr: 256, LoginTotal: 512,
	WrongDelay: 2 * time.Second, WrongEvery: 500 * time.Millisecond, WrongBurst: 20,
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	pick := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	pickD := func(v *time.Duration, def time.Duration) {
		if *v <= 0 {
			*v = def
		}
	}
	pickD(&l.Silent, d.Silent)
	pickD(&l.Handshake, d.Handshake)
	pickD(&l.Stalled, d.Stalled)
	pick(&l.HandshakePerAddr, d.HandshakePerAddr)
	pick(&l.HandshakeTotal, d.HandshakeTotal)
	pickD(&l.Login, d.Login)
	pick(&l.LoginPerAddr, d.LoginPerAddr)
	pick(&l.LoginTotal, d.LoginTotal)
	pickD(&l.WrongDelay, d.WrongDelay)
	pickD(&l.WrongEvery, d.WrongEvery)
	pick(&l.WrongBurst, d.WrongBurst)
	return l
}

// A connection's phase, as the gate counts it.
type phase int

const (
	phaseHandshake phase = iota // TCP accepted, SSH key exchange not finished
	phaseLogin                  // key exchange done, not logged in yet
	phaseIn                     // logged in
	phaseGone                   // closed, evicted or refused
)

// gate admits connections phase by phase and counts them. Each phase has
// its own caps, so a flood of one kind never takes the room kept for the
// next: idle TCP connections cannot keep anyone from logging in, and
// people logging in cannot keep participants who have logged in from
// their questionnaire.
type gate struct {
	lim   Limits
	maxIn int // logged-in connections: questionnaires and downloads

	mu          sync.Mutex
	handshaking map[string][]*conn // by address, oldest first
	nHandshake  int
	login       map[string]int
	nLogin      int
	nIn         int
	closed      bool

	evicted atomic.Int64 // handshakes closed to make room
	refused atomic.Int64 // connections refused at a cap
}

func newGate(lim Limits, maxIn int) *gate {
	return &gate{lim: lim, maxIn: maxIn, handshaking: map[string][]*conn{}, login: map[string]int{}}
}

// conn is a connection the gate counts; closing it gives its place back.
type conn struct {
	net.Conn
	g     *gate
	addr  string
	since time.Time
	phase phase // guarded by g.mu
	timer *time.Timer
	once  sync.Once
	spoke atomic.Bool // the client has sent something
	// busy is set while the connection runs a questionnaire: one per
	// connection, however many session channels a client opens.
	busy atomic.Bool
	// channels counts the session channels open (MaxChannelsPerConn).
	channels atomic.Int32
	// held counts wrong codes whose answer is still due (guarded by
	// g.mu): the login place stays taken until then, even when the
	// connection closes meanwhile (gone).
	held int
	gone bool
}

// Read notes that the client spoke.
func (c *conn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	if n > 0 && !c.spoke.Load() {
		c.spoke.Store(true)
	}
	return n, err
}

// Close gives the connection's place back and closes it.
func (c *conn) Close() error {
	c.once.Do(func() { c.g.leave(c) })
	return c.Conn.Close()
}

// addrKey is what per-address limits count by: the IPv4 address, or the
// /64 network of an IPv6 one (one computer may use many addresses of its
// /64).
func addrKey(a net.Addr) string {
	h := host(a)
	ip := net.ParseIP(h)
	if ip == nil || ip.To4() != nil {
		if ip != nil {
			return ip.To4().String()
		}
		return h
	}
	return (&net.IPNet{IP: ip.Mask(net.CIDRMask(64, 128)), Mask: net.CIDRMask(64, 128)}).String()
}

// accept counts a new TCP connection into the handshake phase, making
// room when a cap is reached (Limits.HandshakePerAddr). It returns nil
// when the server is closing or no room could be made; the caller
// closes the connection.
func (g *gate) accept(nc net.Conn) *conn {
	c := &conn{Conn: nc, g: g, addr: addrKey(nc.RemoteAddr()), since: time.Now()}
	g.mu.Lock()
	if g.closed {
		g.mu.Unlock()
		return nil
	}
	var victim *conn
	full := false
	if q := g.handshaking[c.addr]; len(q) >= g.lim.HandshakePerAddr {
		victim, full = g.victim(q), true
	} else if g.nHandshake >= g.lim.HandshakeTotal {
		q := g.busiest()
		victim, full = g.victim(q), true
		// An address with fewer handshakes than the busiest one is
		// never refused for its sake: the busiest gives up its oldest,
		// however young. Otherwise two addresses renewing their
		// connections before they stall keep every newcomer out.
		if victim == nil && len(q) > len(g.handshaking[c.addr])+1 {
			victim = q[0]
		}
	}
	if full && victim == nil {
		g.mu.Unlock()
		g.refused.Add(1)
		return nil
	}
	if victim != nil {
		g.dropHandshake(victim)
		victim.phase = phaseGone
	}
	g.handshaking[c.addr] = append(g.handshaking[c.addr], c)
	g.nHandshake++
	c.timer = time.AfterFunc(g.lim.Silent, c.expire)
	g.mu.Unlock()
	if victim != nil {
		g.evicted.Add(1)
		_ = victim.Close()
	}
	return c
}

// victim is the handshake of q to close for a newcomer: the oldest that
// never spoke, else the oldest that has taken longer than Stalled, else
// none.
func (g *gate) victim(q []*conn) *conn {
	for _, c := range q {
		if !c.spoke.Load() {
			return c
		}
	}
	if len(q) > 0 && time.Since(q[0].since) > g.lim.Stalled {
		return q[0]
	}
	return nil
}

// busiest is the handshakes of the address with the most silent ones,
// else with the most.
func (g *gate) busiest() []*conn {
	var best []*conn
	bestSilent := -1
	for _, q := range g.handshaking {
		silent := 0
		for _, c := range q {
			if !c.spoke.Load() {
				silent++
			}
		}
		if silent > bestSilent || silent == bestSilent && len(q) > len(best) {
			best, bestSilent = q, silent
		}
	}
	return best
}

// expire closes a connection still silent after Limits.Silent, or still
// in the key exchange after Limits.Handshake.
func (c *conn) expire() {
	c.g.mu.Lock()
	late := c.phase == phaseHandshake
	if late && c.spoke.Load() {
		if left := c.g.lim.Handshake - time.Since(c.since); left > 0 {
			c.timer.Reset(left)
			late = false
		}
	}
	c.g.mu.Unlock()
	if late {
		_ = c.Close()
	}
}

// dropHandshake removes c from the handshake phase (g.mu held).
func (g *gate) dropHandshake(c *conn) {
	q := g.handshaking[c.addr]
	if i := slices.Index(q, c); i >= 0 {
		q = slices.Delete(q, i, i+1)
		g.nHandshake--
	}
	if len(q) == 0 {
		delete(g.handshaking, c.addr)
	} else {
		g.handshaking[c.addr] = q
	}
	if c.timer != nil {
		c.timer.Stop()
	}
}

// keyExchanged moves c to the login phase; false means it has no place
// there (or was closed meanwhile) and must be refused.
func (g *gate) keyExchanged(c *conn) bool { return g.toLogin(c, g.lim.LoginTotal) }

// toLogin moves c to the login phase when its address has a place and
// fewer than total are logging in.
func (g *gate) toLogin(c *conn, total int) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if c.phase != phaseHandshake {
		return false
	}
	g.dropHandshake(c)
	if g.login[c.addr] >= g.lim.LoginPerAddr || g.nLogin >= total {
		c.phase = phaseGone
		g.refused.Add(1)
		return false
	}
	c.phase = phaseLogin
	g.login[c.addr]++
	g.nLogin++
	return true
}

// loggedIn moves c to the logged-in phase; false means the server has no
// room for another logged-in connection.
func (g *gate) loggedIn(c *conn) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if c.phase != phaseLogin {
		return c.phase == phaseIn
	}
	g.leaveLogin(c)
	if g.nIn >= g.maxIn {
		c.phase = phaseGone
		g.refused.Add(1)
		return false
	}
	c.phase = phaseIn
	g.nIn++
	return true
}

func (g *gate) leaveLogin(c *conn) {
	if g.login[c.addr]--; g.login[c.addr] <= 0 {
		delete(g.login, c.addr)
	}
	g.nLogin--
}

// rest puts a connection that was served and now waits for its next
// request (an HTTP keep-alive connection, faces.go) back among those
// that have not spoken: it gives up its login place, is the first to be
// closed when a newcomer needs room, and is closed after Limits.Silent
// without a new request. Closing an idle keep-alive connection costs a
// browser nothing: it opens another for its next request.
func (g *gate) rest(c *conn) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if c.phase != phaseLogin {
		return
	}
	g.leaveLogin(c)
	c.phase = phaseHandshake
	c.spoke.Store(false)
	c.since = time.Now()
	g.handshaking[c.addr] = append(g.handshaking[c.addr], c)
	g.nHandshake++
	if c.timer != nil {
		c.timer.Reset(g.lim.Silent)
	} else {
		c.timer = time.AfterFunc(g.lim.Silent, c.expire)
	}
}

// hold keeps c's login place while the answer to a wrong code is due.
// The SSH library closes a connection as soon as its client goes, and a
// guesser need not wait for a wrong code's answer (a right one comes at
// once): were the place given back on close, the places would not bound
// how many codes are checked (docs/security.md). The returned func ends
// the hold.
func (g *gate) hold(c *conn) func() {
	g.mu.Lock()
	c.held++
	g.mu.Unlock()
	return func() {
		g.mu.Lock()
		defer g.mu.Unlock()
		if c.held--; c.held == 0 && c.gone {
			c.gone = false
			g.leaveLogin(c)
		}
	}
}

// leave gives back the place of a closed connection.
func (g *gate) leave(c *conn) {
	g.mu.Lock()
	defer g.mu.Unlock()
	switch c.phase {
	case phaseHandshake:
		g.dropHandshake(c)
	case phaseLogin:
		if c.held > 0 {
			c.gone = true // given back when the answer is due (hold)
		} else {
			g.leaveLogin(c)
		}
	case phaseIn:
		g.nIn--
	}
	c.phase = phaseGone
}

// close refuses every connection from now on.
func (g *gate) close() {
	g.mu.Lock()
	g.closed = true
	g.mu.Unlock()
}

// counts are the connections in each phase now.
func (g *gate) counts() (handshake, login, in int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.nHandshake, g.nLogin, g.nIn
}
