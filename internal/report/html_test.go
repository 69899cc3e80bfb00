package report

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/tangping-dev/tangping/internal/i18n"
)

// voidElements have no end tag in HTML.
var voidElements = map[string]bool{"meta": true, "br": true, "hr": true, "img": true, "input": true, "link": true, "area": true, "base": true, "col": true, "embed": true, "source": true, "track": true, "wbr": true}

// checkBalanced tokenizes the page and fails on any end tag that does not
// close the innermost open element: the page must be well formed, not
// just something a forgiving parser can repair.
func checkBalanced(t *testing.T, page string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(page))
	var stack []string
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				t.Fatalf("tokenizer: %v", z.Err())
			}
			if len(stack) > 0 {
				t.Fatalf("unclosed elements at the end: %v", stack)
			}
			return
		case html.StartTagToken:
			name, _ := z.TagName()
			if !voidElements[string(name)] {
				stack = append(stack, string(name))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if len(stack) == 0 || stack[len(stack)-1] != string(name) {
				t.Fatalf("</%s> does not close the open element (open: %v)", name, stack)
			}
			stack = stack[:len(stack)-1]
		}
	}
}

func parse(t *testing.T, page string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func walk(n *html.Node, visit func(*html.Node)) {
	visit(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, visit)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// svgSource returns the markup of each <svg>…</svg> in the page.
func svgSources(page string) []string {
	var out []string
	for rest := page; ; {
		i := strings.Index(rest, "<svg")
		if i < 0 {
			return out
		}
		j := strings.Index(rest[i:], "</svg>")
		out = append(out, rest[i:i+j+len("</svg>")])
		rest = rest[i+j:]
	}
}

func TestHTMLStructure(t *testing.T) {
	r, b := fixture(t, "flagged")
	page, err := HTML(r, b, i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	checkBalanced(t, page)
	doc := parse(t, page)

	var radar, bars *html.Node
	var text strings.Builder
	walk(doc, func(n *html.Node) {
		switch {
		case n.Type == html.ElementNode && n.Data == "svg" && hasClass(n, "radar"):
			radar = n
		case n.Type == html.ElementNode && n.Data == "svg" && hasClass(n, "bars"):
			bars = n
		case n.Type == html.TextNode:
			text.WriteString(n.Data)
		}
	})
	if radar == nil || bars == nil {
		t.Fatalf("want both charts: radar %v, bars %v", radar != nil, bars != nil)
	}
	for _, name := range []string{"政治力强", "观念先进", "行动迅速", "善作善成", "勇争第一", "廉政为民"} {
		if !strings.Contains(text.String(), name) {
			t.Errorf("dimension %s is missing from the page's text", name)
		}
	}
	for _, want := range []string{"描述性区间，非常模", "为何得此分", "每月固定安排至少四天到基层一线"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// Each chart must also stand alone as well-formed SVG (XML).
	for _, src := range svgSources(page) {
		if err := xml.NewDecoder(strings.NewReader(src)).Decode(new(struct{})); err != nil {
			t.Errorf("an inline SVG is not well-formed XML: %v", err)
		}
	}

	// Ten bars; B06 遥控指挥 scores 81.25, so its bar is 272 × 0.8125 = 221 wide.
	var barWidths []string
	walk(bars, func(n *html.Node) {
		if n.Data == "rect" && hasClass(n, "bar") {
			barWidths = append(barWidths, attr(n, "width"))
		}
	})
	if len(barWidths) != 10 || barWidths[0] != "221" {
		t.Errorf("bars: want 10 with the first 221 wide, got %v", barWidths)
	}
	// The canvas fits the labels. Widest side label: "43 · 有待提升", 13
	// cells × 0.55 × 14 = 100.1, beside an axis end 128 × cos 30° = 110.85
	// from the centre, 10 apart: cx = ⌈110.85 + 10 + 100.1 + 8⌉ = 229. Above
	// the top axis: 10 + two lines × 1.2 × 15 = 36, so cy = ⌈128 + 46 + 8⌉ =
	// 182. D1 政治力强 scores 83.33 on the top axis: y = 182 − 128 × 0.8333.
	var dots []string
	walk(radar, func(n *html.Node) {
		if n.Data == "circle" {
			dots = append(dots, attr(n, "cx")+","+attr(n, "cy"))
		}
	})
	if len(dots) != 6 || dots[0] != "229,75.3" {
		t.Errorf("radar dots: want 6 with D1 at 229,75.3, got %v", dots)
	}
}

// A page that must open on an intranet with no internet may fetch nothing:
// no scripts, stylesheets, fonts, images or frames, and no http(s) URL in
// any attribute or in the CSS. The SVG namespace (xmlns) is a name, not a
// resource, and is the one place a URL may appear.
func TestHTMLSelfContained(t *testing.T) {
	for _, tc := range []struct {
		name   string
		render func() (string, error)
	}{
		{"report-zh", func() (string, error) { r, b := fixture(t, "flagged"); return HTML(r, b, i18n.ZH) }},
		{"report-en", func() (string, error) { r, b := fixture(t, "idealised"); return HTML(r, b, i18n.EN) }},
		{"outline-zh", func() (string, error) { r, b := fixture(t, "flagged"); return OutlineHTML(r, b, i18n.ZH) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page, err := tc.render()
			if err != nil {
				t.Fatal(err)
			}
			checkBalanced(t, page)
			walk(parse(t, page), func(n *html.Node) {
				if n.Type != html.ElementNode {
					return
				}
				switch n.Data {
				case "script", "link", "img", "iframe", "object", "embed", "image", "use", "audio", "video", "source":
					t.Errorf("<%s> may fetch or run something; the page must stand alone", n.Data)
				case "style":
					css := n.FirstChild.Data
					for _, bad := range []string{"url(", "@import", "@font-face", "http:", "https:"} {
						if strings.Contains(css, bad) {
							t.Errorf("the stylesheet contains %q", bad)
						}
					}
				}
				for _, a := range n.Attr {
					if a.Key == "xmlns" || strings.HasPrefix(a.Key, "xmlns:") {
						continue
					}
					v := strings.ToLower(a.Val)
					if strings.Contains(v, "http://") || strings.Contains(v, "https://") || strings.Contains(v, "url(") {
						t.Errorf("<%s %s=%q> references a resource", n.Data, a.Key, a.Val)
					}
				}
			})
		})
	}
}

// Text from a result file is data, never markup.
func TestHTMLEscapes(t *testing.T) {
	r, _ := fixture(t, "flagged")
	r.Respondent.Name = `<script>alert("x")</script>`
	r.Dimensions[0].Name = "D1 <b>bold</b>"
	page, err := HTML(r, nil, i18n.ZH) // no bank: the stored names are shown
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(page, "<script>") || strings.Contains(page, "<b>bold") {
		t.Fatal("text from the result reached the page as markup")
	}
	if !strings.Contains(page, "&lt;script&gt;") {
		t.Error("the respondent's name should appear, escaped")
	}
	checkBalanced(t, page)
	if !strings.Contains(page, "请用 --bank 指定") {
		t.Error("without the result's bank, the why-section should say how to get it")
	}
}

func TestHTMLEnglish(t *testing.T) {
	r, b := fixture(t, "flagged")
	page, err := HTML(r, b, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<html lang="en">`, "Political strength", "Integrity and service to the people", "Why this score", "Descriptive bands, not norms"} {
		if !strings.Contains(page, want) {
			t.Errorf("English page lacks %q", want)
		}
	}
	if !bytes.Contains([]byte(page), []byte("@page { size: A4;")) {
		t.Error("the page needs its A4 print stylesheet")
	}
}
