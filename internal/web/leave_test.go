package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/server"
	"github.com/tangping-dev/tangping/internal/sshsim"
)

// A shared phone: the first cadre straight-lines through the
// questionnaire in well under a minute, submits, taps "not my phone:
// sign out" and hands the phone on. The next one taps 开始 on the same
// browser: they must become a new participant, not land on the first
// one's result (the join that a double tap repeats is remembered for a
// minute per browser; signing out must forget it).
func TestSignOutForgetsTheJoinOnASharedPhone(t *testing.T) {
	t.Parallel()
	r := open(t, server.Config{}, false)
	a := r.phone().join()
	first := a.resumeCodeOn("/q/1")
	if _, err := a.Complete(sshsim.RandomPlan(len(r.bank.Items), 3).Values); err != nil {
		t.Fatal(err)
	}
	a.post("/leave", nil).must(200, "/")
	b := a.sameJar() // the same phone, the next person
	b.get("/").post("/join", map[string][]string{"code": {testCode}})
	if b.url == "/result" {
		t.Fatalf("the next person on a shared phone was shown the previous person's result")
	}
	b.must(200, "/about").post("/about", map[string][]string{"how": {"anon"}}).must(200, "/q/1")
	if second := b.resumeCode(); second == first {
		t.Fatalf("the next person on a shared phone became the previous participant (%s)", first)
	}
}

// The language switch goes back to a page of this site only: a "next"
// that a browser reads as another site's address (a tab or a newline
// inside "//", which browsers strip before reading it) goes to the first
// page instead. (The switch needs the form's token, so only the person
// at the phone could send such a "next"; still, no page of ours sends
// anyone elsewhere.)
func TestLanguageSwitchStaysOnThisSite(t *testing.T) {
	t.Parallel()
	r := open(t, server.Config{}, false)
	p := r.phone()
	p.get("/")
	u, _ := url.Parse(r.base)
	for _, next := range []string{"//evil.example/", "/\\t/evil.example/", "/\\t\\t/evil.example/", "/\\r/evil.example/", "/\\\\evil.example/", "/\\x00/evil.example/"} {
		next, _ = strconv.Unquote(`"` + next + `"`)
		v := p.form()
		v.Set("to", "en")
		v.Set("next", next)
		req := httptest.NewRequest(http.MethodPost, "/lang", strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for _, c := range p.C.Jar.Cookies(u) {
			req.AddCookie(c)
		}
		rec := httptest.NewRecorder()
		r.web.Handler().ServeHTTP(rec, req)
		res := rec.Result()
		// What a browser makes of the address: tabs and newlines
		// removed (the URL standard), a backslash read as a slash.
		loc := strings.NewReplacer("\t", "", "\n", "", "\r", "", "\\", "/").Replace(res.Header.Get("Location"))
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") {
			t.Errorf("next %q: %d to %q", next, res.StatusCode, res.Header.Get("Location"))
		}
	}
}
