package server

import "testing"

// Two addresses fill every handshake place with connections that have
// spoken (a byte of an SSH version or of an HTTP request) and renew each
// one before it has stalled for Limits.Stalled: a newcomer from a third
// address must still get in, by closing the oldest handshake of the
// busiest address, however young. Before, it was refused for as long as
// the two kept their connections younger than Stalled.
func TestGateNewcomerFromAQuietAddressGetsAPlace(t *testing.T) {
	g := newGate(Limits{HandshakePerAddr: 4, HandshakeTotal: 8}.withDefaults(), 10)
	var flood []*fakeConn
	for _, ip := range []string{"10.0.0.1", "10.0.0.2"} {
		for range 4 {
			c := from(ip)
			tc := g.accept(c)
			if tc == nil {
				t.Fatal("refused before the caps")
			}
			tc.spoke.Store(true)
			flood = append(flood, c)
		}
	}
	// The flood's own next connection finds no place: nothing of its
	// address has stalled yet.
	if g.accept(from("10.0.0.1")) != nil {
		t.Errorf("a flooding address got a ninth place")
	}
	if g.accept(from("10.0.0.3")) == nil {
		t.Fatal("a newcomer from a quiet address was refused while two addresses held every handshake place")
	}
	closed := 0
	for _, c := range flood {
		if c.isClosed() {
			closed++
		}
	}
	// The two addresses hold four each: either is the busiest, and gives
	// up its oldest.
	if closed != 1 || !flood[0].isClosed() && !flood[4].isClosed() {
		t.Errorf("%d of the flood closed (oldest of each address: %v, %v), want one address's oldest alone", closed, flood[0].isClosed(), flood[4].isClosed())
	}
}
