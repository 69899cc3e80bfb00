package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/tangping-dev/tangping/internal/i18n"
)

// Cookies. Every one is HttpOnly and SameSite=Strict (a page of another
// site cannot make the browser send it), Secure under TLS.
const (
	// cookieBrowser is a random name for this browser: CSRF tokens are
	// bound to it (a form is only accepted from the browser it was
	// given to).
	cookieBrowser = "tp_b"
	// cookieParticipant names the participant: their resume code with
	// the server's signature, so that it cannot be guessed or forged
	// (a resume code typed in a form goes through the pacer instead).
	cookieParticipant = "tp_p"
	cookieLang        = "tp_l"
	cookieAge         = 30 * 24 * time.Hour
	// secretName is where the signing key is kept in the database:
	// cookies outlive a restart and work on every instance.
	secretName = "web_cookie_key"
)

// newSecret is 256 random bits, as text (the database keeps text).
func newSecret() ([]byte, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	return []byte(base64.StdEncoding.EncodeToString(b)), nil
}

// mac signs the parts with the server's key.
func (w *Web) mac(parts ...string) string {
	h := hmac.New(sha256.New, w.key)
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:18])
}

// macOK compares a signature in constant time.
func macOK(want, got string) bool { return hmac.Equal([]byte(want), []byte(got)) }

func (w *Web) setCookie(rw http.ResponseWriter, name, value string, age time.Duration) {
	http.SetCookie(rw, &http.Cookie{
		Name: name, Value: value, Path: "/", MaxAge: int(age.Seconds()),
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: w.cfg.TLS,
	})
}

func (w *Web) clearCookie(rw http.ResponseWriter, name string) {
	http.SetCookie(rw, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: w.cfg.TLS})
}

// browser is this browser's name, from its cookie, or a new one set on
// the response.
func (w *Web) browser(rw http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(cookieBrowser); err == nil && len(c.Value) >= 16 && len(c.Value) <= 64 {
		return c.Value
	}
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	id := base64.RawURLEncoding.EncodeToString(b)
	w.setCookie(rw, cookieBrowser, id, cookieAge)
	return id
}

// csrf is the token a form carries: the browser's name signed. A form
// is accepted only with its own browser's cookie.
func (w *Web) csrf(browser string) string { return w.mac("csrf", browser) }

// csrfOK checks a posted form's token against the browser's cookie, in
// constant time.
func (w *Web) csrfOK(r *http.Request) bool {
	c, err := r.Cookie(cookieBrowser)
	if err != nil || c.Value == "" {
		return false
	}
	return macOK(w.csrf(c.Value), r.PostFormValue("csrf"))
}

// participantCookie is the signed resume code.
func (w *Web) participantCookie(code string) string {
	return code + "." + w.mac("participant", w.srv.SessionName(), code)
}

// resumeCode is the resume code the participant cookie carries, if its
// signature is this server's for this session.
func (w *Web) resumeCode(r *http.Request) (string, bool) {
	c, err := r.Cookie(cookieParticipant)
	if err != nil {
		return "", false
	}
	code, sig, ok := strings.Cut(c.Value, ".")
	if !ok || code == "" || !macOK(w.mac("participant", w.srv.SessionName(), code), sig) {
		return "", false
	}
	return code, true
}

// lang is the participant's language: the one they chose, else the
// browser's first preference between Chinese and English, else Chinese.
func lang(r *http.Request) i18n.Lang {
	if c, err := r.Cookie(cookieLang); err == nil {
		if l, ok := i18n.Parse(c.Value); ok {
			return l
		}
	}
	for part := range strings.SplitSeq(r.Header.Get("Accept-Language"), ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		if l, ok := i18n.Parse(tag); ok {
			return l
		}
	}
	return i18n.ZH
}

// keyed serialises the requests of one participant on this instance, so
// that two tabs posting at once take turns instead of superseding each
// other's claim.
type keyed struct {
	mu sync.Mutex
	m  map[string]*keyedLock
}

type keyedLock struct {
	sync.Mutex
	n int
}

func (k *keyed) lock(id string) (unlock func()) {
	k.mu.Lock()
	if k.m == nil {
		k.m = map[string]*keyedLock{}
	}
	l := k.m[id]
	if l == nil {
		l = &keyedLock{}
		k.m[id] = l
	}
	l.n++
	k.mu.Unlock()
	l.Lock()
	return func() {
		l.Unlock()
		k.mu.Lock()
		if l.n--; l.n == 0 {
			delete(k.m, id)
		}
		k.mu.Unlock()
	}
}

// joinedBy remembers, for a moment, the participant a browser has just
// joined as: a second tap on 开始 (its cookie not back yet) joins the
// same participant instead of a second one.
type joinedBy struct {
	code string
	at   time.Time
}

const rejoinWindow = time.Minute

func (w *Web) recentJoin(browser string) (string, bool) {
	w.joinMu.Lock()
	defer w.joinMu.Unlock()
	j, ok := w.joined[browser]
	if !ok || w.cfg.Now().Sub(j.at) > rejoinWindow {
		return "", false
	}
	return j.code, true
}

func (w *Web) rememberJoin(browser, code string) {
	w.joinMu.Lock()
	defer w.joinMu.Unlock()
	now := w.cfg.Now()
	if len(w.joined) >= 4096 {
		for b, j := range w.joined {
			if now.Sub(j.at) > rejoinWindow {
				delete(w.joined, b)
			}
		}
	}
	if len(w.joined) < 4096 {
		w.joined[browser] = joinedBy{code, now}
	}
}

// forgetJoin drops what browser joined as: it signed out.
func (w *Web) forgetJoin(browser string) {
	w.joinMu.Lock()
	defer w.joinMu.Unlock()
	delete(w.joined, browser)
}
