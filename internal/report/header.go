package report

import (
	"strings"

	"github.com/tangping-dev/tangping/internal/i18n"
)

// reportTitle is "躺平式干部自查自测 · 个人报告".
func (d *Doc) reportTitle() string {
	return d.Title + d.Lang.T(" · 个人报告", " · Personal report")
}

// metaLines say when, with which bank, and who (unless anonymous).
func (d *Doc) metaLines() []string {
	l := d.Lang
	out := []string{
		l.T("完成时间：", "Completed: ") + d.Completed.Format("2006-01-02 15:04") +
			l.T(" · 题库：", " · Bank: ") + d.Instrument,
	}
	if who := respondentLine(d, l); who != "" {
		out = append(out, who)
	}
	if d.Unverified {
		out = append(out, unverifiedNote(l))
	}
	return out
}

// unverifiedNote marks a report of a result read without its bank.
func unverifiedNote(l i18n.Lang) string {
	return l.T("【未核对】找不到评分时所用的题库，本报告中的得分、区间和提示未经按作答重新计算核对（--unverified），可能与作答不符。",
		"[UNVERIFIED] The bank this result was scored with was not found, so its scores, bands and flags were not recomputed from the answers (--unverified) and may not match them.")
}

func respondentLine(d *Doc, l i18n.Lang) string {
	p := d.Respondent
	if p.Anonymous {
		return l.T("匿名作答", "Anonymous")
	}
	var parts []string
	for _, f := range []struct{ zh, en, v string }{
		{"姓名：", "Name: ", p.Name}, {"单位：", "Unit: ", p.Unit}, {"职务：", "Role: ", p.Role},
	} {
		if f.v != "" {
			parts = append(parts, l.T(f.zh, f.en)+f.v)
		}
	}
	return strings.Join(parts, " · ")
}
