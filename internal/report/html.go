package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"strings"

	"github.com/tangping-dev/tangping/internal/bank"
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
	Meta      []string
	Radar     radarChart
	Bars      barChart
	WhyTitle  string
	WhyMethod []string
	WhyBands  []string
	Why       []htmlScale

	Outline      *Outline
	OpeningLabel string
	Parts        [4]string
	MeasureHead  []string
	MeasureRows  [][]string
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
		"t":   func(zh, en string) string { return lang.T(zh, en) },
		"sub": func(a, b int) int { return a - b },
		"dimClass": func(x Row) string {
			if x.Score == nil {
				return "d0"
			}
			return fmt.Sprintf("d%d", min(x.Band, 4))
		},
		"bandText": func(x Row) string {
			if x.Score == nil {
				return lang.T("作答不足，未计分", "too few answers; not scored")
			}
			return x.Label
		},
	}
	return template.Must(template.New("report").Funcs(funcs).Parse(pageTemplate))
}

func (d *Doc) htmlPage(title string) htmlPage {
	p := htmlPage{
		Doc: d, HTMLLang: d.Lang.T("zh-CN", "en"), PageTitle: title, Meta: d.metaLines(),
		Radar: newRadar(d), Bars: newBars(d),
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

// OutlineHTML renders the outline as one self-contained HTML page, for
// those who would rather print it than edit Markdown.
func OutlineHTML(r *result.Result, b *bank.Bank, lang i18n.Lang) (string, error) {
	d := Build(r, b, lang)
	o := BuildOutline(r, b, lang)
	p := htmlPage{Doc: &d, HTMLLang: lang.T("zh-CN", "en"), PageTitle: o.Title, Outline: &o,
		OpeningLabel: o.openingLabel(), Parts: o.parts(), MeasureHead: o.measureHead(), MeasureRows: o.measureRows()}
	return d.renderHTML("outline", p)
}
