package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// Outline is the draft of a self-examination report (对照检查材料): the
// common structure (docs/architecture.md, "The outline") filled with the
// person's own weak spots, with placeholders wherever only they can write
// the substance.
type Outline struct {
	Lang     i18n.Lang
	Title    string
	Byline   []string // name, unit, meeting and date lines under the title
	Preface  []string // what the draft is, and what it is not
	Missing  []string // unanswered items and unscored scales, if any
	Opening  string
	Problems []OutlineHeading
	Fallback string // set when nothing was flagged or weak
	Causes   []OutlineCause
	CauseTip string
	Measures []Rec
	Closing  []string
}

// OutlineHeading is one "在……方面" heading with its 一是/二是 points.
// Sub is a writing hint (the score behind the heading), not draft text.
type OutlineHeading struct {
	Title  string
	Sub    string
	Points []OutlinePoint
}

// OutlinePoint is one 一是/二是 paragraph of the draft and, apart from
// it, a hint on how to write it (empty for most points). Hints are for
// the writer: the HTML page does not print them.
type OutlinePoint struct {
	Text, Hint string
}

// OutlineCause is one class of root cause with prompts to dig into it.
type OutlineCause struct {
	Title   string
	Related string // which headings of part one it bears on, if any
	Prompts []string
	Pointer string // the error-tolerance pointer, for fear of blame
}

// maxPoints is how many 一是/二是 points a heading gets from answers.
const maxPoints = 3

// BuildOutline fills the outline from a result and, when it is the
// result's bank, the items behind each score.
func BuildOutline(r *result.Result, b *bank.Bank, lang i18n.Lang) Outline {
	d := Build(r, b, lang)
	o := Outline{Lang: lang, Title: lang.T("对照检查材料（提纲草稿）", "Self-examination report (draft outline)"),
		Byline: byline(d.Respondent, lang), Missing: d.Missing.Lines(lang)}
	o.Preface = []string{
		lang.T("本提纲根据自查结果生成，只是写作的起点：问题要用具体事例写实，原因要从思想根源上剖析，措施要具体、有时限、可检查。请逐项修改补充后再使用。",
			"This outline is generated from the self-check and is only a starting point: problems need concrete cases, causes need to be traced to their roots, and measures need to be specific, dated and checkable. Edit and complete every part before use."),
		lang.T("自查得分只描述作答情况（"+d.Notice+"），不是对个人的评价结论。",
			"The self-check scores describe the answers given ("+lowerFirst(d.Notice)+"); they are not a judgement of the person."),
	}
	// Validity notes belong in every report, the outline included.
	o.Preface = append(o.Preface, d.Notes...)
	if d.Unverified {
		o.Preface = append([]string{unverifiedNote(lang)}, o.Preface...)
	}
	o.Opening = lang.T(
		"根据本次民主生活会（组织生活会）的主题和要求，会前我认真学习了……，与……进行了谈心谈话，广泛征求了意见建议，并对照上次查摆问题的整改情况进行了回顾。现将个人对照检查情况报告如下。【请补充：会议主题、学习内容、谈心谈话和征求意见情况、上次问题整改情况】",
		"In line with the theme and requirements of this democratic life meeting (organisational life meeting), before the meeting I studied …, held heart-to-heart talks with …, gathered comments and suggestions, and reviewed how the problems raised last time were fixed. My self-examination follows. [Add: the meeting's theme, what you studied, the talks and comments, and progress on last time's problems]")

	heads := outlineScales(&d)
	if len(heads) == 0 {
		o.Fallback = lang.T("本次自查没有达到提示线的表现，也没有处于较低区间的维度。以下从得分相对较低的方面查找差距，请结合实际取舍。",
			"No behaviour reached the flag line and no dimension is in a low band in this self-check. The headings below come from the relatively weakest areas; keep what fits your situation.")
		heads = weakest(&d, 2)
	}
	used := map[string]bool{}
	for i, h := range heads {
		o.Problems = append(o.Problems, problemHeading(&d, r, b, h, i, used))
	}
	o.Causes, o.CauseTip = causes(&d, b, heads), causesNote(lang)
	o.Measures = measures(&d, b, heads)
	o.Closing = []string{
		lang.T("今后，我将以这次民主生活会为新的起点，……【请补充：今后的努力方向和表态】",
			"From now on, I will take this meeting as a fresh start and … [Add: your direction for the coming period]"),
		lang.T("以上对照检查，不妥之处，恳请同志们按照“团结—批评—团结”的要求，对我提出批评意见，帮助我改进提高。",
			"I ask my colleagues, in the spirit of unity–criticism–unity, to criticise this self-examination and help me improve."),
	}
	return o
}

