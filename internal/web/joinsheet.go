package web

import (
	"bytes"
	"html/template"
	"sync"

	"github.com/tangping-dev/tangping/internal/htmlpage"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/palette"
	"github.com/tangping-dev/tangping/internal/qrcode"
	"github.com/tangping-dev/tangping/internal/server"
)

// Sheet is what the printed join sheet says.
type Sheet struct {
	Lang        i18n.Lang
	Title       string // the questionnaire's
	Session     string
	Secure      bool // https
	Host        string
	Port        int
	Code        string
	Fingerprint string // of the certificate, with Secure
}

// sheetTemplate is parsed when a join sheet is first made, not at every
// start of the program (docs/performance.md).
var sheetTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.ParseFS(templateFiles, "templates/joinsheet.tmpl"))
})

// JoinSheet is a printable A4 page: the QR code of the join address
// (inline SVG, so the file needs nothing else), the address to type, and
// the session code, with three steps. It is self-contained: print it, or
// project it.
func JoinSheet(s Sheet) (string, error) {
	join := JoinAddress(s.Secure, s.Host, s.Port, s.Code)
	c, err := qrcode.Encode(join)
	if err != nil {
		return "", err
	}
	l := s.Lang
	if !s.Secure {
		s.Fingerprint = ""
	}
	data := struct {
		Sheet
		HTMLLang        string
		CSS             template.CSS
		QR              template.HTML
		URL, FormatCode string
	}{Sheet: s, HTMLLang: "zh-CN", URL: Address(s.Secure, s.Host, s.Port),
		CSS: template.CSS(htmlpage.CSS(palette.Light(), htmlpage.Print{Left: s.Title, Right: s.Session})),
		// The SVG is made here from modules and an escaped label: markup
		// of our own.
		QR: template.HTML(c.SVG(qrcode.QuietPaper, l.T("加入二维码：", "Join QR code: ")+join))}
	data.FormatCode = server.FormatCode(s.Code)
	if l == i18n.EN {
		data.HTMLLang = "en"
	}
	var b bytes.Buffer
	err = sheetTemplate().Execute(&b, data)
	return b.String(), err
}

// T picks the Chinese or the English text.
func (s Sheet) T(zh, en string) string { return s.Lang.T(zh, en) }
