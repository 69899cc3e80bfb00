package render

import (
	"bytes"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/tangping-dev/tangping/internal/group"
	"github.com/tangping-dev/tangping/internal/i18n"
)

func htmlOf(t *testing.T, r *group.Report) (string, *html.Node) {
	t.Helper()
	var b bytes.Buffer
	if err := HTML(&b, r); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return b.String(), doc
}

func walk(n *html.Node, visit func(*html.Node)) {
	visit(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, visit)
	}
}

func hasClass(n *html.Node, class string) bool {
	for _, a := range n.Attr {
		if a.Key == "class" {
			for _, c := range strings.Fields(a.Val) {
				if c == class {
					return true
				}
			}
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

// The first screen is made for a projector: the session's name and date,
// n, the behaviours most prevalent first, then the dimensions; before
// any table.
func TestHTMLFirstScreen(t *testing.T) {
	o := group.Options{Lang: i18n.ZH, By: group.ByUnit, Session: "城管系统第一期培训", Date: time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)}
	r := fixtureReport(t, 120, o)
	page, doc := htmlOf(t, r)
	screen := strings.Index(page, `<section class="screen">`)
	if screen < 0 || strings.Index(page, "<table") < screen {
		t.Fatal("the first screen must come before every table")
	}
	for _, want := range []string{"<h1>城管系统第一期培训</h1>", "2025-03-14", `<div class="n"><b>120</b>`} {
		if i := strings.Index(page, want); i < 0 || i > screen {
			t.Errorf("the top of the page lacks %q", want)
		}
	}
	var names []string
	var values []float64
	walk(doc, func(n *html.Node) {
		if !hasClass(n, "screen") {
			return
		}
		first := true
		walk(n, func(c *html.Node) {
			if hasClass(c, "hbars") {
				if !first {
					return
				}
				first = false
				walk(c, func(b *html.Node) {
					switch {
					case hasClass(b, "hb-name") && textOf(b) != "":
						names = append(names, textOf(b))
					case hasClass(b, "hb-val"):
						m := regexp.MustCompile(`(\d+)%`).FindStringSubmatch(textOf(b))
						v, _ := strconv.ParseFloat(m[1], 64)
						values = append(values, v)
					}
				})
			}
		})
	})
	if len(names) != 10 || !sort.SliceIsSorted(values, func(i, j int) bool { return values[i] > values[j] }) {
		t.Errorf("the first chart should be the 10 behaviours, most prevalent first: %v %v", names, values)
	}
	// Chart text is at least 16 px on screen.
	for _, rule := range []string{`.hb-name { font-size: 16px;`, `.hb-val { font-size: 16px;`, `.screen .hb-name, .screen .hb-val { font-size: 18px; }`} {
		if !strings.Contains(page, rule) {
			t.Errorf("the stylesheet lacks %q", rule)
		}
	}
	if !strings.Contains(page, "@page { size: A4;") || !strings.Contains(page, `@top-left { content: "城管系统第一期培训";`) {
		t.Error("the page prints on A4 with the session's name at the top")
	}
}

// Question texts and scale names, never bare codes: the items table
// shows each question and the names of its behaviour and dimension; the
// subgroup tables are headed by names and shaded by value.
func TestHTMLNamesNotCodes(t *testing.T) {
	r := fixtureReport(t, 120, group.Options{Lang: i18n.ZH, By: group.ByUnit})
	page, doc := htmlOf(t, r)
	for _, it := range r.Items {
		if !strings.Contains(page, it.Text) {
			t.Errorf("the page lacks the question text of %s", it.ID)
		}
	}
	if !strings.Contains(page, "印象管理题") {
		t.Error("impression-management items should say so in words, not IM")
	}
	var heads []string
	shaded := 0
	walk(doc, func(n *html.Node) {
		if n.Data == "table" && hasClass(n, "groups") {
			walk(n, func(c *html.Node) {
				if c.Data == "th" {
					heads = append(heads, textOf(c))
				}
				if c.Data == "td" && hasClass(c, "tone") {
					shaded++
				}
			})
		}
	})
	codes := regexp.MustCompile(`^[BD]\d+$`)
	for _, h := range heads {
		if codes.MatchString(h) {
			t.Errorf("a subgroup table is headed by the code %s", h)
		}
	}
	if len(heads) < 16 || shaded < 16 {
		t.Errorf("subgroup tables: %d headers, %d shaded cells", len(heads), shaded)
	}
	if !strings.Contains(strings.Join(heads, " "), "政治力强") || !strings.Contains(strings.Join(heads, " "), "遥控指挥") {
		t.Errorf("subgroup headers should be names: %v", heads)
	}
	// Tables may break across pages; only small ones are kept whole, so
	// that a long table never leaves a near-blank page behind it.
	if regexp.MustCompile(`@media print \{[^@]*[^.\w]table[ ,{][^}]*break-inside: avoid`).MatchString(page) {
		t.Error("every table is kept whole in print: a long one leaves a near-blank page")
	}
}