// outlineScale is a heading's scale: a flagged behaviour or a weak dimension.
type outlineScale struct {
	Row
	behaviour bool
}

func outlineScales(d *Doc) []outlineScale {
	var out []outlineScale
	for _, x := range d.Flagged() {
		out = append(out, outlineScale{x, true})
	}
	for _, x := range d.Weak() {
		out = append(out, outlineScale{x, false})
	}
	return out
}

// weakest returns the n scored dimensions with the lowest scores.
func weakest(d *Doc, n int) []outlineScale {
	var rows []Row
	for _, x := range d.Dimensions {
		if x.Score != nil {
			rows = append(rows, x)
		}
	}
	sortRows(rows, func(a, b Row) bool { return *a.Score < *b.Score })
	var out []outlineScale
	for _, x := range rows[:min(n, len(rows))] {
		out = append(out, outlineScale{x, false})
	}
	return out
}

func problemHeading(d *Doc, r *result.Result, b *bank.Bank, h outlineScale, i int, used map[string]bool) OutlineHeading {
	l := d.Lang
	oh := OutlineHeading{}
	if h.behaviour {
		oh.Title = l.T(fmt.Sprintf("（%s）在“%s”问题方面", cnNum(i+1), h.Name), fmt.Sprintf("%d. In the matter of “%s”", i+1, h.Name))
		oh.Sub = l.T(fmt.Sprintf("自查表现得分 %d，%s", h.Shown, h.Label), fmt.Sprintf("self-check behaviour score %d, %s", h.Shown, h.Label))
	} else {
		oh.Title = l.T(fmt.Sprintf("（%s）在“%s”方面", cnNum(i+1), h.Name), fmt.Sprintf("%d. In the area of “%s”", i+1, h.Name))
		oh.Sub = l.T(fmt.Sprintf("自查维度得分 %d，%s", h.Shown, h.Label), fmt.Sprintf("self-check dimension score %d, %s", h.Shown, h.Label))
	}
	for k, it := range pointItems(d, r, b, h, used) {
		oh.Points = append(oh.Points, d.itemPrompt(it, k))
	}
	if len(oh.Points) == 0 {
		oh.Points = append(oh.Points, OutlinePoint{
			Text: l.T("一是：", "First: ") + PlaceholderCase(l),
			Hint: l.T("请对照这方面的要求，回想近一年工作中有没有相关的情况，写出最能说明问题的一件事。",
				"Measure the past year's work against this area and write down the one episode that shows the problem best.")})
	}
	return oh
}

// pointItems picks the answers that speak most to a heading: items of the
// scale with the highest v, at least 1, each used under one heading only.
func pointItems(d *Doc, r *result.Result, b *bank.Bank, h outlineScale, used map[string]bool) []WhyItem {
	if !Matches(b, r) {
		return nil
	}
	answers := r.AnswerMap()
	var cands []WhyItem
	for _, it := range b.Items {
		if it.IM || used[it.ID] || (h.behaviour && it.Behaviour != h.ID) || (!h.behaviour && it.Dimension != h.ID) {
			continue
		}
		raw, ok := answers[it.ID]
		if !ok || it.Value(raw) < 1 {
			continue
		}
		cands = append(cands, WhyItem{ID: it.ID, Text: it.Text.In(d.Lang), Raw: raw, RawLabel: b.AnchorLabel(raw, d.Lang),
			V: it.Value(raw), Active: it.Keyed == bank.KeyedActive, Answered: true})
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].V > cands[j].V })
	if len(cands) > 0 && cands[0].V >= 2 {
		// when there are clear answers, leave out the faint ones
		k := 0
		for k < len(cands) && cands[k].V >= 2 {
			k++
		}
		cands = cands[:k]
	}
	cands = cands[:min(maxPoints, len(cands))]
	for i := range cands {
		used[cands[i].ID] = true
	}
	return cands
}

