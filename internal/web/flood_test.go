package web

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/server"
)

// Two addresses (two phones of one mischievous participant, or a laptop
// with a second address on the LAN) fill every place of requests being
// served: one by posting wrong session codes, each holding its place
// until the pacer answers it; the other by sending a form's headers and
// then its body a byte at a time. Participants who have joined, at
// another address, must go on answering; with the slow forms, newcomers
// join too. (Joining waits for a place while the wrong codes are
// pending: that bounds the codes checked, docs/security.md.)
func TestTwoAddressesCannotStopTheRoom(t *testing.T) {
	t.Parallel()
	for _, slow := range []bool{false, true} {
		t.Run(map[bool]string{false: "wrong codes", true: "slow forms"}[slow], func(t *testing.T) {
			t.Parallel()
			twoAddresses(t, slow)
		})
	}
}

func twoAddresses(t *testing.T, slow bool) {
	lim := server.Limits{LoginPerAddr: 4, LoginTotal: 8, WrongDelay: 2 * time.Second, WrongEvery: 2 * time.Second, WrongBurst: 1}
	r := open(t, server.Config{Limits: lim}, false)
	victim := r.phone().join().answer(2).must(200, "/q/2")

	// The attacker's browser cookie and its form token.
	a := r.phone()
	a.get("/")
	token := a.form().Get("csrf")
	u, _ := url.Parse(r.base)
	var browser string
	for _, c := range a.C.Jar.Cookies(u) {
		if c.Name == cookieBrowser {
			browser = c.Value
		}
	}
	host := u.Host
	send := func(src string, i int) net.Conn {
		d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(src)}, Timeout: 2 * time.Second}
		c, err := d.Dial("tcp", host)
		if err != nil {
			t.Skipf("cannot dial from %s: %v", src, err)
		}
		body := url.Values{"csrf": {token}, "code": {fmt.Sprintf("WRONG%03d", i)}}.Encode()
		head := fmt.Sprintf("POST /join HTTP/1.1\r\nHost: %s\r\nCookie: %s=%s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n", host, cookieBrowser, browser, len(body)+100)
		if slow {
			_, err = c.Write([]byte(head + body[:1]))
		} else {
			head = strings.Replace(head, fmt.Sprint(len(body)+100), fmt.Sprint(len(body)), 1)
			_, err = c.Write([]byte(head + body))
		}
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for i := range lim.LoginPerAddr {
		conns = append(conns, send("127.0.0.2", i), send("127.0.0.3", i))
	}
	time.Sleep(300 * time.Millisecond)
	t0 := time.Now()
	victim.get("/q/2")
	if victim.status != http.StatusOK {
		t.Fatalf("a joined participant got %d while two other addresses held every place:\n%s", victim.status, excerpt(victim.body))
	}
	victim.answer(3).must(200, "/q/3")
	if d := time.Since(t0); d > 3*time.Second { // two requests; generous for a loaded machine
		t.Errorf("a joined participant waited %v", d)
	}
	if slow {
		// Forms still arriving hold no place of those being served:
		// a newcomer joins too.
		r.phone().join().answer(1).must(200, "/q/2")
	}
}
