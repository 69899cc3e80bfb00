package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/tangping-dev/tangping/internal/htmlpage/htmltest"
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

// The page readers are shared with the group report's tests.
var (
	parse    = htmltest.Parse
	walk     = htmltest.Walk
	attr     = htmltest.Attr
	hasClass = htmltest.HasClass
	textOf   = htmltest.Text
)

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
	t.Parallel()
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
		case n.Type == html.ElementNode && hasClass(n, "hbars"):
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
	for _, want := range []string{"描述性区间，非常模", "附录：为何得此分", "每月固定安排至少四天到基层一线"} {
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

	// Ten bars, most pronounced first; B06 遥控指挥 scores 81.25, so its
	// bar fills 81.2% of the track, in red (band 4 of behaviours), marked.
	var fills []string
	var first *html.Node
	walk(bars, func(n *html.Node) {
		if hasClass(n, "hbar") && first == nil {
			first = n
		}
		if hasClass(n, "hb-fill") {
			fills = append(fills, attr(n, "style"))
		}
	})
	if len(fills) != 10 || fills[0] != "width: 81.2%" {
		t.Errorf("bars: want 10 with the first 81.2%% wide, got %v", fills)
	}
	if first == nil || !hasClass(first, "q0") || !hasClass(first, "flagged") {
		t.Errorf("the first bar should be red (q0) and flagged: %v", first.Attr)
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

	// What the reader must see first comes first: the summary, then the
	// notes on the answers, then the charts; the appendix last.
	order := []string{`class="summary"`, `class="dims"`, `class="behs"`, `class="recs"`, `class="appendix"`}
	at := -1
	for _, o := range order {
		i := strings.Index(page, o)
		if i < at {
			t.Errorf("%s comes before what should precede it", o)
		}
		at = i
	}
}

// Recommendations are grouped under the behaviour they are for: one
// heading per behaviour, every measure once.
func TestHTMLRecommendationsGrouped(t *testing.T) {
	t.Parallel()
	r, b := fixture(t, "flagged")
	page, err := HTML(r, b, i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	d := Build(r, b, i18n.ZH)
	var heads []string
	items := 0
	walk(parse(t, page), func(n *html.Node) {
		if hasClass(n, "recgroup") {
			walk(n, func(c *html.Node) {
				if c.Data == "h3" && c.FirstChild != nil {
					heads = append(heads, c.FirstChild.Data)
				}
				if c.Data == "li" {
					items++
				}
			})
		}
	})
	seen := map[string]bool{}
	for _, h := range heads {
		if seen[h] {
			t.Errorf("behaviour %s has two groups", h)
		}
		seen[h] = true
	}
	if len(heads) < 2 || items != len(d.Recs) {
		t.Errorf("want the %d measures under one heading per behaviour; got %d measures under %v", len(d.Recs), items, heads)
	}
}

// A4 print: the page size, page numbers and a running header with the
// person's name and the date, in every page.
func TestHTMLPrint(t *testing.T) {
	t.Parallel()
	r, b := fixture(t, "idealised")
	page, err := HTML(r, b, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	outline, err := OutlineHTML(r, b, i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	for name, p := range map[string]string{"report": page, "outline": outline} {
		for _, want := range []string{"@page { size: A4;", "@bottom-center { content: counter(page)", "@media print"} {
			if !strings.Contains(p, want) {
				t.Errorf("%s: the print stylesheet lacks %q", name, want)
			}
		}
	}
	if !strings.Contains(page, `@top-right { content: "Li Ming · 2025-03-14";`) {
		t.Errorf("the running header should carry the name and the date:\n%s", page[strings.Index(page, "@page"):][:600])
	}
	// The footer never ends up alone on a last printed page: in print its
	// words stand under the title instead.
	if !regexp.MustCompile(`@media print \{[^@]*footer \{ display: none; \}`).MatchString(page) ||
		!strings.Contains(page, `<p class="meta print-only">Generated on this computer`) {
		t.Error("in print the footer's words belong under the title")
	}
	// Writing hints are on screen only.
	if !regexp.MustCompile(`@media print \{[^@]*\.hint[^}]*display: none`).MatchString(outline) {
		t.Error("the outline's writing hints must be left out of print")
	}
}

// An unscored scale leaves a gap in the radar: no point of the shape
// lies on its axis, and nothing sits at the centre as if it were a 0.
func TestRadarGap(t *testing.T) {
	t.Parallel()
	r, b := fixture(t, "missing")
	d := Build(r, b, i18n.ZH)
	if len(d.Missing.Dimensions) != 2 || d.Missing.Unanswered != 8 {
		t.Fatalf("fixture: want 8 blanks and 2 unscored dimensions, got %+v", d.Missing)
	}
	c := newRadar(&d)
	centre := c.Axes[0].From
	onAxis := func(p pt, a svgAxis) bool {
		// p on the segment centre→end, away from the centre
		dx, dy := a.To.X-a.From.X, a.To.Y-a.From.Y
		px, py := p.X-a.From.X, p.Y-a.From.Y
		return math.Abs(dx*py-dy*px) < 1 && px*dx+py*dy > 0
	}
	var vertices []pt
	for _, path := range []string{c.Area, c.Edge} {
		for _, xy := range regexp.MustCompile(`-?[0-9.]+,-?[0-9.]+`).FindAllString(path, -1) {
			var p pt
			fmt.Sscanf(xy, "%g,%g", &p.X, &p.Y)
			vertices = append(vertices, p)
		}
	}
	for _, dot := range c.Dots {
		p := pt{dot.X, dot.Y}
		if p == centre {
			t.Errorf("a dot sits at the centre: %+v", dot)
		}
		vertices = append(vertices, p)
	}
	if len(c.Dots) != 4 {
		t.Errorf("want a dot for each of the 4 scored dimensions, got %d", len(c.Dots))
	}
	for _, p := range regexp.MustCompile(`-?[0-9.]+,-?[0-9.]+`).FindAllString(c.Edge, -1) {
		if p == fmt.Sprintf("%g,%g", centre.X, centre.Y) {
			t.Error("the outline goes through the centre")
		}
	}
	unscored := 0
	for i, a := range c.Axes {
		if d.Dimensions[i].Score != nil {
			continue
		}
		unscored++
		if !a.Unscored {
			t.Errorf("axis %d should be drawn as unscored", i)
		}
		for _, p := range vertices {
			if onAxis(p, a) {
				t.Errorf("%s is unscored, but the shape has a point on its axis: %+v", d.Dimensions[i].Name, p)
			}
		}
	}
	if unscored != 2 {
		t.Errorf("want 2 unscored axes, got %d", unscored)
	}
	// With every scale scored the shape is one closed polygon.
	r2, _ := fixture(t, "flagged")
	d2 := Build(r2, b, i18n.ZH)
	if full := newRadar(&d2); strings.Count(full.Area, "M") != 1 || !strings.HasSuffix(full.Area, "Z") || full.Area != full.Edge {
		t.Errorf("all scored: want one closed polygon, got area %q edge %q", full.Area, full.Edge)
	}
}

// Missing answers are said at the top of the report and of the outline,
// naming the unscored scales.
func TestMissingBanner(t *testing.T) {
	t.Parallel()
	r, b := fixture(t, "missing")
	page, _ := HTML(r, b, i18n.ZH)
	outline, _ := OutlineHTML(r, b, i18n.ZH)
	md := Markdown(r, b, i18n.ZH)
	for name, p := range map[string]string{"report": page, "outline": outline, "markdown": md} {
		for _, want := range []string{"有 8 道题未作答（共 46 题）", "观念先进、勇争第一", "不是 0 分"} {
			if !strings.Contains(p, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
	}
	if i, j := strings.Index(page, `class="banner"`), strings.Index(page, `class="dims"`); i < 0 || i > j {
		t.Error("the banner must come before the charts")
	}
	clean, _ := fixture(t, "flagged")
	if p, _ := HTML(clean, b, i18n.ZH); strings.Contains(p, `class="banner"`) {
		t.Error("a complete result needs no banner")
	}
}

// The outline looks like the document it drafts: the official heading
// levels, every placeholder marked, hints apart from the draft, and a
// measures table that turns into cards on a phone.
func TestOutlineHTML(t *testing.T) {
	t.Parallel()
	r, b := fixture(t, "flagged")
	page, err := OutlineHTML(r, b, i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	checkBalanced(t, page)
	doc := parse(t, page)
	var h2, h3 []string
	marks, draftFills := 0, 0
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch {
		case n.Data == "h2":
			h2 = append(h2, textOf(n))
		case n.Data == "h3" && textOf(n) != "开头":
			h3 = append(h3, textOf(n))
		case n.Data == "mark" && hasClass(n, "fill"):
			marks++
		case hasClass(n, "para") || (n.Data == "li" && n.Parent != nil && hasClass(n.Parent, "prompts")):
			draftFills += strings.Count(textOf(n), "【")
		}
	})
	for i, h := range h2 {
		if !strings.HasPrefix(h, cnNum(i+1)+"、") {
			t.Errorf("part %d is headed %q, not %s、…", i+1, h, cnNum(i+1))
		}
	}
	for _, h := range h3 {
		if !strings.HasPrefix(h, "（") {
			t.Errorf("a second-level heading %q lacks （一）", h)
		}
	}
	if len(h2) != 4 || len(h3) < 5 {
		t.Errorf("want 4 parts and several headings, got %v and %v", h2, h3)
	}
	if draftFills < 20 || marks < draftFills {
		t.Errorf("every placeholder in the draft should be marked: %d marked of %d", marks, draftFills)
	}
	// Hints are out of the draft paragraphs.
	walk(doc, func(n *html.Node) {
		if hasClass(n, "para") && strings.Contains(textOf(n), "写明是哪件事") {
			t.Errorf("a writing hint is inside a draft paragraph: %q", textOf(n))
		}
	})
	for _, want := range []string{`<table class="grid cards">`, `data-label="完成时限："`, "姓名：", "会议：", "日期："} {
		if !strings.Contains(page, want) {
			t.Errorf("outline lacks %q", want)
		}
	}
}

// A page that must open on an intranet with no internet may fetch nothing:
// no scripts, stylesheets, fonts, images or frames, and no http(s) URL in
// any attribute or in the CSS. The SVG namespace (xmlns) is a name, not a
// resource, and is the one place a URL may appear.
func TestHTMLSelfContained(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
	r, b := fixture(t, "flagged")
	page, err := HTML(r, b, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<html lang="en">`, "Political strength", "Integrity and service to the people", "Appendix: why this score", "Descriptive bands, not norms"} {
		if !strings.Contains(page, want) {
			t.Errorf("English page lacks %q", want)
		}
	}
	if !bytes.Contains([]byte(page), []byte("@page { size: A4;")) {
		t.Error("the page needs its A4 print stylesheet")
	}
}
