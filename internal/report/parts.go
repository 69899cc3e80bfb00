package report

import (
	"fmt"
	"sort"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

func sortRows(rows []Row, less func(a, b Row) bool) {
	sort.SliceStable(rows, func(i, j int) bool { return less(rows[i], rows[j]) })
}

// notes returns one gentle note per raised validity flag: the bank's
// wording when it has one, else ours.
func notes(flags []string, b *bank.Bank, lang i18n.Lang) []string {
	var out []string
	for _, f := range flags {
		var t bank.Text
		if b != nil {
			n := b.Validity.Notes
			t = map[string]bank.Text{
				result.FlagImpressionManagement: n.ImpressionManagement,
				result.FlagInconsistency:        n.Inconsistency,
				result.FlagStraightLining:       n.StraightLining,
				result.FlagTooFast:              n.TooFast,
			}[f]
		}
		if s := t.In(lang); s != "" {
			out = append(out, s)
			continue
		}
		out = append(out, fallbackNote(f, lang))
	}
	return out
}

func fallbackNote(flag string, lang i18n.Lang) string {
	switch flag {
	case result.FlagImpressionManagement:
		return lang.T("结果可能偏理想化，阅读时请多加留意。", "Results may be on the idealised side; read them with care.")
	case result.FlagInconsistency:
		return lang.T("有几组相近题目的回答方向不太一致，建议再核对一遍。", "Some closely related questions were answered in different directions; it may help to check them again.")
	case result.FlagStraightLining:
		return lang.T("连续很多道题选择了同一个选项。", "The same answer was chosen for a long run of questions.")
	case result.FlagTooFast:
		return lang.T("这次作答速度比较快，有些题目可能没来得及细想。", "The questions were answered quite quickly; some may not have had much thought.")
	}
	return lang.T("作答提示：", "Note: ") + flag
}

// recs returns the result's recommendations in lang. A stored text is in
// the result's language; with the result's own bank it is found there and
// given in lang instead.
func recs(r *result.Result, b *bank.Bank, match bool, lang i18n.Lang, nameOf func(string) string) []Rec {
	out := make([]Rec, 0, len(r.Recommendations))
	from := i18n.Lang(r.Lang)
	for _, x := range r.Recommendations {
		text := x.Text
		if match {
			for _, t := range recommendationsFor(b, x.For) {
				if t.In(from) == x.Text {
					text = t.In(lang)
					break
				}
			}
		}
		out = append(out, Rec{For: x.For, ForName: nameOf(x.For), Text: text})
	}
	return out
}

// why lists, for each dimension, the items that went into its score.
func why(r *result.Result, b *bank.Bank, lang i18n.Lang, dims []Row) []WhyScale {
	answers := r.AnswerMap()
	out := make([]WhyScale, 0, len(dims))
	for _, d := range dims {
		ws := WhyScale{Row: d}
		for _, it := range b.Items {
			if it.IM || it.Dimension != d.ID {
				continue
			}
			wi := WhyItem{ID: it.ID, Text: it.Text.In(lang), BehaviourID: it.Behaviour, Active: it.Keyed == bank.KeyedActive}
			if bb, ok := b.Behaviour(it.Behaviour); ok {
				wi.BehaviourName = bb.Name.In(lang)
			}
			if raw, ok := answers[it.ID]; ok {
				wi.Answered, wi.Raw, wi.RawLabel, wi.V = true, raw, b.AnchorLabel(raw, lang), it.Value(raw)
				ws.SumV += wi.V
			}
			ws.Questions = append(ws.Questions, wi)
		}
		out = append(out, ws)
	}
	return out
}

func whyMissing(r *result.Result, b *bank.Bank, lang i18n.Lang) string {
	in := r.Instrument
	if b == nil {
		return lang.T(
			fmt.Sprintf("没有找到评分时所用的题库（%s %s），无法列出每个得分背后的题目。请用 --bank 指定当初作答时使用的题库文件。", in.ID, in.Version),
			fmt.Sprintf("The bank this result was scored with (%s %s) is not available, so the items behind each score cannot be listed. Name the bank file used at the time with --bank.", in.ID, in.Version))
	}
	return lang.T(
		fmt.Sprintf("本结果由题库 %s %s（sha256 %s）评分，与现有题库 %s %s（sha256 %s）不同，无法列出每个得分背后的题目。请用 --bank 指定当初作答时使用的题库文件。",
			in.ID, in.Version, short(in.SHA256), b.ID, b.Version, short(b.SHA256)),
		fmt.Sprintf("This result was scored with bank %s %s (sha256 %s), not with the bank at hand, %s %s (sha256 %s), so the items behind each score cannot be listed. Name the bank file used at the time with --bank.",
			in.ID, in.Version, short(in.SHA256), b.ID, b.Version, short(b.SHA256)))
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12] + "…"
	}
	return h
}

// recommendationsFor returns the bank's measures for a behaviour or
// dimension id.
func recommendationsFor(b *bank.Bank, id string) []bank.Text {
	if x, ok := b.Behaviour(id); ok {
		return x.Recommendations
	}
	if x, ok := b.Dimension(id); ok {
		return x.Recommendations
	}
	return nil
}
