// Package grouptest attacks group reports the way an audience would, for
// the privacy tests of internal/group, its renderers and serve's
// dashboard (docs/privacy.md): it reads the figures back from what each
// format prints, and tries to recover one person from two releases.
package grouptest

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"maps"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/xuri/excelize/v2"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/group"
	"github.com/tangping-dev/tangping/internal/group/render"
	"github.com/tangping-dev/tangping/internal/group/synth"
	"github.com/tangping-dev/tangping/internal/result"
)

// View is what an attacker reads off one rendered report: the whole
// group's means by scale name, and the answer counts and mean by item.
type View struct {
	Dims, Behs map[string]float64
	Counts     map[string][]float64 // item id → count of raw answer 0..4
	ItemMean   map[string]float64
}

func NewView() *View {
	return &View{Dims: map[string]float64{}, Behs: map[string]float64{}, Counts: map[string][]float64{}, ItemMean: map[string]float64{}}
}

var numRE = regexp.MustCompile(`-?\d+(?:\.\d+)?`)

// firstNum is the first number in a cell ("约 61（±3）" → 61).
func firstNum(s string) (float64, bool) {
	m := numRE.FindString(s)
	if m == "" {
		return 0, false
	}
	x, err := strconv.ParseFloat(m, 64)
	return x, err == nil
}

// fromTables reads a report laid out as tables (text, Markdown, HTML):
// each table is a header row and its rows. The dimension and behaviour
// tables are the ones headed by 维度/表现 with a 均值 column; the item
// table is headed by 题号 and has one column per answer anchor.
func fromTables(tables [][][]string, anchors []string) *View {
	v := NewView()
	for _, t := range tables {
		if len(t) < 2 {
			continue
		}
		h := t[0]
		col := func(name string) int {
			for i, c := range h {
				if strings.TrimSpace(c) == name {
					return i
				}
			}
			return -1
		}
		mean := col("均值")
		switch {
		case h[0] == "维度" && mean > 0:
			for _, r := range t[1:] {
				if x, ok := firstNum(r[mean]); ok {
					v.Dims[r[0]] = x
				}
			}
		case h[0] == "表现" && mean > 0:
			for _, r := range t[1:] {
				if x, ok := firstNum(r[mean]); ok {
					v.Behs[r[0]] = x
				}
			}
		case h[0] == "题号":
			var cols []int
			for _, a := range anchors {
				cols = append(cols, col(a))
			}
			for _, r := range t[1:] {
				id := r[0]
				if mean > 0 {
					if x, ok := firstNum(r[mean]); ok {
						v.ItemMean[id] = x
					}
				}
				var cs []float64
				for _, c := range cols {
					if c < 0 || c >= len(r) {
						cs = nil
						break
					}
					x, _ := firstNum(r[c])
					cs = append(cs, x)
				}
				if cs != nil {
					v.Counts[id] = cs
				}
			}
		}
	}
	return v
}

// textTables finds the tables of the text report: a header line over a
// rule of ─, rows until a blank line; cells are separated by two or more
// spaces.
func textTables(s string) [][][]string {
	lines := strings.Split(s, "\n")
	split := regexp.MustCompile(`\s{2,}`)
	cells := func(l string) []string { return split.Split(strings.TrimSpace(l), -1) }
	var out [][][]string
	for i := 1; i < len(lines); i++ {
		if !strings.HasPrefix(strings.TrimSpace(lines[i]), "──") {
			continue
		}
		t := [][]string{cells(lines[i-1])}
		for j := i + 1; j < len(lines) && strings.TrimSpace(lines[j]) != ""; j++ {
			t = append(t, cells(lines[j]))
		}
		out = append(out, t)
	}
	return out
}

