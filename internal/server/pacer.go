package server

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tangping-dev/tangping/internal/i18n"
)

// pacer answers wrong codes at a bounded rate over the whole server: a
// token bucket (burst, then one per every) shared by addresses in turn,
// so that someone guessing from one address does not delay another
// address's typo by more than one turn. Right codes never come here.
// Together with the login caps (each connection waits here holding its
// place) it bounds how many codes can be tried in a day: see
// docs/security.md.
type pacer struct {
	every time.Duration
	burst float64

	mu     sync.Mutex
	tokens float64
	at     time.Time
	queue  map[string][]chan struct{} // waiting, by address
	turn   []string                   // addresses with someone waiting, in turn
	timer  *time.Timer
}

func newPacer(every time.Duration, burst int) *pacer {
	return &pacer{every: every, burst: float64(burst), tokens: float64(burst), at: time.Now(), queue: map[string][]chan struct{}{}}
}

// wait returns when addr's turn has come, or when done closes. A waiter
// that gives up keeps its turn: it is spent when it comes.
func (p *pacer) wait(addr string, done <-chan struct{}) {
	ch := make(chan struct{})
	p.mu.Lock()
	if len(p.queue[addr]) == 0 {
		p.turn = append(p.turn, addr)
	}
	p.queue[addr] = append(p.queue[addr], ch)
	p.pump()
	p.mu.Unlock()
	select {
	case <-ch:
	case <-done:
	}
}

// pump releases waiters while tokens last, and sets a timer for the next
// token when some still wait (p.mu held).
func (p *pacer) pump() {
	now := time.Now()
	p.tokens = min(p.burst, p.tokens+float64(now.Sub(p.at))/float64(p.every))
	p.at = now
	for p.tokens >= 1 && len(p.turn) > 0 {
		addr := p.turn[0]
		p.turn = p.turn[1:]
		q := p.queue[addr]
		close(q[0])
		if q = q[1:]; len(q) == 0 {
			delete(p.queue, addr)
		} else {
			p.queue[addr] = q
			p.turn = append(p.turn, addr)
		}
		p.tokens--
	}
	if len(p.turn) > 0 && p.timer == nil {
		next := time.Duration((1 - p.tokens) * float64(p.every))
		p.timer = time.AfterFunc(next, func() {
			p.mu.Lock()
			p.timer = nil
			p.pump()
			p.mu.Unlock()
		})
	}
}

// guesses counts wrong codes by address for the trainer's dashboard.
type guesses struct {
	window time.Duration
	now    func() time.Time

	mu    sync.Mutex
	total int
	by    map[string]*guessCount
}

type guessCount struct {
	n    int
	last time.Time
}

// maxGuessAddrs bounds the addresses remembered; the quietest go first.
const maxGuessAddrs = 1000

func (g *guesses) wrong(addr string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	g.total++
	c := g.by[addr]
	if c == nil || now.Sub(c.last) > g.window {
		if len(g.by) >= maxGuessAddrs {
			g.forget(now)
		}
		c = &guessCount{}
		g.by[addr] = c
	}
	c.n++
	c.last = now
}

// forget drops addresses quiet for the window, or else the one quiet
// longest (g.mu held).
func (g *guesses) forget(now time.Time) {
	var oldest string
	for a, c := range g.by {
		if now.Sub(c.last) > g.window {
			delete(g.by, a)
		} else if oldest == "" || c.last.Before(g.by[oldest].last) {
			oldest = a
		}
	}
	if len(g.by) >= maxGuessAddrs {
		delete(g.by, oldest)
	}
}

// Guessing is what the dashboard shows about wrong codes.
type Guessing struct {
	Wrong  int         // wrong session or resume codes since the server started
	Recent []AddrCount // addresses with wrong codes in the last window, most first
	// Refused counts connections refused at a cap, Evicted connections
	// closed in the key exchange to make room for newer ones.
	Refused, Evicted int64
}

// AddrCount is one address and its recent wrong codes.
type AddrCount struct {
	Addr  string
	Count int
}

func (g *guesses) report() Guessing {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	r := Guessing{Wrong: g.total}
	for a, c := range g.by {
		if now.Sub(c.last) <= g.window {
			r.Recent = append(r.Recent, AddrCount{a, c.n})
		}
	}
	slices.SortFunc(r.Recent, func(a, b AddrCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Addr, b.Addr))
	})
	return r
}

// Line is the dashboard's warning about wrong codes, "" when there is
// nothing to say: the total, the addresses of the last minutes with
// their counts (three at most), and refused connections.
func (g Guessing) Line(l i18n.Lang) string {
	if g.Wrong == 0 && g.Refused == 0 && g.Evicted == 0 {
		return ""
	}
	var parts []string
	if g.Wrong > 0 {
		var who []string
		for i, a := range g.Recent {
			if i == 3 {
				who = append(who, "…")
				break
			}
			who = append(who, fmt.Sprintf("%s ×%d", a.Addr, a.Count))
		}
		p := l.T(fmt.Sprintf("会议码/续答码输错 %d 次", g.Wrong), fmt.Sprintf("%d wrong codes", g.Wrong))
		if len(who) > 0 {
			p += l.T("（最近："+strings.Join(who, "、")+"）", " (recent: "+strings.Join(who, ", ")+")")
		}
		parts = append(parts, p)
	}
	if n := g.Refused + g.Evicted; n > 0 {
		parts = append(parts, l.T(fmt.Sprintf("因名额已满拒绝或挤掉的连接 %d 个", n), fmt.Sprintf("%d connections refused or closed at a cap", n)))
	}
	return "⚠ " + strings.Join(parts, l.T("；", "; "))
}
