package web

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tangping-dev/tangping/internal/autosave"
	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/quiz"
	"github.com/tangping-dev/tangping/internal/report"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/server"
	"github.com/tangping-dev/tangping/internal/store"
)

// The content security policies. Pages load only this server's
// stylesheet and script; nothing may frame them. The personal report is
// a self-contained document with its styles inline and no script at all,
// so its policy allows inline styles and nothing else.
const (
	cspPages  = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
	cspReport = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)

// Handler is the web face's routes behind its guard.
func (w *Web) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", w.welcome)
	mux.HandleFunc("GET /j/{code}", w.welcome)
	mux.HandleFunc("GET /J/{code}", w.welcome)
	mux.HandleFunc("POST /join", w.join)
	mux.HandleFunc("GET /about", w.about)
	mux.HandleFunc("POST /about", w.aboutPost)
	mux.HandleFunc("GET /q/{n}", w.question)
	mux.HandleFunc("POST /q/{n}", w.answer)
	mux.HandleFunc("GET /review", w.review)
	mux.HandleFunc("POST /submit", w.submit)
	mux.HandleFunc("GET /result", w.result)
	mux.HandleFunc("GET /report", w.report)
	mux.HandleFunc("GET /download/{file}", w.download)
	mux.HandleFunc("POST /restart", w.restart)
	mux.HandleFunc("POST /leave", w.leave)
	mux.HandleFunc("POST /lang", w.setLang)
	mux.HandleFunc("GET /favicon.ico", func(rw http.ResponseWriter, _ *http.Request) { rw.WriteHeader(http.StatusNoContent) })
	mux.HandleFunc("/", w.notFound)
	return w.guard(mux)
}

// guard is what every request passes first: the security headers, the
// gate's place for its connection, and for a form the size limit, the
// same-origin check and the CSRF token.
func (w *Web) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		h := rw.Header()
		h.Set("Content-Security-Policy", cspPages)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		l := lang(r)
		// A form is read before the request takes a place of those
		// being served: a body sent a byte at a time holds only a
		// place of connections not yet heard in full, which a newcomer
		// takes once it has stalled (docs/security.md).
		if r.Method == http.MethodPost {
			r.Body = http.MaxBytesReader(rw, r.Body, maxBody)
			if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
				http.Error(rw, "form expected", http.StatusUnsupportedMediaType)
				return
			}
			if err := r.ParseForm(); err != nil {
				var tooBig *http.MaxBytesError
				if errors.As(err, &tooBig) {
					http.Error(rw, l.T("提交的内容太长。", "The form is too large."), http.StatusRequestEntityTooLarge)
					return
				}
				http.Error(rw, "bad form", http.StatusBadRequest)
				return
			}
		}
		if c, ok := r.Context().Value(connKey{}).(net.Conn); ok && !w.admit(r, gated(c)) {
			h.Set("Retry-After", "5")
			h.Set("Connection", "close")
			http.Error(rw, l.T("服务器正忙（同时连接的太多），请几秒后刷新。", "The server is busy (too many connections at once); reload in a few seconds."), http.StatusServiceUnavailable)
			return
		}
		if r.Method == http.MethodPost && (!sameOrigin(r) || !w.csrfOK(r)) {
			w.staleForm(rw, r)
			return
		}
		next.ServeHTTP(rw, r)
	})
}

// admit gives the request a place of those being served. A participant
// this server signed a cookie for, on any page but the join form (the
// one that checks codes), needs no place of the total, which wrong
// codes pending at other addresses may hold (server.AdmitKnown).
func (w *Web) admit(r *http.Request, c net.Conn) bool {
	if _, known := w.resumeCode(r); known && r.URL.Path != "/join" {
		return w.srv.AdmitKnown(c)
	}
	return w.srv.Admit(c)
}

// sameOrigin refuses a form that a page of another origin sent, when
// the browser says so: Sec-Fetch-Site is cross-site or same-site (another
// port of the same address), or Origin names another host. Origin is
// "null" for our own forms (the pages send no referrer), so it proves
// nothing either way; the CSRF token does.
func sameOrigin(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "cross-site", "same-site":
		return false
	}
	o := r.Header.Get("Origin")
	if o == "" || o == "null" {
		return true
	}
	u, err := url.Parse(o)
	return err == nil && strings.EqualFold(u.Host, r.Host)
}

