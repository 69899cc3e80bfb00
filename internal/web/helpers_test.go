package web

import (
	"context"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/server"
	"github.com/tangping-dev/tangping/internal/store"
	"github.com/tangping-dev/tangping/internal/testkit"
	"github.com/tangping-dev/tangping/internal/web/webtest"
)

const testCode = "K7M2PQ4X"

// room is a session server with its web face on loopback ports.
type room struct {
	t    testing.TB
	srv  *server.Server
	web  *Web
	base string
	bank *bank.Bank
	dir  string // the session's data folder
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
		cfg.Bank = testkit.DefaultBank(t)
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
	return &room{t: t, srv: srv, web: w, base: w.URL("127.0.0.1"), bank: cfg.Bank, dir: cfg.Dir}
}

// phone is one browser (webtest.Phone) whose steps fail the test.
type phone struct {
	*webtest.Phone
	t      testing.TB
	r      *room
	url    string
	status int
	body   string
}

func (r *room) phone() *phone { return &phone{Phone: webtest.New(r.base), t: r.t, r: r} }

// sameJar is another tab of the same browser.
func (p *phone) sameJar() *phone { return &phone{Phone: p.Tab(), t: p.t, r: p.r} }

// snapshot is the same browser still showing this page, as a page kept
// open whose form is sent again later.
func (p *phone) snapshot() *phone {
	c := *p.Phone
	return &phone{Phone: &c, t: p.t, r: p.r, url: p.url, status: p.status, body: p.body}
}

// check fails the test on err and mirrors the page showing.
func (p *phone) check(err error) *phone {
	p.t.Helper()
	p.url, p.status, p.body = p.URL, p.Status, p.Body
	if err != nil {
		p.t.Fatal(err)
	}
	return p
}

func (p *phone) get(path string) *phone {
	p.t.Helper()
	return p.check(p.Get(path))
}

func (p *phone) form() url.Values { return p.Form() }

func (p *phone) post(path string, extra url.Values) *phone {
	p.t.Helper()
	return p.check(p.Post(path, extra))
}

func (p *phone) postRaw(path string, v url.Values, edit func(*http.Request)) *phone {
	p.t.Helper()
	return p.check(p.PostRaw(path, v, edit))
}

func (p *phone) must(status int, path string) *phone {
	p.t.Helper()
	return p.check(p.At(status, path))
}

func excerpt(s string) string { return webtest.Excerpt(s) }

// join opens the QR code's address and joins, anonymous, to question 1.
func (p *phone) join() *phone {
	p.t.Helper()
	return p.check(p.Join(testCode))
}

// answer gives raw answer v (0–4, or -1 to skip) to the question showing.
func (p *phone) answer(v int) *phone {
	p.t.Helper()
	_, err := p.Answer(v)
	return p.check(err)
}

// resumeCode is the resume code the page shows.
func (p *phone) resumeCode() string {
	p.t.Helper()
	c, err := p.ResumeCode()
	if err != nil {
		p.t.Fatal(err)
	}
	return c
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
