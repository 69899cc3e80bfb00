package report

import (
	"fmt"
	"strings"

	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// Missing says what was left unanswered and which scales could not be
// scored for it. Every report says so at the top: an unscored scale is
// not a score of 0 (docs/reports.md).
type Missing struct {
	Unanswered, Items      int
	Dimensions, Behaviours []string // names of the unscored scales
}

func missing(r *result.Result, dims, behs []Row) Missing {
	m := Missing{Items: len(r.Answers)}
	for _, a := range r.Answers {
		if a.Value == nil {
			m.Unanswered++
		}
	}
	for _, x := range dims {
		if x.Score == nil {
			m.Dimensions = append(m.Dimensions, x.Name)
		}
	}
	for _, x := range behs {
		if x.Score == nil {
			m.Behaviours = append(m.Behaviours, x.Name)
		}
	}
	return m
}

// Lines are the banner's sentences; none when every item was answered.
func (m Missing) Lines(l i18n.Lang) []string {
	if m.Unanswered == 0 && len(m.Dimensions)+len(m.Behaviours) == 0 {
		return nil
	}
	out := []string{l.T(fmt.Sprintf("有 %d 道题未作答（共 %d 题）。", m.Unanswered, m.Items),
		fmt.Sprintf("%d of the %d questions were left unanswered.", m.Unanswered, m.Items))}
	if len(m.Dimensions)+len(m.Behaviours) == 0 {
		return append(out, l.T("每个维度和表现仍有足够的回答，都已计分。", "Every dimension and behaviour still has enough answers and is scored."))
	}
	var parts []string
	if len(m.Dimensions) > 0 {
		parts = append(parts, l.T("维度 ", "dimensions ")+strings.Join(m.Dimensions, l.T("、", ", ")))
	}
	if len(m.Behaviours) > 0 {
		parts = append(parts, l.T("表现 ", "behaviours ")+strings.Join(m.Behaviours, l.T("、", ", ")))
	}
	return append(out, l.T("作答不足、未能计分的有："+strings.Join(parts, "；")+"。未计分不是 0 分；补答后重新评分即可得到。",
		"Too few answers to score: "+strings.Join(parts, "; ")+". Not scored is not a score of 0; answer the missing questions and score again to get them."))
}

// summary is the conclusion box: where the dimensions stand, which
// behaviours reached the flag line, and whether the answers need care.
// It states the figures below it in words and judges no one.
func (d *Doc) summary() []string {
	l := d.Lang
	var out []string
	q := func(s string) string { return l.T("“"+s+"”", "“"+s+"”") }
	named := func(x Row) string {
		return l.T(fmt.Sprintf("“%s”（%d，%s）", x.Name, x.Shown, x.Label), fmt.Sprintf("“%s” (%d, %s)", x.Name, x.Shown, x.Label))
	}
	var scored []Row
	for _, x := range d.Dimensions {
		if x.Score != nil {
			scored = append(scored, x)
		}
	}
	if len(scored) > 0 {
		best := scored[0]
		for _, x := range scored {
			if *x.Score > *best.Score {
				best = x
			}
		}
		n := cnNum(len(d.Dimensions))
		if weak := d.Weak(); len(weak) > 0 {
			var names []string
			for _, x := range weak {
				names = append(names, q(x.Name))
			}
			out = append(out, l.T(
				fmt.Sprintf("%s个维度中，%s得分最高；%s处于较低的两个区间，是需要重点对照的方面。", n, named(best), strings.Join(names, "")),
				fmt.Sprintf("Of the %d dimensions, %s scores highest; %s %s in the two lower bands: %s to look at first.",
					len(d.Dimensions), named(best), strings.Join(names, ", "), isAre(len(weak)), plural(len(weak), "the area", "the areas"))))
		} else {
			low := scored[0]
			for _, x := range scored {
				if *x.Score < *low.Score {
					low = x
				}
			}
			if best.Shown == low.Shown {
				out = append(out, l.T(fmt.Sprintf("%s个维度得分相同，都是 %d（%s）。", n, best.Shown, best.Label),
					fmt.Sprintf("All %d dimensions score %d (%s).", len(d.Dimensions), best.Shown, best.Label)))
			} else {
				out = append(out, l.T(
					fmt.Sprintf("%s个维度都不在较低的区间；得分最高的是%s，相对最低的是%s。", n, named(best), named(low)),
					fmt.Sprintf("None of the %d dimensions is in a lower band; %s scores highest and %s lowest.", len(d.Dimensions), named(best), named(low))))
			}
		}
	}
	if fl := d.Flagged(); len(fl) > 0 {
		var names []string
		for _, x := range fl {
			names = append(names, l.T(fmt.Sprintf("%s（%d）", x.Name, x.Shown), fmt.Sprintf("%s (%d)", x.Name, x.Shown)))
		}
		out = append(out, l.T(
			fmt.Sprintf("有 %d 项躺平表现达到提示线（%g 分及以上）：%s。", len(fl), d.FlagAt, strings.Join(names, "、")),
			fmt.Sprintf("%d lying-flat %s reached the flag line (%g and above): %s.", len(fl), plural(len(fl), "behaviour", "behaviours"), d.FlagAt, strings.Join(names, ", "))))
	} else {
		var top *Row
		for i := range d.Behaviours {
			if d.Behaviours[i].Score != nil {
				top = &d.Behaviours[i]
				break
			}
		}
		switch {
		case top != nil && top.Shown == 0:
			out = append(out, l.T(fmt.Sprintf("没有躺平表现达到提示线（%g 分），各项表现得分都是 0。", d.FlagAt),
				fmt.Sprintf("No lying-flat behaviour reached the flag line (%g); every behaviour scores 0.", d.FlagAt)))
		case top != nil:
			out = append(out, l.T(fmt.Sprintf("没有躺平表现达到提示线（%g 分）；相对最明显的是%s。", d.FlagAt, named(*top)),
				fmt.Sprintf("No lying-flat behaviour reached the flag line (%g); the most marked is %s.", d.FlagAt, named(*top))))
		}
	}
	if len(d.Notes) > 0 {
		out = append(out, l.T(fmt.Sprintf("有 %d 条作答提示（见下），阅读以上结果时请留意。", len(d.Notes)),
			fmt.Sprintf("There %s %d %s about the answers (below); keep %s in mind when reading these results.",
				isAre(len(d.Notes)), len(d.Notes), plural(len(d.Notes), "note", "notes"), itThem(len(d.Notes)))))
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func isAre(n int) string  { return plural(n, "is", "are") }
func itThem(n int) string { return plural(n, "it", "them") }

// RecGroup is the recommendations for one behaviour or dimension.
type RecGroup struct {
	For, Name string
	Row       *Row // its score, when it is one of the report's scales
	Texts     []string
}

// recGroups groups the recommendations by what they are for, in the
// order they first appear (the behaviours most pronounced first).
func (d *Doc) recGroups() []RecGroup {
	var out []RecGroup
	at := map[string]int{}
	for _, rc := range d.Recs {
		i, ok := at[rc.For]
		if !ok {
			i = len(out)
			at[rc.For] = i
			g := RecGroup{For: rc.For, Name: rc.ForName}
			for _, rows := range [][]Row{d.Behaviours, d.Dimensions} {
				for k := range rows {
					if rows[k].ID == rc.For && g.Row == nil {
						g.Row = &rows[k]
					}
				}
			}
			out = append(out, g)
		}
		out[i].Texts = append(out[i].Texts, rc.Text)
	}
	return out
}