// staleForm answers a form without a valid token: a page kept open from
// an earlier session, cookies switched off, or another site's form.
func (w *Web) staleForm(rw http.ResponseWriter, r *http.Request) {
	l := lang(r)
	lines := []string{l.T("这一页已过期，或者浏览器没有保存本站的 Cookie，作答没有提交。", "This page has expired, or the browser keeps no cookie for this site: nothing was submitted."),
		l.T("请重新打开本站首页；如果仍然不行，请在浏览器设置里允许 Cookie。", "Open the first page again; if this keeps happening, allow cookies in the browser's settings.")}
	w.message(rw, r, http.StatusForbidden, message{Title: l.T("请重新打开", "Please reopen"), Lines: lines, Href: "/", Link: l.T("回到首页", "First page")})
}

func (w *Web) notFound(rw http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/static/") && w.assets.serve(rw, r) {
		return
	}
	l := lang(r)
	w.message(rw, r, http.StatusNotFound, message{Title: l.T("没有这一页", "No such page"), Href: "/", Link: l.T("回到首页", "First page")})
}

// trouble answers a request the database failed.
func (w *Web) trouble(rw http.ResponseWriter, r *http.Request, err error) {
	l := lang(r)
	w.log.Error("web: store", "path", r.URL.Path, "err", err)
	lines := []string{server.StoreTrouble(l)}
	if r.Method == http.MethodPost {
		lines = append(lines, l.T("这一步没有保存；之前的每一题都已保存。", "This step was not saved; every answer before it is."))
	}
	w.message(rw, r, http.StatusServiceUnavailable, message{Title: l.T("暂时出错", "Something went wrong"), Lines: lines, Href: r.URL.Path, Link: l.T("重试", "Try again")})
}

// see sends the browser on with 303 See Other: a reload of the page it
// lands on never posts again.
func see(rw http.ResponseWriter, r *http.Request, to string) {
	http.Redirect(rw, r, to, http.StatusSeeOther)
}

// who is the participant the request's cookie names.
func (w *Web) who(r *http.Request) (store.Participant, bool, error) {
	code, ok := w.resumeCode(r)
	if !ok {
		return store.Participant{}, false, nil
	}
	p, err := w.srv.Returning(r.Context(), code)
	if errors.Is(err, store.ErrNotFound) {
		return store.Participant{}, false, nil
	}
	return p, err == nil, err
}

// participant is who asks, or false after answering for them: sent to
// the first page when nobody is known, to the result once completed
// (unless done is true), to the closing message once the session ended.
func (w *Web) participant(rw http.ResponseWriter, r *http.Request, done bool) (store.Participant, bool) {
	p, ok, err := w.who(r)
	switch {
	case err != nil:
		w.trouble(rw, r, err)
		return p, false
	case !ok:
		see(rw, r, "/")
		return p, false
	case p.Result != nil && !done:
		see(rw, r, "/result")
		return p, false
	case p.Result == nil && done:
		see(rw, r, w.next(p, lang(r)))
		return p, false
	}
	if _, ended := w.srv.Ended(); ended && p.Result == nil {
		w.ended(rw, r, p)
		return p, false
	}
	return p, true
}

// ended says the questionnaire cannot go on: the trainer ended the
// session.
func (w *Web) ended(rw http.ResponseWriter, r *http.Request, p store.Participant) {
	l := lang(r)
	lines := []string{l.T("培训老师已结束本场会话，问卷不能再继续作答了。", "The trainer has ended the session; the questionnaire cannot be continued.")}
	if p.ID != "" {
		lines = append(lines, l.T("已作答的每一题都保存在培训服务器上。续答码：", "Every answer given is kept on the trainer's server. Resume code: ")+server.FormatCode(p.ResumeCode))
	}
	w.message(rw, r, http.StatusConflict, message{Title: l.T("会话已结束", "Session ended"), Lines: lines})
}

