package server

import (
	"net"
	"sync"
	"time"
)

// limiter rate-limits wrong codes per source address with a token bucket:
// an address may get burst codes wrong at once, then one more every
// refill. A training room behind one NAT shares an address, so the burst
// is generous; a guesser still needs months for a 6-digit code.
// Right codes cost nothing.
type limiter struct {
	burst  float64
	refill time.Duration
	now    func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

// maxBuckets bounds the memory a scan from many addresses can take; full
// buckets are dropped first since they carry no information.
const maxBuckets = 10000

func newLimiter(burst int, refill time.Duration, now func() time.Time) *limiter {
	return &limiter{burst: float64(burst), refill: refill, now: now, buckets: map[string]*bucket{}}
}

// host is the address without its port: every connection from one
// computer shares a bucket.
func host(addr net.Addr) string {
	if addr == nil {
		return ""
	}
	h, _, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	return h
}

// wait returns how long the address must wait before its next try; zero
// means it may try now.
func (l *limiter) wait(addr string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.fill(addr)
	if b == nil || b.tokens >= 1 {
		return 0
	}
	return time.Duration((1 - b.tokens) * float64(l.refill))
}

// fail takes one token from the address's bucket.
func (l *limiter) fail(addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.fill(addr)
	if b == nil {
		if len(l.buckets) >= maxBuckets {
			l.prune()
		}
		b = &bucket{tokens: l.burst, at: l.now()}
		l.buckets[addr] = b
	}
	b.tokens--
}

// fill tops a bucket up for the time passed; nil means a full bucket.
func (l *limiter) fill(addr string) *bucket {
	b := l.buckets[addr]
	if b == nil {
		return nil
	}
	now := l.now()
	b.tokens += float64(now.Sub(b.at)) / float64(l.refill)
	b.at = now
	if b.tokens >= l.burst {
		delete(l.buckets, addr)
		return nil
	}
	return b
}

func (l *limiter) prune() {
	for addr := range l.buckets {
		l.fill(addr)
	}
}
