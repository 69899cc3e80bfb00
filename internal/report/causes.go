package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
)

// CausesNote reminds the writer what a cause is.
func causesNote(l i18n.Lang) string {
	return l.T("原因剖析要从理想信念、宗旨意识、党性修养和担当精神上找根源，不要把问题换个说法当作原因。每条都要结合自己的实际来写。",
		"Trace the problems to their roots: convictions, sense of purpose, Party character and the drive to take responsibility. Do not restate a problem as its own cause; write each point from your own experience.")
}

// causes fills the analysis of causes from the bank's root-cause classes
// (docs/bank-format.md), or the built-in ones when the result's bank is
// not at hand. A class marked "flagged" is listed only when a behaviour
// it explains is flagged or a dimension it explains is weak; classes are
// numbered in the order listed.
func causes(d *Doc, b *bank.Bank, heads []outlineScale) []OutlineCause {
	l := d.Lang
	fill := l.T("【请结合自身实际剖析】", " [Analyse from your own experience]")
	related := func(ids []string) string {
		var names []string
		for _, h := range heads {
			if slices.Contains(ids, h.ID) {
				names = append(names, h.Name)
			}
		}
		if len(names) == 0 {
			return ""
		}
		return l.T("主要关联本次查摆的：", "Mostly behind: ") + strings.Join(names, l.T("、", ", "))
	}
	classes := bank.DefaultCauses()
	if d.BankMatch {
		classes = b.Causes
	}
	shows := map[string]bool{}
	for _, x := range d.Flagged() {
		shows[x.ID] = true
	}
	for _, x := range d.Weak() {
		shows[x.ID] = true
	}
	var out []OutlineCause
	for _, c := range classes {
		if c.When == bank.CauseFlagged && !slices.ContainsFunc(c.Explains, func(id string) bool { return shows[id] }) {
			continue
		}
		oc := OutlineCause{Title: causeNumber(len(out)+1, l) + c.Title.In(l), Related: related(c.Explains), Pointer: c.Pointer.In(l)}
		for _, p := range c.Prompts {
			oc.Prompts = append(oc.Prompts, p.In(l)+fill)
		}
		out = append(out, oc)
	}
	return out
}

// causeNumber is the number before the n-th class: （一） in Chinese,
// "1. " in English.
func causeNumber(n int, l i18n.Lang) string {
	zh := []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	if l == i18n.EN {
		return fmt.Sprintf("%d. ", n)
	}
	if n >= 1 && n <= len(zh) {
		return "（" + zh[n-1] + "）"
	}
	return fmt.Sprintf("（%d）", n)
}

// measures are the suggested measures for the outline's headings: the
// result's recommendations for them, or, when it has none (nothing was
// flagged or weak), the bank's for the headings chosen instead.
func measures(d *Doc, b *bank.Bank, heads []outlineScale) []Rec {
	want := map[string]bool{}
	for _, h := range heads {
		want[h.ID] = true
	}
	var out []Rec
	for _, rc := range d.Recs {
		if want[rc.For] {
			out = append(out, rc)
		}
	}
	if len(out) > 0 || !d.BankMatch {
		return out
	}
	for _, h := range heads {
		for _, t := range recommendationsFor(b, h.ID) {
			out = append(out, Rec{For: h.ID, ForName: h.Name, Text: t.In(d.Lang)})
		}
	}
	return out
}
