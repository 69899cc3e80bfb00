package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/server"
	"github.com/tangping-dev/tangping/internal/store"
)

const testCode = "K7M2PQ4X"

// room is a session server with its web face on loopback ports.
type room struct {
	t    testing.TB
	srv  *server.Server
	web  *Web
	base string
	bank *bank.Bank
}

func defaultBank(t testing.TB) *bank.Bank {
	t.Helper()
	b, err := bank.Default(i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// open starts a session (SQLite in a temp folder) and its web face.
func open(t testing.TB, cfg server.Config, tlsOn bool) *room {
	t.Helper()
	cfg.Dir = filepath.Join(t.TempDir(), "data")
	cfg.Listen = "127.0.0.1:0"
	if cfg.Session == "" {
		cfg.Session = "test"
	}
	cfg.Code = testCode
	if cfg.Bank == nil {
		cfg.Bank = defaultBank(t)
	}
	cfg.JoinHost = "127.0.0.1"
	srv, err := server.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	w, err := Open(Config{Server: srv, Listen: "127.0.0.1:0", TLS: tlsOn, Hosts: []string{"127.0.0.1"}})
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 2)
	go func() { served <- srv.Serve() }()
	go func() { served <- w.Serve() }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = w.Shutdown(ctx)
		_ = srv.Shutdown(context.Background())
		for range 2 {
			if err := <-served; err != nil {
				t.Errorf("Serve: %v", err)
			}
		}
	})
	return &room{t: t, srv: srv, web: w, base: w.URL("127.0.0.1"), bank: cfg.Bank}
}

// phone is one browser: its own cookies, the page it shows.
type phone struct {
	t      testing.TB
	r      *room
	c      *http.Client
	url    string // of the page showing
	status int
	body   string
}

func (r *room) phone() *phone {
	jar, _ := cookiejar.New(nil)
	return &phone{t: r.t, r: r, c: &http.Client{Jar: jar, Timeout: 60 * time.Second}}
}

// sameJar is another tab of the same browser.
func (p *phone) sameJar() *phone {
	return &phone{t: p.t, r: p.r, c: &http.Client{Jar: p.c.Jar, Timeout: 60 * time.Second}}
}

func (p *phone) do(req *http.Request) {
	p.t.Helper()
	res, err := p.c.Do(req)
	if err != nil {
		p.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	p.url, p.status, p.body = res.Request.URL.Path, res.StatusCode, string(b)
	if q := res.Request.URL.RawQuery; q != "" {
		p.url += "?" + q
	}
}

// get opens path.
func (p *phone) get(path string) *phone {
	p.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, p.r.base+path, nil)
	p.do(req)
	return p
}

var (
	csrfRe  = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	shownRe = regexp.MustCompile(`name="t" value="(\d+)"`)
	retRe   = regexp.MustCompile(`name="r" value="1"`)
	actRe   = regexp.MustCompile(`<form class="question" method="post" action="([^"]+)"`)
	codeRe  = regexp.MustCompile(`[A-Z0-9]{5}-[A-Z0-9]{5}`)
)

// form is the hidden fields of the page showing, as its form posts them.
func (p *phone) form() url.Values {
	v := url.Values{}
	if m := csrfRe.FindStringSubmatch(p.body); m != nil {
		v.Set("csrf", m[1])
	}
	if m := shownRe.FindStringSubmatch(p.body); m != nil {
		v.Set("t", m[1])
	}
	if retRe.MatchString(p.body) {
		v.Set("r", "1")
	}
	return v
}

// post sends a form to path with the page's hidden fields and extra.
func (p *phone) post(path string, extra url.Values) *phone {
	p.t.Helper()
	v := p.form()
	for k, vs := range extra {
		v[k] = vs
	}
	return p.postRaw(path, v, nil)
}

func (p *phone) postRaw(path string, v url.Values, edit func(*http.Request)) *phone {
	p.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, p.r.base+path, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if edit != nil {
		edit(req)
	}
	p.do(req)
	return p
}

func (p *phone) must(status int, path string) *phone {
	p.t.Helper()
	if p.status != status || path != "" && p.url != path {
		p.t.Fatalf("at %s (%d), want %s (%d):\n%s", p.url, p.status, path, status, excerpt(p.body))
	}
	return p
}

func excerpt(s string) string {
	if i := strings.Index(s, "<main>"); i >= 0 {
		s = s[i:]
	}
	return s[:min(len(s), 1500)]
}

// join opens the QR code's address and joins, anonymous, to question 1.
func (p *phone) join() *phone {
	p.t.Helper()
	p.get("/j/"+testCode).must(200, "/j/"+testCode)
	p.post("/join", url.Values{"code": {server.FormatCode(testCode)}}).must(200, "/about")
	return p.post("/about", url.Values{"how": {"anon"}}).must(200, "/q/1")
}

// answer gives raw answer v (0–4, or -1 to skip) to the question showing.
func (p *phone) answer(v int) *phone {
	p.t.Helper()
	m := actRe.FindStringSubmatch(p.body)
	if m == nil {
		p.t.Fatalf("no question at %s:\n%s", p.url, excerpt(p.body))
	}
	if v < 0 {
		return p.post(m[1], url.Values{"skip": {"1"}})
	}
	return p.post(m[1], url.Values{"a": {fmt.Sprint(v + 1)}})
}

// resumeCode is the resume code the page shows.
func (p *phone) resumeCode() string {
	p.t.Helper()
	m := codeRe.FindString(p.body)
	if m == "" {
		p.t.Fatalf("no resume code at %s", p.url)
	}
	return m
}

// stored is the participant as the store has them.
func (r *room) stored(code string) store.Participant {
	r.t.Helper()
	pt, err := r.srv.Returning(context.Background(), strings.ReplaceAll(code, "-", ""))
	if err != nil {
		r.t.Fatal(err)
	}
	return pt
}