// progress is p's saved progress when it is for this bank.
func (w *Web) progress(p store.Participant) *autosave.State {
	if g := p.Progress; g != nil && g.BankSHA256 == w.bank.SHA256 {
		return g
	}
	return nil
}

// session rebuilds p's questionnaire, saving through t when given (a
// form), read-only without (a page).
func (w *Web) session(p store.Participant, l i18n.Lang, t *server.Turn) *quiz.Session {
	o := quiz.Options{Bank: w.bank, Lang: l, Resume: w.progress(p), Now: w.cfg.Now}
	if t != nil {
		o.Store, o.Submit = t.Progress, t.Submit
	}
	q := quiz.New(o)
	if o.Resume != nil {
		q.Resume()
	}
	return q
}

// next is the page where p carries on: the about-you step before any
// progress, the question showing when they stopped, the review when all
// are answered, the result once submitted.
func (w *Web) next(p store.Participant, l i18n.Lang) string {
	if p.Result != nil {
		return "/result"
	}
	if w.progress(p) == nil {
		return "/about"
	}
	return placeURL(w.session(p, l, nil).Place())
}

func placeURL(pl quiz.Place) string {
	switch {
	case pl.Review:
		return "/review"
	case pl.Return:
		return fmt.Sprintf("/q/%d?r=1", pl.Index+1)
	}
	return fmt.Sprintf("/q/%d", pl.Index+1)
}

var errCompleted = errors.New("web: already completed")

// apply runs one operation on p's questionnaire under a fresh claim and
// returns the session it left. The participant's requests on this
// instance take turns; a claim lost to another instance is taken again.
func (w *Web) apply(ctx context.Context, p store.Participant, l i18n.Lang, op func(*quiz.Session) error) (*quiz.Session, error) {
	unlock := w.locks.lock(p.ID)
	defer unlock()
	for try := 0; ; try++ {
		t, err := w.srv.Take(ctx, p, l)
		if err != nil {
			return nil, err
		}
		if t.Participant.Result != nil {
			return nil, errCompleted
		}
		q := w.session(t.Participant, l, &t)
		err = op(q)
		if errors.Is(err, store.ErrSuperseded) && try < 3 {
			continue
		}
		return q, err
	}
}

// remote is the request's address as the gate counts it.
func remote(r *http.Request) string { return server.AddrKey(remoteAddr(r.RemoteAddr)) }

type remoteAddr string

func (remoteAddr) Network() string  { return "tcp" }
func (a remoteAddr) String() string { return string(a) }

type welcomeData struct {
	Title, Purpose, Length, Recall, Privacy string
	Ended                                   string
	Code, Resume                            string // the form's values; Code is the resume code when Returning
	Returning                               bool
	Unfinished                              string
	ResumeCode, ResumeCodeUse               string
	Next, Continue, StartOver               string
}

func (w *Web) keeper() quiz.Keeper { return quiz.Keeper{Server: true, Names: w.srv.CollectNames()} }

func (w *Web) welcomeData(l i18n.Lang) welcomeData {
	words := quiz.Say(l)
	return welcomeData{
		Title: w.bank.Title.In(l), Purpose: w.bank.Purpose.In(l), Length: words.Length(len(w.bank.Items)),
		Recall: w.bank.RecallWindow.In(l), Privacy: w.keeper().Privacy(l),
		ResumeCode: words.ResumeCode(), ResumeCodeUse: words.ResumeCodeUse(),
	}
}

