package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"net/http"
	"strings"

	"github.com/tangping-dev/tangping/internal/htmlpage"
	"github.com/tangping-dev/tangping/internal/palette"
)

//go:embed static/web.css static/web.js
var static embed.FS

// asset is one file the pages load, named by its content's hash so that
// a browser may keep it for good.
type asset struct {
	path, kind string
	body       []byte
}

type assets struct{ css, js asset }

// newAssets builds the stylesheet (the shared one generated from the
// palette, then the phone face's rules) and the enhancement script.
func newAssets() (assets, error) {
	css, err := static.ReadFile("static/web.css")
	if err != nil {
		return assets{}, err
	}
	js, err := static.ReadFile("static/web.js")
	if err != nil {
		return assets{}, err
	}
	shared := htmlpage.CSS(palette.Light(), htmlpage.Print{})
	return assets{
		css: named("web", ".css", "text/css; charset=utf-8", []byte(shared+"\n"+string(css))),
		js:  named("web", ".js", "text/javascript; charset=utf-8", js),
	}, nil
}

func named(base, ext, kind string, body []byte) asset {
	sum := sha256.Sum256(body)
	return asset{path: "/static/" + base + "." + hex.EncodeToString(sum[:6]) + ext, kind: kind, body: body}
}

// serve answers a request for the file at exactly its hashed path; any
// other path under /static is not found (nothing is listed).
func (a assets) serve(rw http.ResponseWriter, r *http.Request) bool {
	for _, f := range []asset{a.css, a.js} {
		if r.URL.Path == f.path {
			rw.Header().Set("Content-Type", f.kind)
			rw.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
			if !strings.EqualFold(r.Method, http.MethodHead) {
				_, _ = rw.Write(f.body)
			}
			return true
		}
	}
	return false
}
