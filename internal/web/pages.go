package web

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"

	"github.com/tangping-dev/tangping/internal/i18n"
)

//go:embed templates/*.tmpl
var templateFiles embed.FS

// pages are the page templates, each over the one layout.
type pages struct{ by map[string]*template.Template }

var pageNames = []string{"welcome", "about", "question", "review", "result", "message"}

func parsePages() (*pages, error) {
	base, err := template.ParseFS(templateFiles, "templates/layout.tmpl")
	if err != nil {
		return nil, err
	}
	p := &pages{by: map[string]*template.Template{}}
	for _, name := range pageNames {
		t, err := base.Clone()
		if err == nil {
			t, err = t.ParseFS(templateFiles, "templates/"+name+".tmpl")
		}
		if err != nil {
			return nil, err
		}
		p.by[name] = t
	}
	return p, nil
}

// view is what every page is drawn from: the layout's parts and the
// page's own data (D).
type view struct {
	Lang      i18n.Lang
	HTMLLang  string
	OtherCode string // the other language, for the switch
	Other     string
	OtherHTML string
	CSRF      string
	CSS, JS   string
	Path      string // this page, where the language switch returns
	Err       string // why the last form was not accepted
	D         any
}

// T picks the Chinese or the English text: the pages' own words, which
// no other face shows, are written in the templates beside each other.
func (v view) T(zh, en string) string { return v.Lang.T(zh, en) }

// render draws page name with data d, status and err (a form's error),
// as a page no cache keeps (it shows a person's answers).
func (w *Web) render(rw http.ResponseWriter, r *http.Request, status int, name string, d any, err string) {
	l := lang(r)
	v := view{Lang: l, HTMLLang: "zh-CN", OtherCode: "en", Other: "English", OtherHTML: "en",
		CSRF: w.csrf(w.browser(rw, r)), CSS: w.assets.css.path, JS: w.assets.js.path,
		Path: r.URL.Path, Err: err, D: d}
	if l == i18n.EN {
		v.HTMLLang, v.OtherCode, v.Other, v.OtherHTML = "en", "zh", "中文", "zh-CN"
	}
	if r.Method != http.MethodGet || r.URL.Path == "/join" {
		v.Path = "/"
	}
	var b bytes.Buffer
	if e := w.pages.by[name].ExecuteTemplate(&b, "layout", v); e != nil {
		w.log.Error("web: page", "page", name, "err", e)
		http.Error(rw, "internal error", http.StatusInternalServerError)
		return
	}
	h := rw.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	rw.WriteHeader(status)
	_, _ = rw.Write(b.Bytes())
}

// message is a page of a few sentences, with a button to go on.
type message struct {
	Title      string
	Lines      []string
	Href, Link string
}

func (w *Web) message(rw http.ResponseWriter, r *http.Request, status int, m message) {
	w.render(rw, r, status, "message", m, "")
}
