package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"regexp"
	"strings"
	"sync"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/htmlpage"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

//go:embed report.html.tmpl
var pageTemplate string

// htmlPage is what the template sees. Everything is plain text; the
// template escapes it, so bank text can never inject markup.
type htmlPage struct {
	Doc       *Doc
	HTMLLang  string
	PageTitle string
	Style     htmlpage.Style
	Meta      []string
	Banner    []string
	Summary   []string
	Radar     radarChart
	Bars      htmlpage.Bars
	RecGroups []RecGroup
	WhyTitle  string
	WhyMethod []string
	WhyBands  []string
	Why       []htmlScale

	Outline *outlinePage
}

type htmlScale struct {
	Heading string
	Items   []htmlItem
	Calc    string
}

type htmlItem struct {
	ID, Text, Behaviour, Answer, Keyed, V string
}

// newTemplate parses the page with the chrome strings in lang. It is
// built per call: there is no package-level state, and parsing takes well
// under a millisecond.
func newTemplate(lang i18n.Lang) *template.Template {
	funcs := template.FuncMap{
		"t":        func(zh, en string) string { return lang.T(zh, en) },
		"sub":      func(a, b int) int { return a - b },
		"dimTone":  dimTone,
		"behTone":  behTone,
		"bandText": func(x Row) string { return bandText(x, lang) },
		"fills":    fills,
	}
	t := template.Must(template.New("report").Funcs(funcs).Parse(pageTemplate))
	return template.Must(htmlpage.Parse(t))
}

// dimTone and behTone are a scale's colour class: red for the weakest
// dimension band and for the most pronounced behaviour band, green for
// the other end, grey when unscored.
func dimTone(x Row) string {
	if x.Score == nil {
		return htmlpage.Tone(-1)
	}
	return htmlpage.Tone(max(x.Band-1, 0))
}

func behTone(x Row) string {
	if x.Score == nil {
		return htmlpage.Tone(-1)
	}
	return htmlpage.Tone(max(4-x.Band, 0))
}

func bandText(x Row, l i18n.Lang) string {
	if x.Score == nil {
		return l.T("作答不足，未计分", "too few answers; not scored")
	}
	return x.Label
}

// fillRE finds the outline's placeholders: 【…】 and, in English, […].
// It is compiled when first used, not at every start (docs/performance.md).
var fillRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`【[^】]*】|\[[^\]]*\]`) })

// fills escapes s and marks each placeholder in it, so that the places
// where the writer must add something stand out on screen and on paper.
func fills(s string) template.HTML {
	var b strings.Builder
	last := 0
	for _, m := range fillRE().FindAllStringIndex(s, -1) {
		b.WriteString(template.HTMLEscapeString(s[last:m[0]]))
		b.WriteString(`<mark class="fill">` + template.HTMLEscapeString(s[m[0]:m[1]]) + `</mark>`)
		last = m[1]
	}
	b.WriteString(template.HTMLEscapeString(s[last:]))
	return template.HTML(b.String())
}

// runningHead is what the printed pages carry at the top: the report's
// title on the left; the person's name (unless anonymous) and the date
// of the answers on the right.
func (d *Doc) runningHead(title string) htmlpage.Print {
	right := d.Completed.Format("2006-01-02")
	if p := d.Respondent; !p.Anonymous && p.Name != "" {
		right = p.Name + " · " + right
	}
	return htmlpage.Print{Left: title, Right: right}
}

func (d *Doc) htmlPage(title string) htmlPage {
	p := htmlPage{
		Doc: d, HTMLLang: d.Lang.T("zh-CN", "en"), PageTitle: title, Style: htmlpage.NewStyle(d.runningHead(title)),
		Meta: d.metaLines(), Banner: d.Missing.Lines(d.Lang), Summary: d.summary(),
		Radar: newRadar(d), Bars: newBars(d), RecGroups: d.recGroups(),
		WhyTitle: d.whyTitle(), WhyMethod: d.whyMethod(), WhyBands: d.whyBands(),
	}
	if !d.BankMatch {
		p.WhyMethod, p.WhyBands = nil, nil
	}
	for _, ws := range d.Why {
		s := htmlScale{Heading: d.scaleHeading(ws.Row), Calc: d.scaleCalc(ws)}
		for _, it := range ws.Questions {
			s.Items = append(s.Items, htmlItem{ID: it.ID, Text: it.Text, Behaviour: it.BehaviourName,
				Answer: d.answerLabel(it), Keyed: keyedLabel(it.Active, d.Lang), V: vText(it)})
		}
		p.Why = append(p.Why, s)
	}
	return p
}

// newBars lays out the behaviours, most pronounced first, as full-width
// bars with the band cuts and the flag line as guides.
func newBars(d *Doc) htmlpage.Bars {
	c := htmlpage.Bars{Label: d.Lang.T("躺平表现条形图", "Bar chart of the lying-flat behaviours")}
	for _, x := range d.Behaviours {
		b := htmlpage.Bar{Name: x.Name, Tone: behTone(x), Mark: x.Flagged, Value: d.Lang.T("未计分", "not scored")}
		if x.Score != nil {
			b.Pct = *x.Score
			b.Value = fmt.Sprintf("%d · %s", x.Shown, x.Label)
		}
		c.Rows = append(c.Rows, b)
	}
	for _, v := range d.behCuts() {
		c.Ticks = append(c.Ticks, htmlpage.Tick{Pct: v, Label: fmt.Sprintf("%g", v), Strong: v == d.FlagAt})
	}
	return c
}

// HTML renders the personal report as one self-contained HTML document:
// inline CSS and SVG, no scripts, fonts, images or links to fetch, and a
// print stylesheet for A4.
func HTML(r *result.Result, b *bank.Bank, lang i18n.Lang) (string, error) {
	d := Build(r, b, lang)
	return d.renderHTML("report", d.htmlPage(d.reportTitle()))
}

func (d *Doc) renderHTML(body string, p htmlPage) (string, error) {
	t := newTemplate(d.Lang)
	// The page's body block is the named section template.
	if _, err := t.New("body").Parse(`{{template "` + body + `" .}}`); err != nil {
		return "", err
	}
	var sb strings.Builder
	if err := t.ExecuteTemplate(&sb, "page", p); err != nil {
		return "", err
	}
	return sb.String(), nil
}