// welcome is the first page: what the questionnaire is, the privacy
// promise, and the form to join (the code filled in when the address
// came from the QR code); for a returning participant, where to carry on.
func (w *Web) welcome(rw http.ResponseWriter, r *http.Request) {
	l := lang(r)
	p, ok, err := w.who(r)
	if err != nil {
		w.trouble(rw, r, err)
		return
	}
	if ok && p.Result != nil {
		see(rw, r, "/result")
		return
	}
	d := w.welcomeData(l)
	if code := r.PathValue("code"); code != "" {
		d.Code = server.FormatCode(normalize(code))
	}
	if _, ended := w.srv.Ended(); ended {
		d.Ended = l.T("培训老师已结束本场会话，不能再加入或作答。已完成的学员仍可用原来的手机打开本站下载结果。",
			"The trainer has ended the session: no one can join or answer now. Those who completed can still open this site on their phone to download their result.")
	} else if ok {
		words := quiz.Say(l)
		d.Returning, d.Code, d.Next, d.Continue = true, server.FormatCode(p.ResumeCode), w.next(p, l), words.Start()
		if g := w.progress(p); quiz.Resumable(g) {
			d.Unfinished = words.Unfinished(len(g.Answers), len(w.bank.Items), g.UpdatedAt.Local().Format("2006-01-02 15:04"))
			d.Continue, d.StartOver = words.Resume(), words.StartOver()
		}
	}
	w.render(rw, r, http.StatusOK, "welcome", d, "")
}

// join checks the session code (and a resume code, when one is typed)
// with the server's pacer, and names the browser's participant: the
// one the resume code names, the one it already has, or a new one.
func (w *Web) join(rw http.ResponseWriter, r *http.Request) {
	l := lang(r)
	if _, ended := w.srv.Ended(); ended {
		w.ended(rw, r, store.Participant{})
		return
	}
	browser := w.browser(rw, r)
	unlock := w.locks.lock("browser " + browser)
	defer unlock()
	code, resume := r.PostFormValue("code"), normalize(r.PostFormValue("resume"))
	addr := remote(r)
	refuse := func(msg string) {
		d := w.welcomeData(l)
		d.Code, d.Resume = limit(code, 40), limit(resume, 40)
		w.render(rw, r, http.StatusForbidden, "welcome", d, msg)
	}
	if !w.srv.CheckCode(addr, code) {
		refuse(l.T("会议码不正确：请核对培训老师屏幕上的 8 位会议码（字母不分大小写，短横线可不输）。", "Wrong session code: check the 8 characters on the trainer's screen (any case; the dash is optional)."))
		return
	}
	var p store.Participant
	var err error
	switch prev, had, werr := w.who(r); {
	case resume != "":
		p, err = w.srv.ResumeWith(r.Context(), addr, resume)
		if errors.Is(err, server.ErrWrongCode) {
			refuse(l.T("没有这个续答码：请核对你之前页面上的 10 位续答码；第一次参加请把这一栏留空。", "No such resume code: check the 10 characters from your earlier page; first time here? Leave it empty."))
			return
		}
	case werr != nil:
		err = werr
	case had:
		p = prev
	default:
		if again, ok := w.recentJoin(browser); ok {
			p, err = w.srv.Returning(r.Context(), again)
			break
		}
		p, err = w.srv.NewParticipant(r.Context())
		if err == nil {
			w.rememberJoin(browser, p.ResumeCode)
			w.log.Info("joined", "addr", addr, "participant", shortID(p.ID), "face", "web")
		}
	}
	if err != nil {
		w.trouble(rw, r, err)
		return
	}
	w.setCookie(rw, cookieParticipant, w.participantCookie(p.ResumeCode), cookieAge)
	see(rw, r, w.next(p, l))
}

func shortID(id string) string { return id[:min(8, len(id))] }

