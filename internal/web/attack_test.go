package web

import (
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/server"
)

// A form without its browser's token is refused and changes nothing: no
// token, another browser's token, a page of another site.
func TestCSRFRefused(t *testing.T) {
	t.Parallel()
	r := open(t, server.Config{}, false)
	p := r.phone().join()
	code := p.resumeCode()
	other := r.phone()
	other.get("/")
	foreign := other.form().Get("csrf")
	type attack struct {
		form func(url.Values)
		req  func(*http.Request)
	}
	for name, at := range map[string]attack{
		"no token":             {form: func(v url.Values) { v.Del("csrf") }},
		"another's token":      {form: func(v url.Values) { v.Set("csrf", foreign) }},
		"a token one byte off": {form: func(v url.Values) { v.Set("csrf", offByOne(v.Get("csrf"))) }},
		"another site":         {req: func(req *http.Request) { req.Header.Set("Origin", "http://evil.example") }},
		"a cross-site fetch":   {req: func(req *http.Request) { req.Header.Set("Sec-Fetch-Site", "cross-site") }},
		"another port":         {req: func(req *http.Request) { req.Header.Set("Sec-Fetch-Site", "same-site") }},
	} {
		p.get("/q/1")
		v := p.form()
		v.Set("a", "5")
		if at.form != nil {
			at.form(v)
		}
		p.postRaw("/q/1", v, at.req)
		if p.status != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", name, p.status)
		}
		if got := r.stored(code).Progress; got != nil && len(got.Answers) > 0 {
			t.Fatalf("%s: an answer was saved: %v", name, got.Answers)
		}
	}
	p.get("/q/1").answer(4).must(200, "/q/2") // the real form still works
}

// offByOne changes a token's last character.
func offByOne(tok string) string {
	last := "A"
	if strings.HasSuffix(tok, "A") {
		last = "B"
	}
	return tok[:len(tok)-1] + last
}

// A body over the limit is refused before it is read whole; the server
// goes on serving.
func TestOversizedBodyRefused(t *testing.T) {
	t.Parallel()
	r := open(t, server.Config{}, false)
	p := r.phone().join()
	v := p.form()
	v.Set("a", "1")
	v.Set("pad", strings.Repeat("x", 1<<20))
	p.postRaw("/q/1", v, nil)
	if p.status != http.StatusRequestEntityTooLarge {
		t.Errorf("a 1 MB form: status %d, want 413", p.status)
	}
	if got := r.stored(p.get("/q/1").resumeCode()).Progress; got != nil && len(got.Answers) > 0 {
		t.Errorf("the oversized form saved an answer")
	}
	p.get("/q/1").answer(0).must(200, "/q/2")
}

// Wrong codes are answered at the server's pace, one budget shared with
// SSH; a right code, even from the guesser's own address (a classroom
// behind one NAT address), is answered at once.
func TestWrongCodesArePacedAndRightOnesAreNot(t *testing.T) {
	t.Parallel()
	lim := server.Limits{WrongDelay: 200 * time.Millisecond, WrongEvery: 100 * time.Millisecond, WrongBurst: 2}
	r := open(t, server.Config{Limits: lim}, false)
	var answered atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	start := time.Now()
	for g := range 12 {
		wg.Go(func() {
			p := r.phone()
			p.get("/")
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				p.post("/join", url.Values{"code": {fmt.Sprintf("WRONG%03d", g*100+i)}})
				if p.status != http.StatusForbidden {
					t.Errorf("a wrong code got %d", p.status)
					return
				}
				answered.Add(1)
			}
		})
	}
	time.Sleep(700 * time.Millisecond)
	for range 3 {
		p := r.phone()
		p.get("/")
		t0 := time.Now()
		p.post("/join", url.Values{"code": {testCode}}).must(200, "/about")
		if d := time.Since(t0); d > time.Second {
			t.Errorf("a right code took %v while someone at the same address guessed", d)
		}
	}
	time.Sleep(800 * time.Millisecond)
	close(stop)
	wg.Wait()
	elapsed := time.Since(start)
	// burst, then one per WrongEvery; the waits in flight when stopped add
	// at most one each
	most := int64(lim.WrongBurst) + int64(elapsed/lim.WrongEvery) + 12
	if n := answered.Load(); n > most || n == 0 {
		t.Errorf("%d wrong codes answered in %v, the pace allows %d", n, elapsed, most)
	}
	if g := r.srv.Guessing(); int64(g.Wrong) < answered.Load() || len(g.Recent) == 0 {
		t.Errorf("the dashboard counts %d wrong codes (%v), %d were answered", g.Wrong, g.Recent, answered.Load())
	}
}

// Connections that never send a request cannot keep a phone out: beyond
// the per-address cap the oldest is closed, and each is closed after the
// handshake time.
func TestIdleConnectionsDoNotShutPhonesOut(t *testing.T) {
	t.Parallel()
	r := open(t, server.Config{Limits: server.Limits{HandshakePerAddr: 16, HandshakeTotal: 32, Handshake: 2 * time.Second}}, false)
	addr := strings.TrimPrefix(r.base, "http://")
	var idle []net.Conn
	for range 100 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		idle = append(idle, c)
	}
	defer func() {
		for _, c := range idle {
			c.Close()
		}
	}()
	time.Sleep(200 * time.Millisecond)
	t0 := time.Now()
	r.phone().get("/").must(200, "/")
	if d := time.Since(t0); d > time.Second {
		t.Errorf("a phone waited %v behind 100 idle connections", d)
	}
}

