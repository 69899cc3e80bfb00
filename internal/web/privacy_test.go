package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/server"
	"github.com/tangping-dev/tangping/internal/sshsim"
)

// The pages a phone is shown, as text to compare: the time a question
// was shown (a hidden field) is the only part that may differ between
// two loads of the same page.
var shownAt = regexp.MustCompile(`name="t" value="\d+"`)

func (p *phone) pages(paths ...string) map[string]string {
	p.t.Helper()
	out := map[string]string{}
	for _, path := range paths {
		p.get(path)
		out[path] = p.url + " " + shownAt.ReplaceAllString(p.body, `name="t"`)
	}
	return out
}

// complete answers every question with plan seed's answers and submits.
func (p *phone) complete(seed uint64) *phone {
	p.t.Helper()
	for _, v := range sshsim.RandomPlan(len(p.r.bank.Items), seed).Values {
		p.answer(v)
	}
	return p.post("/submit", nil).must(200, "/result")
}

// participantCookie is the browser's signed participant cookie.
func (p *phone) participantCookie() string {
	p.t.Helper()
	u, _ := url.Parse(p.r.base)
	for _, c := range p.C.Jar.Cookies(u) {
		if c.Name == cookieParticipant {
			return c.Value
		}
	}
	p.t.Fatal("no participant cookie")
	return ""
}

// A phone sees its own answers and nothing else. The participant cookie
// cannot be made to name someone else: a resume code without the
// server's signature, with another participant's signature or with a
// signature one character off opens nobody's pages. And nothing of the
// room reaches a phone: every page a participant is shown, from the
// first page to their downloads, is the same byte for byte before and
// after six others have joined, answered and submitted.
func TestAPhoneSeesOnlyItsOwn(t *testing.T) {
	t.Parallel()
	r := open(t, server.Config{}, false)

	midway := r.phone().join()
	for _, v := range sshsim.RandomPlan(len(r.bank.Items), 1).Values[:10] {
		midway.answer(v)
	}
	done := r.phone().join().complete(2)
	stranger := r.phone()
	midwayPaths := []string{"/", "/about", "/q/3", "/q/11", "/review", "/result", "/report"}
	donePaths := []string{"/", "/q/3", "/review", "/result", "/report", "/download/result.json", "/download/report.html"}
	before := []map[string]string{midway.pages(midwayPaths...), done.pages(donePaths...), stranger.pages("/", "/result")}

	var others []*phone
	for i := range 6 {
		others = append(others, r.phone().join().complete(uint64(10+i)))
	}
	after := []map[string]string{midway.pages(midwayPaths...), done.pages(donePaths...), stranger.pages("/", "/result")}
	for i, who := range []string{"a participant half-way", "a participant who submitted", "a phone that has not joined"} {
		for path, page := range before[i] {
			if after[i][path] != page {
				t.Errorf("%s: %s changed when others answered:\n%s\n----\n%s", who, path, excerpt(page), excerpt(after[i][path]))
			}
		}
	}

	// The cookie of another: B is a participant who submitted.
	b := others[0]
	bCookie := b.participantCookie()
	bCode, bSig, _ := strings.Cut(bCookie, ".")
	_, aSig, _ := strings.Cut(done.participantCookie(), ".")
	bResult := r.stored(bCode).Result
	if bResult == nil {
		t.Fatal("B has no result")
	}
	forge := func(value string) *phone {
		p := r.phone()
		p.get("/") // a browser cookie, as a real one has
		u, _ := url.Parse(r.base)
		p.C.Jar.SetCookies(u, []*http.Cookie{{Name: cookieParticipant, Value: value, Path: "/"}})
		return p
	}
	// The genuine cookie opens B's result: the forgeries below are
	// refused for their signature, not for the way they are sent.
	if p := forge(bCookie).get("/result"); p.url != "/result" || !strings.Contains(p.body, server.FormatCode(bCode)) {
		t.Fatalf("B's own cookie does not open B's result: %s\n%s", p.url, excerpt(p.body))
	}
	for name, value := range map[string]string{
		"the resume code unsigned":        bCode,
		"the resume code with a dot":      bCode + ".",
		"another participant's signature": bCode + "." + aSig,
		"a signature one character off":   bCode + "." + offByOne(bSig),
		"the code in lower case":          strings.ToLower(bCode) + "." + bSig,
	} {
		p := forge(value)
		for _, path := range []string{"/result", "/report", "/download/result.json", "/download/report.html", "/review", "/q/1"} {
			p.get(path)
			if p.url != "/" || strings.Contains(p.body, bResult.ID) || strings.Contains(p.body, server.FormatCode(bCode)) {
				t.Errorf("%s: %s opened %s:\n%s", name, path, p.url, excerpt(p.body))
			}
		}
	}

	// A participant's own pages name no one else.
	for _, page := range after[1] {
		for _, o := range others {
			code, _, _ := strings.Cut(o.participantCookie(), ".")
			if strings.Contains(page, server.FormatCode(code)) || strings.Contains(page, r.stored(code).Result.ID) {
				t.Errorf("a participant's page names another participant:\n%s", excerpt(page))
			}
		}
	}
}