// limit cuts s to n characters.
func limit(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

type aboutData struct {
	Title, Note      string
	AsksName         bool
	Labels           [3]string
	Name, Unit, Role string
	Start, Anonymous string
}

// about is the optional about-you step.
func (w *Web) about(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.participant(rw, r, false)
	if !ok {
		return
	}
	l := lang(r)
	words := quiz.Say(l)
	d := aboutData{Title: words.AboutTitle(), Note: w.keeper().AboutNote(l), AsksName: w.keeper().AsksName(),
		Labels: words.AboutLabels(), Start: words.Start(), Anonymous: words.Anonymous()}
	if g := w.progress(p); g != nil {
		d.Name, d.Unit, d.Role = g.Respondent.Name, g.Respondent.Unit, g.Respondent.Role
	}
	w.render(rw, r, http.StatusOK, "about", d, "")
}

func (w *Web) aboutPost(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.participant(rw, r, false)
	if !ok {
		return
	}
	l := lang(r)
	var who result.Respondent
	if r.PostFormValue("how") != "anon" {
		who = result.Respondent{Unit: field(r, "unit"), Role: field(r, "role")}
		if w.keeper().AsksName() {
			who.Name = field(r, "name")
		}
	}
	q, err := w.apply(r.Context(), p, l, func(q *quiz.Session) error {
		if w.progress(p) == nil {
			// The first step of a new participant: keep progress from
			// now on (a store that cannot clear gets an empty one).
			if err := q.Restart(); err != nil {
				return err
			}
		}
		return q.SetRespondent(who)
	})
	w.after(rw, r, q, err)
}

// field is a form field as a name is kept: trimmed, at most 60
// characters (the terminal's limit).
func field(r *http.Request, name string) string {
	return limit(strings.TrimSpace(r.PostFormValue(name)), 60)
}

// after answers a form that changed the questionnaire: on to the place
// it left, or why it could not be saved.
func (w *Web) after(rw http.ResponseWriter, r *http.Request, q *quiz.Session, err error) {
	switch {
	case errors.Is(err, errCompleted):
		see(rw, r, "/result")
	case err != nil:
		w.trouble(rw, r, err)
	default:
		see(rw, r, placeURL(q.Place()))
	}
}

type option struct {
	Key    int
	Label  string
	Chosen bool
}

type questionData struct {
	Of, Answered, Recall, Text string
	N, Done                    int
	Options                    []option
	ChosenWord                 string
	Action                     string
	Shown                      int64
	Return                     bool
	Prev, PrevLabel            string
	ResumeCode, Code           string
	ResumeCodeUse              string
}

// index is question n of the path, from 0, or false.
func (w *Web) index(r *http.Request) (int, bool) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 || n > len(w.bank.Items) {
		return 0, false
	}
	return n - 1, true
}

// atQuestion is the question a /q/N request is about and who asks; when
// it is false the page has been answered (not found, or sent on).
func (w *Web) atQuestion(rw http.ResponseWriter, r *http.Request) (int, store.Participant, bool) {
	i, ok := w.index(r)
	if !ok {
		w.notFound(rw, r)
		return 0, store.Participant{}, false
	}
	p, ok := w.participant(rw, r, false)
	return i, p, ok
}

// question shows one question with its answer so far.
func (w *Web) question(rw http.ResponseWriter, r *http.Request) {
	i, p, ok := w.atQuestion(rw, r)
	if !ok {
		return
	}
	l := lang(r)
	words := quiz.Say(l)
	q := w.session(p, l, nil)
	n := len(w.bank.Items)
	ret := r.URL.Query().Get("r") == "1"
	d := questionData{
		Of: words.QuestionOf(i, n), Answered: words.Answered(q.Answered()), Recall: w.bank.RecallWindow.In(l),
		Text: w.bank.Items[i].Text.In(l), N: n, Done: q.Answered(), ChosenWord: words.Chosen(),
		Action: fmt.Sprintf("/q/%d", i+1), Shown: w.cfg.Now().UnixMilli(), Return: ret,
		ResumeCode: words.ResumeCode(), Code: server.FormatCode(p.ResumeCode), ResumeCodeUse: words.ResumeCodeUse(),
	}
	chosen := q.Option(i)
	for k, a := range w.bank.Scale {
		d.Options = append(d.Options, option{Key: k + 1, Label: a.Label.In(l), Chosen: k == chosen})
	}
	switch {
	case ret:
		d.Prev, d.PrevLabel = "/review", words.ReviewTitle()
	case i > 0:
		d.Prev, d.PrevLabel = fmt.Sprintf("/q/%d", i), l.T("上一题", "Previous")
	}
	w.render(rw, r, http.StatusOK, "question", d, "")
}