// Every response carries the security headers; nothing is listed; only
// the named static files are served.
func TestHeadersAndNoListing(t *testing.T) {
	t.Parallel()
	r := open(t, server.Config{}, false)
	p := r.phone()
	p.get("/")
	css := r.web.assets.css.path
	for path, status := range map[string]int{"/": 200, css: 200, "/static/": 404, "/static/web.css": 404,
		"/static/../web.go": 404, "/templates/layout.tmpl": 404, "/q/1": 200, "/nope": 404, "/download/x": 404} {
		res, err := p.C.Get(r.base + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != status {
			t.Errorf("%s: %d, want %d", path, res.StatusCode, status)
		}
		h := res.Header
		for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"} {
			if h.Get(k) != v {
				t.Errorf("%s: %s is %q", path, k, h.Get(k))
			}
		}
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: CSP %q", path, csp)
		}
	}
}

// Without --collect-names the page asks for no name and the store keeps
// none, whatever a client sends; what is typed comes back escaped.
func TestNoNameKeptAndEverythingEscaped(t *testing.T) {
	t.Parallel()
	r := open(t, server.Config{}, false)
	p := r.phone()
	p.get("/j/"+testCode).post("/join", url.Values{"code": {testCode}}).must(200, "/about")
	if strings.Contains(p.body, `name="name"`) {
		t.Errorf("an anonymous session asks for a name")
	}
	p.post("/about", url.Values{"how": {"start"}, "name": {"王某"}, "unit": {`<script>alert(1)</script>`}, "role": {"科长\u202e"}}).must(200, "/q/1")
	code := p.resumeCode()
	who := r.stored(code).Progress.Respondent
	if who.Name != "" || who.Unit != `<script>alert(1)</script>` || who.Role != "科长" {
		t.Errorf("kept %+v", who)
	}
	p.get("/about")
	if strings.Contains(p.body, "<script>alert") || !strings.Contains(p.body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the unit is not escaped on the page:\n%s", excerpt(p.body))
	}
}

// Once the trainer ends the session, nobody joins or answers; a
// completed participant still downloads until the window closes.
func TestEndedSession(t *testing.T) {
	t.Parallel()
	r := open(t, server.Config{}, false)
	done := r.phone().join()
	for range r.bank.Items {
		done.answer(2)
	}
	done.post("/submit", nil).must(200, "/result")
	half := r.phone().join().answer(1)
	r.srv.End(time.Minute)
	half.get("/q/2")
	if half.status != http.StatusConflict || !strings.Contains(half.body, "已结束") {
		t.Errorf("after the end a question shows (%d)", half.status)
	}
	half.post("/q/2", url.Values{"a": {"1"}})
	if half.status != http.StatusConflict {
		t.Errorf("after the end an answer is taken (%d)", half.status)
	}
	late := r.phone()
	late.get("/").post("/join", url.Values{"code": {testCode}})
	if late.status != http.StatusConflict {
		t.Errorf("after the end someone joined (%d)", late.status)
	}
	done.get("/download/result.json").must(200, "/download/result.json")
	done.get("/result").must(200, "/result")
	if !strings.Contains(done.body, "会话已结束") {
		t.Errorf("the result page does not say until when to download")
	}
}

// With --tls the page is served over HTTPS with the certificate whose
// fingerprint the dashboard shows, and the cookies are Secure.
func TestTLS(t *testing.T) {
	t.Parallel()
	r := open(t, server.Config{}, true)
	if !strings.HasPrefix(r.base, "https://") {
		t.Fatalf("base %s", r.base)
	}
	var seen string
	p := r.phone()
	p.C.Transport = &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true, VerifyConnection: func(cs tls.ConnectionState) error {
		seen = Fingerprint(cs.PeerCertificates[0].Raw)
		return nil
	}}}
	res, err := p.C.Get(r.base + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if seen == "" || seen != r.web.Fingerprint() || len(seen) != 95 {
		t.Errorf("certificate %q, announced %q", seen, r.web.Fingerprint())
	}
	for _, c := range res.Cookies() {
		if !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode {
			t.Errorf("cookie %s: %+v", c.Name, c)
		}
	}
	if got := r.web.JoinURL("127.0.0.1"); !strings.HasPrefix(got, "HTTPS://127.0.0.1:") || !strings.HasSuffix(got, "/J/"+testCode) {
		t.Errorf("join address %s", got)
	}
}

// Phones keep their connections open between requests (keep-alive); an
// idle one holds no place of those being served, so a room of phones
// behind one address never fills them.
func TestIdleKeepAliveConnectionsHoldNoPlace(t *testing.T) {
	t.Parallel()
	r := open(t, server.Config{Limits: server.Limits{LoginPerAddr: 4, LoginTotal: 8}}, false)
	var phones []*phone
	for range 12 {
		p := r.phone()
		phones = append(phones, p.get("/").must(200, "/"))
	}
	time.Sleep(50 * time.Millisecond) // the last responses' connections go idle
	for i, p := range phones {
		p.get("/")
		if p.status != http.StatusOK {
			t.Errorf("phone %d: %d after 12 phones kept their connections", i, p.status)
		}
	}
	r.phone().join().answer(2).must(200, "/q/2")
}