// itemPrompt turns one answer into a point that asks for the case behind
// it: a frequency is not a case, so the person must supply one.
func (d *Doc) itemPrompt(it WhyItem, k int) OutlinePoint {
	l := d.Lang
	text := innerQuotes(trimStop(it.Text))
	var zh, en string
	if it.Active {
		zh = fmt.Sprintf("%s：自查中“%s”一题（%s），我的回答是“%s”，这样的做法还不够经常。", ordinal(l, k), text, it.ID, it.RawLabel)
		en = fmt.Sprintf("%s: to “%s” (%s) I answered “%s”: this good practice is not yet a habit.", ordinal(l, k), text, it.ID, it.RawLabel)
	} else {
		zh = fmt.Sprintf("%s：自查中“%s”一题（%s），我的回答是“%s”。", ordinal(l, k), text, it.ID, it.RawLabel)
		en = fmt.Sprintf("%s: to “%s” (%s) I answered “%s”.", ordinal(l, k), text, it.ID, it.RawLabel)
	}
	p := OutlinePoint{Text: l.T(zh, en+" ") + PlaceholderCase(l)}
	if k == 0 {
		// The first point says what a case needs; the others just ask.
		p.Hint = l.T("写明是哪件事、当时是怎么想的、造成了什么影响。", "Say which matter it was, what you were thinking at the time, and what it led to.")
	}
	return p
}

// byline is the lines under the title: who writes, for which meeting,
// when. What the result does not know is a placeholder.
func byline(p result.Respondent, l i18n.Lang) []string {
	field := func(zh, en, v, fillZh, fillEn string) string {
		if v == "" || p.Anonymous {
			v = l.T("【"+fillZh+"】", "["+fillEn+"]")
		}
		return l.T(zh, en) + v
	}
	unit := p.Unit
	if p.Role != "" && !p.Anonymous {
		unit = strings.TrimSpace(unit + " " + p.Role)
	}
	return []string{
		field("姓名：", "Name: ", p.Name, "姓名", "name"),
		field("单位职务：", "Unit and post: ", unit, "单位及职务", "unit and post"),
		field("会议：", "Meeting: ", "", "××××年度民主生活会（组织生活会）", "year, democratic life meeting"),
		field("日期：", "Date: ", "", "××××年××月××日", "date"),
	}
}

// innerQuotes turns double quotes inside a quoted item into single ones,
// as Chinese and English typesetting both do.
func innerQuotes(s string) string {
	return strings.NewReplacer("“", "‘", "”", "’", `"`, "'").Replace(s)
}

// PlaceholderCase marks where the person must write a concrete case.
func PlaceholderCase(l i18n.Lang) string {
	return l.T("【请补充具体事例】", "[Add a concrete case]")
}

var cnDigits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

// lowerFirst lower-cases a sentence's first letter, to quote it
// mid-sentence ("Descriptive bands, not norms" in brackets).
func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}

// cnNum writes 1–99 in Chinese numerals, for （一） and 一是.
func cnNum(n int) string {
	switch {
	case n <= 10:
		return cnDigits[n]
	case n < 20:
		return "十" + cnDigits[n-10]
	case n < 100 && n%10 == 0:
		return cnDigits[n/10] + "十"
	case n < 100:
		return cnDigits[n/10] + "十" + cnDigits[n%10]
	}
	return fmt.Sprint(n)
}

var enOrdinals = []string{"First", "Second", "Third", "Fourth", "Fifth"}

func ordinal(l i18n.Lang, k int) string {
	if l == i18n.EN {
		if k < len(enOrdinals) {
			return enOrdinals[k]
		}
		return fmt.Sprintf("Point %d", k+1)
	}
	return cnNum(k+1) + "是"
}

func trimStop(s string) string {
	return strings.TrimRight(strings.TrimSpace(s), "。.")
}