// answer saves the answer (or the skip) to question n and moves on.
func (w *Web) answer(rw http.ResponseWriter, r *http.Request) {
	i, p, ok := w.atQuestion(rw, r)
	if !ok {
		return
	}
	skip := r.PostFormValue("skip") != ""
	k, err := strconv.Atoi(r.PostFormValue("a"))
	if !skip && (err != nil || k < 1 || k > len(w.bank.Scale)) {
		http.Error(rw, "no such answer", http.StatusBadRequest)
		return
	}
	shown := w.cfg.Now()
	if ms, err := strconv.ParseInt(r.PostFormValue("t"), 10, 64); err == nil {
		shown = time.UnixMilli(ms)
	}
	ret := r.PostFormValue("r") == "1"
	q, err := w.apply(r.Context(), p, lang(r), func(q *quiz.Session) error {
		if err := q.Goto(quiz.Place{Index: i, Return: ret}); err != nil {
			return err
		}
		q.ShownAt(shown)
		if skip {
			return q.Skip()
		}
		return q.Choose(k - 1)
	})
	w.after(rw, r, q, err)
}

type reviewItem struct {
	N            int
	Text, Answer string
	Answered     bool
	Href         string
}

type reviewData struct {
	Title, Summary, Missing    string
	Items                      []reviewItem
	SubmitTitle, Status, Where string
	Submit                     string
}

func (w *Web) reviewData(q *quiz.Session, l i18n.Lang) reviewData {
	words := quiz.Say(l)
	n := len(w.bank.Items)
	d := reviewData{Title: words.ReviewTitle(), SubmitTitle: words.SubmitTitle(),
		Status: words.SubmitStatus(q.Unanswered(), n), Where: w.keeper().SubmitWhere(l), Submit: words.Submit()}
	d.Summary, d.Missing = words.ReviewSummary(q.Answered(), n)
	for i, it := range w.bank.Items {
		x := reviewItem{N: i + 1, Text: it.Text.In(l), Answer: words.NoAnswer(), Href: fmt.Sprintf("/q/%d?r=1", i+1)}
		if k := q.Option(i); k >= 0 {
			x.Answer, x.Answered = w.bank.Scale[k].Label.In(l), true
		}
		d.Items = append(d.Items, x)
	}
	return d
}

// review shows every answer, and the submit button.
func (w *Web) review(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.participant(rw, r, false)
	if !ok {
		return
	}
	l := lang(r)
	w.render(rw, r, http.StatusOK, "review", w.reviewData(w.session(p, l, nil), l), "")
}

// submit scores the answers and keeps the result; a second submit (a
// double tap, a reload) finds it kept and shows it.
func (w *Web) submit(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.participant(rw, r, false)
	if !ok {
		return
	}
	l := lang(r)
	q, err := w.apply(r.Context(), p, l, func(q *quiz.Session) error {
		_, _, err := q.Submit()
		return err
	})
	switch {
	case errors.Is(err, errCompleted) || err == nil:
		see(rw, r, "/result")
	default:
		w.log.Error("web: submit", "participant", shortID(p.ID), "err", err)
		words := quiz.Say(l)
		w.render(rw, r, http.StatusServiceUnavailable, "review", w.reviewData(q, l), words.SubmitFailed()+server.StoreTrouble(l)+" "+words.KeptAsProgress())
	}
}

type resultData struct {
	Title, Code, Until string
}

// result is the participant's own page after submitting: their report,
// its downloads, and the resume code for another device.
func (w *Web) result(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.participant(rw, r, true)
	if !ok {
		return
	}
	l := lang(r)
	d := resultData{Title: quiz.Say(l).ResultTitle(), Code: server.FormatCode(p.ResumeCode)}
	if until, ended := w.srv.Ended(); ended {
		d.Until = l.T(fmt.Sprintf("会话已结束：请在 %s 前下载你的结果，之后服务器关闭。", until.Format("15:04")),
			fmt.Sprintf("The session has ended: download your result before %s, when the server closes.", until.Format("15:04")))
	}
	w.render(rw, r, http.StatusOK, "result", d, "")
}

// report shows the participant's own full report: the same HTML report
// as `tangping report`, self-contained.
func (w *Web) report(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.participant(rw, r, true)
	if !ok {
		return
	}
	b, ok := w.ownBank(rw, r, p)
	if !ok {
		return
	}
	page, err := report.HTML(p.Result, b, lang(r))
	if err != nil {
		w.trouble(rw, r, err)
		return
	}
	rw.Header().Set("Content-Security-Policy", cspReport)
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.Header().Set("Cache-Control", "no-store")
	_, _ = rw.Write([]byte(page))
}

