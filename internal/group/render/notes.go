package render

import (
	"fmt"

	"github.com/tangping-dev/tangping/internal/group"
	"github.com/tangping-dev/tangping/internal/i18n"
)

// The sentences every format shares, so that text, Markdown and HTML say
// the same thing in the same words.

func heading(r *group.Report) string {
	l := r.Lang
	t := r.Title
	if t == "" {
		t = l.T("躺平式干部自查自测", "Lying-flat cadre self-check")
	}
	return t + l.T(" · 团体报告", " · Group report")
}

// metaLines are the report's header: what was read and how it is split.
func metaLines(r *group.Report) []string {
	l := r.Lang
	out := []string{}
	if r.Instrument != nil {
		out = append(out, l.T("题库：", "Bank: ")+r.Instrument.ID+" "+r.Instrument.Version)
	}
	out = append(out, l.T(
		fmt.Sprintf("有效结果 %d 份；共读取 %d 份，跳过 %d 份，重复 %d 份。", r.N, r.Files, len(r.Skipped), len(r.Duplicates)),
		fmt.Sprintf("%d results counted; %d read, %d skipped, %d duplicates.", r.N, r.Files, len(r.Skipped), len(r.Duplicates))))
	if r.By != group.ByNone {
		out = append(out, l.T(fmt.Sprintf("按%s分组；不足 %d 人的分组不单独显示。", byName(r.By, l), r.MinGroup),
			fmt.Sprintf("Split by %s; groups of fewer than %d are not shown on their own.", byName(r.By, l), r.MinGroup)))
	}
	if n := unverified(r); n > 0 {
		out = append(out, l.T(fmt.Sprintf("未核对：%d 份结果找不到评分时所用的题库，其得分未经按作答重新计算核对（--unverified）。", n),
			fmt.Sprintf("Unverified: the bank of %d result(s) was not found, so their figures were not recomputed from their answers (--unverified).", n)))
	}
	if len(r.Versions) > 0 {
		out = append(out, l.T(fmt.Sprintf("这些结果来自 %d 个题库版本，下面分别报告。", len(r.Versions)),
			fmt.Sprintf("These results come from %d bank versions, reported separately below.", len(r.Versions))))
	}
	return out
}

// unverified counts the results read without their bank.
func unverified(r *group.Report) int {
	if r.Unverified {
		return r.N
	}
	n := 0
	for _, v := range r.Versions {
		if v.Unverified {
			n += v.N
		}
	}
	return n
}

func byName(by string, l i18n.Lang) string {
	switch by {
	case group.ByUnit:
		return l.T("单位", "unit")
	case group.ByRole:
		return l.T("职务", "role")
	}
	return by
}

func versionHeading(s *group.Section, l i18n.Lang) string {
	h := s.Instrument.ID + " " + s.Instrument.Version
	if s.Title != "" {
		h = s.Title + l.T("（", " (") + h + l.T("）", ")")
	}
	return l.T(fmt.Sprintf("%s：%d 份", h, s.N), fmt.Sprintf("%s: %d results", h, s.N))
}

func suppressedNote(n, k int, l i18n.Lang) string {
	return l.T(fmt.Sprintf("共 %d 份结果，少于 %d 份。为保护个人隐私，只显示人数，不显示统计。", n, k),
		fmt.Sprintf("%d results, fewer than %d. To protect individuals, only the count is shown.", n, k))
}

// withheldNote says how many subgroups are not shown on their own, and
// why, or "" when all are shown.
func withheldNote(s *group.Section, k int, l i18n.Lang) string {
	w := s.Withheld
	switch {
	case w == nil:
		return ""
	case w.Hidden > 0:
		return l.T(fmt.Sprintf("%d 个分组（共 %d 人）都不单独显示：不足 %d 人的分组合并后，要么仍不足 %d 人，要么只能与全体相同；单独显示其余分组，小组的结果就能用全体减去各组推算出来。", w.Hidden, w.HiddenPeople, k, k),
			fmt.Sprintf("None of the %d groups (%d people) is shown on its own: pooling the groups of fewer than %d either stays below %d or equals the whole group, and showing the rest would let the small groups' figures be worked out by subtraction from the total.", w.Hidden, w.HiddenPeople, k, k))
	case w.Merged == 0:
		return ""
	case w.Protective > 0:
		return l.T(fmt.Sprintf("%d 个分组合并为“其他”：其中 %d 个不足 %d 人；另有 %d 个人数最少的分组一并并入，使“其他”达到 %d 人，以免小组的结果能用全体减去各组推算出来。", w.Merged, w.Merged-w.Protective, k, w.Protective, k),
			fmt.Sprintf("%d groups are pooled as \"Other\": %d had fewer than %d people, and the %d smallest other group(s) joined them so that Other reaches %d and the small groups' figures cannot be worked out by subtraction from the total.", w.Merged, w.Merged-w.Protective, k, w.Protective, k))
	}
	return l.T(fmt.Sprintf("%d 个分组不足 %d 人，已合并为“其他”。", w.Merged, k),
		fmt.Sprintf("%d groups had fewer than %d people and are pooled as \"Other\".", w.Merged, k))
}

