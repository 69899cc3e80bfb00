package render

import (
	"bytes"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"

	"github.com/tangping-dev/tangping/internal/glyph"
	"github.com/tangping-dev/tangping/internal/group"
	"github.com/tangping-dev/tangping/internal/htmlpage/htmltest"
	"github.com/tangping-dev/tangping/internal/i18n"
)

var (
	walk     = htmltest.Walk
	hasClass = htmltest.HasClass
	textOf   = htmltest.Text
)

func htmlOf(t *testing.T, r *group.Report) (string, *html.Node) {
	t.Helper()
	var b bytes.Buffer
	if err := HTML(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.String(), htmltest.Parse(t, b.String())
}

// The first screen is made for a projector: the session's name and date,
// n, the behaviours most prevalent first, then the dimensions; before
// any table.
func TestHTMLFirstScreen(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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

// The workbook is made to be read and printed: a bold, frozen, filtered
// header on every sheet, widths fitted to the content, number formats,
// Chinese sheet names and values in a Chinese report, and A4 landscape
// pages fitted to the width.
func TestXLSXStyled(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		lang   i18n.Lang
		sheets []string
		never  []string
	}{
		{i18n.ZH, []string{"概况", "作答提示", "维度", "表现", "题目", "分组"}, []string{"flat", "active", "summary", "everyone", "IM"}},
		{i18n.EN, []string{"Summary", "Validity", "Dimensions", "Behaviours", "Items", "Groups"}, []string{"常规", "正向", "全体"}},
	} {
		r := fixtureReport(t, 120, group.Options{Lang: tc.lang, By: group.ByUnit})
		var b bytes.Buffer
		if err := XLSX(&b, r); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&b)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.GetSheetList(); strings.Join(got[:len(tc.sheets)], ",") != strings.Join(tc.sheets, ",") {
			t.Errorf("%s: sheets %v, want %v first", tc.lang, got, tc.sheets)
		}
		for _, sh := range f.GetSheetList() {
			rows, _ := f.GetRows(sh)
			// bold header
			id, _ := f.GetCellStyle(sh, "A1")
			st, _ := f.GetStyle(id)
			if st == nil || st.Font == nil || !st.Font.Bold {
				t.Errorf("%s: the header is not bold", sh)
			}
			// frozen below the header
			panes, _ := f.GetPanes(sh)
			if !panes.Freeze || panes.YSplit != 1 {
				t.Errorf("%s: the header row is not frozen: %+v", sh, panes)
			}
			// landscape A4, one page wide
			pl, _ := f.GetPageLayout(sh)
			props, _ := f.GetSheetProps(sh)
			if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.Size == nil || *pl.Size != 9 ||
				pl.FitToWidth == nil || *pl.FitToWidth != 1 || props.FitToPage == nil || !*props.FitToPage {
				t.Errorf("%s: page setup %+v", sh, pl)
			}
			for _, row := range rows {
				for _, c := range row {
					for _, w := range tc.never {
						if c == w {
							t.Errorf("%s: a cell says %q in a %s report", sh, w, tc.lang)
						}
					}
				}
			}
		}
		items := tc.sheets[4]
		// the question column fits its text: far wider than the 12 every
		// column had, capped, and wrapped
		q, _ := f.GetColWidth(items, "B")
		if q < 40 || q > 62 {
			t.Errorf("%s: the question column is %v wide", items, q)
		}
		id, _ := f.GetCellStyle(items, "B2")
		if st, _ := f.GetStyle(id); st == nil || st.Alignment == nil || !st.Alignment.WrapText {
			t.Errorf("%s: long question text does not wrap", items)
		}
		// number formats: a mean to one decimal, a prevalence as a percentage
		formats := map[string]bool{}
		for _, sh := range []string{tc.sheets[2], tc.sheets[3], items} {
			rows, _ := f.GetRows(sh)
			for c := range rows[0] {
				cell, _ := excelize.CoordinatesToCellName(c+1, 2)
				id, _ := f.GetCellStyle(sh, cell)
				if st, _ := f.GetStyle(id); st != nil && st.CustomNumFmt != nil {
					formats[*st.CustomNumFmt] = true
				}
			}
		}
		for _, want := range []string{"0.0", "0%", "0.00", "0"} {
			if !formats[want] {
				t.Errorf("%s: no column formatted %q (have %v)", tc.lang, want, formats)
			}
		}
		// shown values are rounded, not 55.666667
		dims := tc.sheets[2]
		rows, _ := f.GetRows(dims)
		for _, row := range rows[1:] {
			for _, c := range row {
				if regexp.MustCompile(`^\d+\.\d{3,}$`).MatchString(c) {
					t.Errorf("%s shows %s", dims, c)
				}
			}
		}
		// an autofilter over the header of every sheet with rows
		filters := map[string]bool{}
		for _, dn := range f.GetDefinedName() {
			if dn.Name == "_xlnm._FilterDatabase" {
				filters[dn.Scope] = true
			}
		}
		for _, sh := range tc.sheets[1:] {
			if !filters[sh] {
				t.Errorf("%s: no autofilter (filters on %v)", sh, filters)
			}
		}
		f.Close()
	}
}

// The group's terminal report draws its bars in the safe glyph set when
// asked: no block or eighth characters, which wide-ambiguous terminals
// draw two cells wide.
func TestTextSafeGlyphs(t *testing.T) {
	t.Parallel()
	r := fixtureReport(t, 40, group.Options{Lang: i18n.ZH})
	out := Text(r, TextOptions{Width: 80, Glyphs: glyph.Set{Safe: true}})
	if strings.ContainsAny(out, "█░▏▎▍▌▋▊▉") {
		t.Error("the safe set still draws block characters")
	}
	if !strings.Contains(out, "###") {
		t.Error("the safe bars are missing")
	}
	if !strings.ContainsAny(Text(r, TextOptions{Width: 80}), "█") {
		t.Error("the default set should draw blocks (else this test shows nothing)")
	}
}
