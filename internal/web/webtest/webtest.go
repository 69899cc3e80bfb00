// Package webtest is a participant's phone for tests, over HTTP: the
// counterpart of internal/sshsim for the web face. A Phone keeps its
// cookies, posts the forms of the page it shows with their hidden fields
// (the CSRF token, when the question was shown) as a browser would, and
// follows the 303s. Only tests import it.
package webtest

import (
	"crypto/tls"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Phone is one browser.
type Phone struct {
	Base   string // http://host:port
	C      *http.Client
	URL    string // path and query of the page showing
	Status int
	Body   string
	// Think, when set, is how long the participant reads a question
	// before answering.
	Think func() time.Duration
}

// New is a phone with no cookies yet. A self-signed certificate is
// accepted (the tests check it apart).
func New(base string) *Phone {
	jar, _ := cookiejar.New(nil)
	return &Phone{Base: base, C: &http.Client{Jar: jar, Timeout: 2 * time.Minute,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, MaxIdleConnsPerHost: 1}}}
}

// Tab is another tab of the same browser: the same cookies.
func (p *Phone) Tab() *Phone {
	return &Phone{Base: p.Base, C: &http.Client{Jar: p.C.Jar, Timeout: p.C.Timeout, Transport: p.C.Transport}}
}

// Do sends req and keeps the page it ends on.
func (p *Phone) Do(req *http.Request) error {
	res, err := p.C.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	p.URL, p.Status, p.Body = res.Request.URL.Path, res.StatusCode, string(b)
	if q := res.Request.URL.RawQuery; q != "" {
		p.URL += "?" + q
	}
	return err
}

// Get opens path.
func (p *Phone) Get(path string) error {
	req, err := http.NewRequest(http.MethodGet, p.Base+path, nil)
	if err != nil {
		return err
	}
	return p.Do(req)
}

var (
	csrfRe   = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	shownRe  = regexp.MustCompile(`name="t" value="(\d+)"`)
	retRe    = regexp.MustCompile(`name="r" value="1"`)
	actionRe = regexp.MustCompile(`<form class="question" method="post" action="([^"]+)"`)
	resumeRe = regexp.MustCompile(`[A-Z0-9]{5}-[A-Z0-9]{5}`)
)

// Form is the hidden fields of the page showing, as its forms post them.
func (p *Phone) Form() url.Values {
	v := url.Values{}
	if m := csrfRe.FindStringSubmatch(p.Body); m != nil {
		v.Set("csrf", m[1])
	}
	if m := shownRe.FindStringSubmatch(p.Body); m != nil {
		v.Set("t", m[1])
	}
	if retRe.MatchString(p.Body) {
		v.Set("r", "1")
	}
	return v
}

// Post sends a form to path: the page's hidden fields and extra.
func (p *Phone) Post(path string, extra url.Values) error {
	v := p.Form()
	maps.Copy(v, extra)
	return p.PostRaw(path, v, nil)
}

// PostRaw sends exactly v to path; edit may change the request first.
func (p *Phone) PostRaw(path string, v url.Values, edit func(*http.Request)) error {
	req, err := http.NewRequest(http.MethodPost, p.Base+path, strings.NewReader(v.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if edit != nil {
		edit(req)
	}
	return p.Do(req)
}

// At checks that the phone shows path with status.
func (p *Phone) At(status int, path string) error {
	if p.Status != status || path != "" && p.URL != path {
		return fmt.Errorf("at %s (%d), want %s (%d):\n%s", p.URL, p.Status, path, status, Excerpt(p.Body))
	}
	return nil
}

// Excerpt is the start of a page's main part, for a message.
func Excerpt(s string) string {
	if i := strings.Index(s, "<main>"); i >= 0 {
		s = s[i:]
	}
	return s[:min(len(s), 1500)]
}

// Join opens the QR code's address for code and joins, anonymous, to
// the first question.
func (p *Phone) Join(code string) error {
	steps := []func() error{
		func() error { return p.Get("/j/" + code) },
		func() error { return p.At(http.StatusOK, "/j/"+code) },
		func() error { return p.Post("/join", url.Values{"code": {code}}) },
		func() error { return p.At(http.StatusOK, "/about") },
		func() error { return p.Post("/about", url.Values{"how": {"anon"}}) },
		func() error { return p.At(http.StatusOK, "/q/1") },
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return err
		}
	}
	return nil
}

// Answer gives raw answer v (0–4, or -1 to skip) to the question
// showing, after thinking, and returns how long the tap took to bring
// the next page.
func (p *Phone) Answer(v int) (time.Duration, error) {
	m := actionRe.FindStringSubmatch(p.Body)
	if m == nil {
		return 0, fmt.Errorf("no question at %s:\n%s", p.URL, Excerpt(p.Body))
	}
	if p.Think != nil {
		time.Sleep(p.Think())
	}
	form := url.Values{"a": {fmt.Sprint(v + 1)}}
	if v < 0 {
		form = url.Values{"skip": {"1"}}
	}
	start := time.Now()
	err := p.Post(m[1], form)
	d := time.Since(start)
	if err == nil && p.Status != http.StatusOK {
		err = p.At(http.StatusOK, "")
	}
	return d, err
}

// Complete answers every question as values says (raw 0–4, -1 skips)
// from the question showing, then submits; it returns each answer's
// time.
func (p *Phone) Complete(values []int) ([]time.Duration, error) {
	var lat []time.Duration
	for _, v := range values {
		d, err := p.Answer(v)
		if err != nil {
			return lat, err
		}
		lat = append(lat, d)
	}
	if err := p.At(http.StatusOK, "/review"); err != nil {
		return lat, err
	}
	if err := p.Post("/submit", nil); err != nil {
		return lat, err
	}
	return lat, p.At(http.StatusOK, "/result")
}

// ResumeCode is the resume code the page shows (ABCDE-FGHJK).
func (p *Phone) ResumeCode() (string, error) {
	if m := resumeRe.FindString(p.Body); m != "" {
		return m, nil
	}
	return "", fmt.Errorf("no resume code at %s", p.URL)
}