// ownBank is the bank a participant's stored result was scored with, once
// the result is recomputed from its answers and agrees: a report is never
// drawn from figures the answers do not give, nor against a bank the
// session was restarted with (docs/verification.md). When it fails, the
// participant is told and the log says so without any figure.
func (w *Web) ownBank(rw http.ResponseWriter, r *http.Request, p store.Participant) (*bank.Bank, bool) {
	b, err := w.srv.Verify(p.Result)
	if err == nil {
		return b, true
	}
	l := lang(r)
	w.log.Warn("web: a stored result differs from its answers, or its bank is unknown; no report drawn", "participant", shortID(p.ID))
	w.message(rw, r, http.StatusConflict, message{
		Title: l.T("无法生成报告", "No report can be drawn"),
		Lines: []string{l.T("服务器上存的这份结果与它的作答对不上（或找不到它的题库），所以不生成报告。请告诉培训老师；你的作答仍然保存着。",
			"The result stored on the server does not match its answers (or its bank is unknown), so no report is drawn. Please tell the trainer; your answers are still kept.")},
		Href: "/result", Link: l.T("返回", "Back"),
	})
	return nil, false
}

// download hands the participant their result file or report.
func (w *Web) download(rw http.ResponseWriter, r *http.Request) {
	file := r.PathValue("file")
	if file != "result.json" && file != "report.html" {
		w.notFound(rw, r)
		return
	}
	p, ok := w.participant(rw, r, true)
	if !ok {
		return
	}
	var data []byte
	var err error
	day := p.Result.CompletedAt.Local().Format("20060102")
	name := "tangping-result-" + day + ".json"
	kind := "application/json"
	if file == "report.html" {
		b, ok := w.ownBank(rw, r, p)
		if !ok {
			return
		}
		var page string
		page, err = report.HTML(p.Result, b, lang(r))
		data, name, kind = []byte(page), "tangping-report-"+day+".html", "text/html; charset=utf-8"
		rw.Header().Set("Content-Security-Policy", cspReport)
	} else {
		data, err = result.Encode(p.Result)
	}
	if err != nil {
		w.trouble(rw, r, err)
		return
	}
	rw.Header().Set("Content-Type", kind)
	rw.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	rw.Header().Set("Cache-Control", "no-store")
	_, _ = rw.Write(data)
	w.log.Info("result downloaded", "participant", shortID(p.ID), "file", file, "face", "web")
}

// restart drops the answers given and begins again.
func (w *Web) restart(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.participant(rw, r, false)
	if !ok {
		return
	}
	_, err := w.apply(r.Context(), p, lang(r), func(q *quiz.Session) error { return q.Restart() })
	if err != nil && !errors.Is(err, errCompleted) {
		w.trouble(rw, r, err)
		return
	}
	see(rw, r, "/about")
}

// leave forgets the participant in this browser (a shared phone); their
// answers and result stay on the server, for their resume code. The join
// a double tap would repeat is forgotten too: the next person to tap 开始
// on this phone is someone else.
func (w *Web) leave(rw http.ResponseWriter, r *http.Request) {
	w.clearCookie(rw, cookieParticipant)
	if c, err := r.Cookie(cookieBrowser); err == nil {
		w.forgetJoin(c.Value)
	}
	see(rw, r, "/")
}

// setLang switches the language and goes back to the page.
func (w *Web) setLang(rw http.ResponseWriter, r *http.Request) {
	if l, ok := i18n.Parse(r.PostFormValue("to")); ok {
		w.setCookie(rw, cookieLang, string(l), cookieAge)
	}
	next := r.PostFormValue("next")
	// Browsers drop tabs and newlines from an address and read a
	// backslash as a slash: "/\t/x" would be "//x", another site.
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsRune(next, '\\') || strings.ContainsFunc(next, unicode.IsControl) {
		next = "/"
	}
	see(rw, r, next)
}
