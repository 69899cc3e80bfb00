package report

import (
	"fmt"
	"strings"

	"github.com/tangping-dev/tangping/internal/i18n"
)

// The "why this score" section's sentences, shared by every format.

// whyTitle labels the "why" section as the appendix it is on paper.
func (d *Doc) whyTitle() string {
	return d.Lang.T("附录：为何得此分", "Appendix: why this score")
}

// whyMethod explains how answers become scores.
func (d *Doc) whyMethod() []string {
	l := d.Lang
	var anchors []string
	for _, a := range d.Scale {
		anchors = append(anchors, fmt.Sprintf("%s=%d", a.Label.In(l), a.Value))
	}
	pct := fmt.Sprintf("%g%%", d.MinShare*100)
	return []string{
		l.T("每道题的回答 r（"+strings.Join(anchors, "、")+"）先换算成躺平值 v：常规题 v = r；正向题（写的是积极做法）v = 4 − r。v 越大越“躺平”。",
			"Each answer r ("+strings.Join(anchors, ", ")+") becomes a lying-flat value v: v = r for a flat item, v = 4 − r for an active item (one that describes good practice). Higher v is more lying-flat."),
		l.T("维度得分 = 100 − 100 × 平均 v ÷ 4，越高越好；表现得分 = 100 × 平均 v ÷ 4，越高越明显。一个维度或表现至少答了 "+pct+" 的题才计分。",
			"Dimension score = 100 − 100 × mean v ÷ 4 (higher is better); behaviour score = 100 × mean v ÷ 4 (higher is more marked). A scale is scored only when at least "+pct+" of its items are answered."),
	}
}

// bandsLine lists the cut points: "低于 25 亟待加强；25–50 有待提升；…".
func bandsLine(rs []BandRange, l i18n.Lang) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		switch {
		case r.Lo == nil && r.Hi != nil:
			parts[i] = l.T(fmt.Sprintf("低于 %g：%s", *r.Hi, r.Label), fmt.Sprintf("below %g: %s", *r.Hi, r.Label))
		case r.Hi == nil && r.Lo != nil:
			parts[i] = l.T(fmt.Sprintf("%g 及以上：%s", *r.Lo, r.Label), fmt.Sprintf("%g and above: %s", *r.Lo, r.Label))
		case r.Lo != nil:
			parts[i] = l.T(fmt.Sprintf("%g–%g：%s", *r.Lo, *r.Hi, r.Label), fmt.Sprintf("%g–%g: %s", *r.Lo, *r.Hi, r.Label))
		default:
			parts[i] = r.Label
		}
	}
	return strings.Join(parts, l.T("；", "; "))
}

func (d *Doc) whyBands() []string {
	l := d.Lang
	return []string{
		l.T("维度区间（", "Dimension bands (") + d.Notice + l.T("）：", "): ") + bandsLine(d.DimBands, l),
		l.T("表现区间：", "Behaviour bands: ") + bandsLine(d.BehBands, l) +
			l.T(fmt.Sprintf("；%g 分及以上标为提示。", d.FlagAt), fmt.Sprintf("; flagged at %g and above.", d.FlagAt)),
	}
}

// scaleHeading is "政治力强：79 分（好）".
func (d *Doc) scaleHeading(x Row) string {
	l := d.Lang
	if x.Score == nil {
		return l.T(x.Name+"：未计分", x.Name+": not scored")
	}
	return l.T(fmt.Sprintf("%s：%d 分（%s）", x.Name, x.Shown, x.Label), fmt.Sprintf("%s: %d (%s)", x.Name, x.Shown, x.Label))
}

// scaleCalc shows the arithmetic with the exact fraction, so that the
// reader can redo it: "得分 = 100 − 100 × 5 ÷ (4 × 6) ≈ 79.2".
func (d *Doc) scaleCalc(w WhyScale) string {
	l := d.Lang
	if w.Score == nil {
		return l.T(fmt.Sprintf("答了 %d / %d 题，不足 %g%%，未计分。", w.Answered, w.Items, d.MinShare*100),
			fmt.Sprintf("%d of %d items answered, fewer than %g%%: not scored.", w.Answered, w.Items, d.MinShare*100))
	}
	mean := float64(w.SumV) / float64(w.Answered)
	return l.T(
		fmt.Sprintf("v 合计 %d，答了 %d 题，平均 v ≈ %.2f；得分 = 100 − 100 × %d ÷ (4 × %d) ≈ %.1f", w.SumV, w.Answered, mean, w.SumV, w.Answered, *w.Score),
		fmt.Sprintf("v adds up to %d over %d answered items, mean v ≈ %.2f; score = 100 − 100 × %d ÷ (4 × %d) ≈ %.1f", w.SumV, w.Answered, mean, w.SumV, w.Answered, *w.Score))
}

// keyedLabel names how an item was keyed.
func keyedLabel(active bool, l i18n.Lang) string {
	if active {
		return l.T("正向（v = 4 − r）", "active (v = 4 − r)")
	}
	return l.T("常规（v = r）", "flat (v = r)")
}

func (d *Doc) answerLabel(it WhyItem) string {
	if !it.Answered {
		return d.Lang.T("未答", "not answered")
	}
	return d.Lang.T(fmt.Sprintf("%s（%d）", it.RawLabel, it.Raw), fmt.Sprintf("%s (%d)", it.RawLabel, it.Raw))
}

func vText(it WhyItem) string {
	if !it.Answered {
		return "—"
	}
	return fmt.Sprint(it.V)
}