// negativeAlphaNote explains the "*" of a negative alpha, when the report
// shows one.
func negativeAlphaNote(r *group.Report) string {
	for _, s := range append([]group.Section{r.Section}, r.Versions...) {
		for _, d := range s.Dimensions {
			if d.Alpha != nil && d.AlphaNote != "" {
				return "* " + d.AlphaNote
			}
		}
		for _, b := range s.Behaviours {
			if b.Alpha != nil && b.AlphaNote != "" {
				return "* " + b.AlphaNote
			}
		}
	}
	return ""
}

// methodNotes explain the statistics in a sentence each.
func methodNotes(r *group.Report) []string {
	l := r.Lang
	lo, hi := anchor(&r.Section, 0), anchor(&r.Section, 4)
	if r.Protection.Mode != group.ModeExact {
		return []string{
			l.T("均值和检出率只计有得分的结果；维度得分越高越好，表现得分越高越“躺平”。",
				"Means and prevalence count only results with a score; higher is better on a dimension and more lying-flat on a behaviour."),
			l.T("检出率：该表现达到提示线的人数占有得分人数的比例。",
				"Prevalence: the share of results with a score whose behaviour reached the flag line."),
			l.T(fmt.Sprintf("题目统计只在有效结果不少于 %d 份时显示，按原始回答 0–4 计（0=%s … 4=%s；作答时屏幕上显示为 1–5）；“正向”题写的是积极做法，回答越频繁越不“躺平”。IM 为印象管理题。", group.MinItemN, lo, hi),
				fmt.Sprintf("Item figures show only with at least %d results, and are of raw answers 0–4 (0=%s … 4=%s; shown as 1–5 on screen when answering); for an \"active\" item a frequent answer means less lying-flat. IM marks impression-management items.", group.MinItemN, lo, hi)),
		}
	}
	notes := []string{
		l.T("均值、标准差（除以 n−1）、中位数、最低和最高只计有得分的结果；维度得分越高越好，表现得分越高越“躺平”。",
			"Mean, SD (divisor n−1), median, min and max count only results with a score; higher is better on a dimension and more lying-flat on a behaviour."),
		l.T("检出率：该表现达到提示线的人数占有得分人数的比例。",
			"Prevalence: the share of results with a score whose behaviour reached the flag line."),
		l.T(fmt.Sprintf("α 为 Cronbach's alpha，用计分方向换算后的题目值计算，只用答全该量表全部题目的结果；完整结果少于 %d 份时显示“样本不足”。", group.MinAlphaN),
			fmt.Sprintf("α is Cronbach's alpha over keyed item values, using only results that answered every item of the scale; below %d such results it shows \"insufficient sample\".", group.MinAlphaN)),
		l.T(fmt.Sprintf("题目统计按原始回答 0–4 计（0=%s … 4=%s；作答时屏幕上显示为 1–5）；“正向”题写的是积极做法，回答越频繁越不“躺平”。IM 为印象管理题。", lo, hi),
			fmt.Sprintf("Item figures are of raw answers 0–4 (0=%s … 4=%s; shown as 1–5 on screen when answering); for an \"active\" item a frequent answer means less lying-flat. IM marks impression-management items.", lo, hi)),
	}
	if n := negativeAlphaNote(r); n != "" {
		notes = append(notes, n)
	}
	return notes
}

// protectionNote says, near the top of every format, how the figures are
// protected, or warns that they are not.
func protectionNote(r *group.Report) string {
	if r.Protection.Note != "" {
		return r.Protection.Note
	}
	if r.Protection.Mode == group.ModeExact {
		return group.ExactWarning(r.Lang)
	}
	return ""
}

func privacyFooter(r *group.Report) string {
	l := r.Lang
	if r.Protection.Mode == group.ModeExact {
		return l.T("本报告只含汇总统计，不含任何姓名或个人作答；但数字未加保护，只供培训者本人查看。",
			"This report holds aggregate figures only, no names and no individual answers; but its figures are unprotected, for the trainer's own eyes only.")
	}
	return l.T("本报告只含加了保护的汇总统计，不含任何姓名或个人作答。",
		"This report holds protected aggregate figures only: no names and no individual answers.")
}
