package htmlpage

import (
	"bytes"
	"html/template"
	"regexp"
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/palette"
)

var hexColour = regexp.MustCompile(`#[0-9A-Fa-f]{3,8}\b`)

// The stylesheet is generated from the palette: a colour changed there
// changes the CSS, and the shared rules write no colour of their own.
func TestCSSFromPalette(t *testing.T) {
	t.Parallel()
	if m := hexColour.FindAllString(baseCSS, -1); len(m) > 0 {
		t.Errorf("page.css writes colours by hand (%v); use the palette's custom properties", m)
	}
	if m := regexp.MustCompile(`rgba?\(|hsla?\(|[:\s,](white|black|red|grey|gray)\s*[;,)}]`).FindAllString(baseCSS, -1); len(m) > 0 {
		t.Errorf("page.css writes colours by hand: %v", m)
	}
	base := palette.Light()
	css := CSS(base, Print{})
	for _, c := range []string{base.Title, base.Red, base.Amber, base.Teal, base.Green, base.Grey, base.Track, base.Ink, base.Paper} {
		if !strings.Contains(css, c) {
			t.Errorf("the stylesheet lacks the palette colour %s", c)
		}
	}
	changed := base
	changed.Red = "#123456"
	css2 := CSS(changed, Print{})
	if css2 == css || !strings.Contains(css2, "--red: #123456;") || strings.Contains(css2, base.Red) {
		t.Error("changing the palette's red should change the stylesheet's red, and only that")
	}
	// every property the rules use without a fallback is defined
	defined := map[string]bool{}
	for _, m := range regexp.MustCompile(`--([a-z-]+):`).FindAllStringSubmatch(css, -1) {
		defined[m[1]] = true
	}
	for _, m := range regexp.MustCompile(`var\(--([a-z-]+)\)`).FindAllStringSubmatch(css, -1) {
		if !defined[m[1]] {
			t.Errorf("var(--%s) is used but never defined", m[1])
		}
	}
}

// The print setup: A4, page numbers, the running header, and every
// margin box defined so that Chromium adds nothing of its own.
func TestCSSPrint(t *testing.T) {
	t.Parallel()
	css := CSS(palette.Light(), Print{Left: "躺平式干部自查自测 · 个人报告", Right: "李明 · 2025-03-14"})
	for _, want := range []string{
		"@page { size: A4;",
		`@top-left { content: "躺平式干部自查自测 · 个人报告";`,
		`@top-right { content: "李明 · 2025-03-14";`,
		`@bottom-center { content: counter(page) " / " counter(pages);`,
		`@top-center { content: "";`, `@bottom-left { content: "";`, `@bottom-right { content: "";`,
	} {
		if !strings.Contains(css, want) {
			t.Errorf("the stylesheet lacks %q", want)
		}
	}
}

// A name is data: it cannot end the CSS string or the <style> element.
func TestRunningHeadEscapes(t *testing.T) {
	t.Parallel()
	css := CSS(palette.Light(), Print{Right: `x"; } body { display: none } </style><script>alert(1)</script>\`})
	if strings.Contains(css, "</style") || strings.Contains(css, "<script") || strings.Contains(css, `x";`) {
		t.Fatalf("the running head escaped its string:\n%s", css[strings.Index(css, "@top-right"):][:200])
	}
	page := template.Must(Parse(template.New("p")))
	template.Must(page.New("doc").Parse(`<style>{{template "style" .}}</style>`))
	var b bytes.Buffer
	if err := page.ExecuteTemplate(&b, "doc", Style{CSS: template.CSS(css)}); err != nil {
		t.Fatal(err)
	}
	if strings.Count(b.String(), "</style>") != 1 {
		t.Error("the page's style element was closed early")
	}
}

func TestBarsTemplate(t *testing.T) {
	t.Parallel()
	page := template.Must(Parse(template.New("p")))
	template.Must(page.New("doc").Parse(`{{template "hbars" .}}`))
	var b bytes.Buffer
	bars := Bars{Label: "chart", Rows: []Bar{
		{Name: "遥控指挥", Value: "81 · 比较突出", Pct: 81.25, Tone: Tone(0), Mark: true},
		{Name: "<b>x</b>", Value: "未计分", Tone: Tone(-1)},
	}, Ticks: []Tick{{Pct: 50, Label: "50", Strong: true}}}
	if err := page.ExecuteTemplate(&b, "doc", bars); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{`class="hbar q0 flagged"`, `style="width: 81.2%"`, `class="hbar qn"`, `style="left: 50.0%"`, "&lt;b&gt;x", "81 · 比较突出"} {
		if !strings.Contains(out, want) {
			t.Errorf("bars lack %q:\n%s", want, out)
		}
	}
}