func mdTables(s string) [][][]string {
	var out [][][]string
	var cur [][]string
	for l := range strings.SplitSeq(s, "\n") {
		if !strings.HasPrefix(l, "|") {
			if cur != nil {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		if strings.Contains(l, "---") {
			continue
		}
		parts := strings.Split(strings.Trim(l, "|"), " | ")
		for i := range parts {
			parts[i] = strings.ReplaceAll(strings.TrimSpace(parts[i]), `\`, "")
		}
		cur = append(cur, parts)
	}
	if cur != nil {
		out = append(out, cur)
	}
	return out
}

var (
	tableRE = regexp.MustCompile(`(?s)<table>.*?</table>`)
	rowRE   = regexp.MustCompile(`(?s)<tr>(.*?)</tr>`)
	cellRE  = regexp.MustCompile(`(?s)<t[hd][^>]*>(.*?)</t[hd]>`)
	tagRE   = regexp.MustCompile(`<[^>]*>`)
)

func htmlTables(s string) [][][]string {
	var out [][][]string
	for _, t := range tableRE.FindAllString(s, -1) {
		var rows [][]string
		for _, r := range rowRE.FindAllStringSubmatch(t, -1) {
			var cs []string
			for _, c := range cellRE.FindAllStringSubmatch(r[1], -1) {
				cs = append(cs, html.UnescapeString(tagRE.ReplaceAllString(c[1], "")))
			}
			rows = append(rows, cs)
		}
		out = append(out, rows)
	}
	return out
}

func fromRecords(header []string, rows [][]string, everyone string) *View {
	v := NewView()
	idx := map[string]int{}
	for i, h := range header {
		idx[h] = i
	}
	get := func(r []string, c string) string {
		if i, ok := idx[c]; ok && i < len(r) {
			return r[i]
		}
		return ""
	}
	for _, r := range rows {
		if g := get(r, "group"); g != "" && g != everyone {
			continue
		}
		mean, hasMean := firstNum(get(r, "mean"))
		switch get(r, "kind") {
		case "dimension":
			if hasMean {
				v.Dims[get(r, "name")] = mean
			}
		case "behaviour":
			if hasMean {
				v.Behs[get(r, "name")] = mean
			}
		case "item":
			id := get(r, "id")
			if hasMean {
				v.ItemMean[id] = mean
			}
			var cs []float64
			for a := range 5 {
				x, ok := firstNum(get(r, fmt.Sprintf("answer_%d", a)))
				if !ok {
					cs = nil
					break
				}
				cs = append(cs, x)
			}
			if cs != nil {
				v.Counts[id] = cs
			}
		}
	}
	return v
}

// ReadText reads the text report (colours are stripped).
func ReadText(s string) *View { return fromTables(textTables(ansi.Strip(s)), anchorsZH) }

// ReadMarkdown reads the Markdown report.
func ReadMarkdown(s string) *View { return fromTables(mdTables(s), anchorsZH) }

// ReadHTML reads the HTML report.
func ReadHTML(s string) *View { return fromTables(htmlTables(s), anchorsZH) }

// jsonScale is a dimension or behaviour as the JSON report gives it.
type jsonScale struct {
	Name string
	Mean *float64
}

func (v *View) addScales(dims, behs []jsonScale) {
	for _, d := range dims {
		if d.Mean != nil {
			v.Dims[d.Name] = *d.Mean
		}
	}
	for _, b := range behs {
		if b.Mean != nil {
			v.Behs[b.Name] = *b.Mean
		}
	}
}

// ReadJSON reads the JSON report.
func ReadJSON(data []byte) (*View, error) {
	var r struct {
		Dimensions, Behaviours []jsonScale
		Items                  []struct {
			ID     string
			Mean   *float64
			Counts []float64
		}
	}
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, err
	}
	v := NewView()
	v.addScales(r.Dimensions, r.Behaviours)
	for _, it := range r.Items {
		if it.Mean != nil {
			v.ItemMean[it.ID] = *it.Mean
		}
		if len(it.Counts) == 5 {
			v.Counts[it.ID] = it.Counts
		}
	}
	return v, nil
}

// ReadGroups reads each subgroup's means from the JSON report of a --by
// report, by subgroup name.
func ReadGroups(data []byte) (map[string]*View, error) {
	var r struct {
		Groups []struct {
			Name                   string
			Dimensions, Behaviours []jsonScale
		}
	}
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, err
	}
	out := map[string]*View{}
	for _, g := range r.Groups {
		v := NewView()
		v.addScales(g.Dimensions, g.Behaviours)
		out[g.Name] = v
	}
	return out, nil
}

// ReadCSV reads the CSV report's rows of the whole group.
func ReadCSV(data []byte) (*View, error) {
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return NewView(), nil
	}
	return fromRecords(rows[0], rows[1:], ""), nil
}

// ReadXLSX reads the dimensions, behaviours and items sheets, whose
// headers are in the report's language (Chinese here).
func ReadXLSX(data []byte) (*View, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	names := map[string]string{"分组": "group", "编号": "id", "名称": "name", "均值": "mean"}
	for a := range 5 {
		names[fmt.Sprintf("%d %s", a, anchorsZH[a])] = fmt.Sprintf("answer_%d", a)
	}
	v := NewView()
	for sheet, kind := range map[string]string{"dimensions": "dimension", "behaviours": "behaviour", "items": "item"} {
		rows, err := f.GetRows(sheet)
		if err != nil || len(rows) == 0 {
			continue
		}
		header := []string{"kind"}
		for _, h := range rows[0] {
			header = append(header, names[h])
		}
		var body [][]string
		for _, r := range rows[1:] {
			body = append(body, append([]string{kind}, r...))
		}
		w := fromRecords(header, body, "全体")
		maps.Copy(v.Dims, w.Dims)
		maps.Copy(v.Behs, w.Behs)
		maps.Copy(v.ItemMean, w.ItemMean)
		maps.Copy(v.Counts, w.Counts)
	}
	return v, nil
}

// anchorsZH head the item table's answer columns in Chinese reports.
var anchorsZH = []string{"从不", "很少", "有时", "经常", "总是"}

// Format renders a report in one format and reads it back.
type Format struct {
	Name string
	Read func(r *group.Report) (*View, error)
}

// Formats are the six formats of the group report.
var Formats = []Format{
	{"json", func(r *group.Report) (*View, error) {
		var b bytes.Buffer
		if err := render.JSON(&b, r); err != nil {
			return nil, err
		}
		return ReadJSON(b.Bytes())
	}},
	{"csv", func(r *group.Report) (*View, error) {
		var b bytes.Buffer
		if err := render.CSV(&b, r); err != nil {
			return nil, err
		}
		return ReadCSV(b.Bytes())
	}},
	{"xlsx", func(r *group.Report) (*View, error) {
		var b bytes.Buffer
		if err := render.XLSX(&b, r); err != nil {
			return nil, err
		}
		return ReadXLSX(b.Bytes())
	}},
	{"md", func(r *group.Report) (*View, error) { return ReadMarkdown(render.Markdown(r)), nil }},
	{"html", func(r *group.Report) (*View, error) {
		var b bytes.Buffer
		if err := render.HTML(&b, r); err != nil {
			return nil, err
		}
		return ReadHTML(b.String()), nil
	}},
	{"text", func(r *group.Report) (*View, error) {
		// Wide enough that no table is split into parts.
		return ReadText(render.Text(r, render.TextOptions{Width: 200})), nil
	}},
}

// Recovered is how much of one person an attack got right: answers, and
// dimension and behaviour scores within 2.5 points.
type Recovered struct {
	Items, Dims, Behs int
}

// Back says whether the person came back: more than itemLimit answers
// right (see ItemLimit), more than 2 dimension scores or more than 3
// behaviour scores within 2.5 points.
func (r Recovered) Back(itemLimit float64) bool {
	return float64(r.Items) > itemLimit || r.Dims > 2 || r.Behs > 3
}

// ItemLimit is how many of a person's answers an attack may get right
// before the person counts as back. The "more than 30%" assumed
// chance to be one answer in five (20%); but people's answers are not
// uniform, and guessing the others' most common answer already gets
// about 31% of a synthetic person's answers with no report at all
// (blindMean, the Blind attack's average over the trials). So the limit
// is that blind guess plus the same margin, 10 points of the items.
func ItemLimit(blindMean float64, items int) float64 {
	return blindMean + 0.1*float64(items)
}

// Grid rounds a scale estimate to the scores the scale can take when all
// of its k items are answered, within 0–100.
func Grid(x float64, k int) float64 {
	step := 100 / (4 * float64(max(k, 1)))
	return math.Min(math.Max(math.Round(x/step)*step, 0), 100)
}

// Difference is the differencing attack on two releases: a over n
// results that include the target, b over the same results less the
// target and less the people in known, whose results the attacker holds
// (colluders in the same batch of a dashboard, say). Per scale it takes
// n·m − n′·m′ − Σ known, rounded to the scale's grid; per item both the
// argmax of the count differences and the rounded mean difference, and
// keeps the better of the two.
func Difference(target *result.Result, a, b *View, n int, known []*result.Result) Recovered {
	var got Recovered
	nb := n - 1 - len(known)
	scale := func(means, prev map[string]float64, name string, truth *float64, k int, of func(*result.Result) *float64) bool {
		m, ok1 := means[name]
		p, ok2 := prev[name]
		if !ok1 || !ok2 || truth == nil {
			return false
		}
		est := float64(n)*m - float64(nb)*p
		for _, r := range known {
			if x := of(r); x != nil {
				est -= *x
			}
		}
		return math.Abs(Grid(est, k)-*truth) <= 2.5
	}
	for i, d := range target.Dimensions {
		if scale(a.Dims, b.Dims, d.Name, d.Score, d.Items, func(r *result.Result) *float64 { return r.Dimensions[i].Score }) {
			got.Dims++
		}
	}
	for i, x := range target.Behaviours {
		if scale(a.Behs, b.Behs, x.Name, x.Score, x.Items, func(r *result.Result) *float64 { return r.Behaviours[i].Score }) {
			got.Behs++
		}
	}
	byArgmax, byMean := 0, 0
	for i, ans := range target.Answers {
		if ans.Value == nil {
			continue
		}
		c, ok1 := a.Counts[ans.Item]
		p, ok2 := b.Counts[ans.Item]
		if ok1 && ok2 {
			d := make([]float64, len(c))
			for r := range c {
				d[r] = c[r] - p[r]
			}
			for _, k := range known {
				if v := k.Answers[i].Value; v != nil {
					d[*v]--
				}
			}
			best := 0
			for r := range d {
				if d[r] > d[best] {
					best = r
				}
			}
			if best == *ans.Value {
				byArgmax++
			}
		}
		m, ok1 := a.ItemMean[ans.Item]
		q, ok2 := b.ItemMean[ans.Item]
		if ok1 && ok2 {
			// The item mean is over those who answered it: the attacker
			// takes everyone to have answered, as nearly all do.
			est := float64(n)*m - float64(nb)*q
			for _, k := range known {
				if v := k.Answers[i].Value; v != nil {
					est -= float64(*v)
				}
			}
			if int(math.Min(math.Max(math.Round(est), 0), 4)) == *ans.Value {
				byMean++
			}
		}
	}
	got.Items = max(byArgmax, byMean)
	return got
}

// Blind is the attacker with no report at all: every score is the mean
// of the others, every answer the others' most common one. It is the
// floor any attack is measured against.
func Blind(target *result.Result, others []*result.Result) Recovered {
	var got Recovered
	mean := func(get func(*result.Result) *float64) (float64, bool) {
		s, n := 0.0, 0
		for _, r := range others {
			if x := get(r); x != nil {
				s += *x
				n++
			}
		}
		return s / float64(max(n, 1)), n > 0
	}
	for i, d := range target.Dimensions {
		m, ok := mean(func(r *result.Result) *float64 { return r.Dimensions[i].Score })
		if ok && d.Score != nil && math.Abs(Grid(m, d.Items)-*d.Score) <= 2.5 {
			got.Dims++
		}
	}
	for i, x := range target.Behaviours {
		m, ok := mean(func(r *result.Result) *float64 { return r.Behaviours[i].Score })
		if ok && x.Score != nil && math.Abs(Grid(m, x.Items)-*x.Score) <= 2.5 {
			got.Behs++
		}
	}
	for i, a := range target.Answers {
		var c [5]int
		for _, r := range others {
			if v := r.Answers[i].Value; v != nil {
				c[*v]++
			}
		}
		mode := 0
		for r := range c {
			if c[r] > c[mode] {
				mode = r
			}
		}
		if a.Value != nil && *a.Value == mode {
			got.Items++
		}
	}
	return got
}

// Synth is n synthetic results of bank b from seed.
func Synth(b *bank.Bank, seed uint64, n int) []*result.Result {
	g := synth.New(b, seed)
	out := make([]*result.Result, n)
	for i := range out {
		r := g.Next()
		out[i] = &r
	}
	return out
}

// Report aggregates rs into a report.
func Report(b *bank.Bank, o group.Options, rs []*result.Result) *group.Report {
	a := group.New(b, o)
	for _, r := range rs {
		a.Add("result-"+r.ID+".json", r)
	}
	return a.Report()
}
