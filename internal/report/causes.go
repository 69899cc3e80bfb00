package report

import (
	"strings"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
)

// Root-cause classes of the seed: thinking (study and education), lack of
// ability (training and practice) and fear of blame (the error-tolerance
// policy). The ids say which behaviours and dimensions of the default bank
// each class mostly explains; other banks simply get no "related" line.
var (
	thinkingIDs = []string{"B02", "B04", "B07", "B09", "B10", "D1", "D5", "D6"}
	abilityIDs  = []string{"B01", "B05", "B06", "B08", "D2", "D3", "D4"}
)

// fearOfBlame is the behaviour whose flag adds the error-tolerance class.
const fearOfBlame = "B03"

// CausesNote reminds the writer what a cause is.
func causesNote(l i18n.Lang) string {
	return l.T("原因剖析要从理想信念、宗旨意识、党性修养和担当精神上找根源，不要把问题换个说法当作原因。每条都要结合自己的实际来写。",
		"Trace the problems to their roots: convictions, sense of purpose, Party character and the drive to take responsibility. Do not restate a problem as its own cause; write each point from your own experience.")
}

func causes(d *Doc, heads []outlineScale) []OutlineCause {
	l := d.Lang
	fill := l.T("【请结合自身实际剖析】", " [Analyse from your own experience]")
	related := func(ids []string) string {
		var names []string
		for _, h := range heads {
			for _, id := range ids {
				if h.ID == id {
					names = append(names, h.Name)
				}
			}
		}
		if len(names) == 0 {
			return ""
		}
		return l.T("主要关联本次查摆的：", "Mostly behind: ") + strings.Join(names, l.T("、", ", "))
	}
	out := []OutlineCause{
		{
			Title:   l.T("（一）思想层面：理想信念、宗旨意识和党性修养", "1. Thinking: convictions, sense of purpose and Party character"),
			Related: related(thinkingIDs),
			Prompts: []string{
				l.T("理论学习是否入脑入心：学习是否停留在读原文、完成打卡，学用是否脱节？", "Has study really sunk in, or stopped at reading texts and logging attendance? Does what I learn shape what I do?") + fill,
				l.T("宗旨意识是否牢固：群众的急难愁盼是否真正放在心上，干事是为了群众，还是为了考核、为了补贴？", "Is my sense of purpose firm: do residents' urgent needs really weigh on me, and do I work for them or for assessments and subsidies?") + fill,
				l.T("党性修养和担当精神：是否满足于不出事、过得去，干劲和标准有没有降下来？", "Party character and drive: am I content with avoiding trouble and getting by; have my drive and standards slipped?") + fill,
			},
			Pointer: l.T("对应的整改方向：加强理论学习和党性教育。", "What helps: study and Party education."),
		},
		{
			Title:   l.T("（二）能力层面：本领不足", "2. Ability: skills that fall short"),
			Related: related(abilityIDs),
			Prompts: []string{
				l.T("面对新情况、新问题，是否因为本领不够而不敢接、不会干，只好照老办法办？", "Facing new situations, do I hold back or fall back on old ways because I lack the skills?") + fill,
				l.T("调查研究和抓落实的方法是否跟得上，是否习惯坐在办公室听汇报、看材料？", "Do my methods of investigation and follow-through keep up, or do I rely on briefings and paperwork from the office?") + fill,
			},
			Pointer: l.T("对应的整改方向：有针对性的业务培训和实践锻炼。", "What helps: targeted training and practice on the job."),
		},
	}
	for _, x := range d.Flagged() {
		if x.ID != fearOfBlame {
			continue
		}
		out = append(out, OutlineCause{
			Title:   l.T("（三）担当层面：担心问责", "3. Responsibility: fear of blame"),
			Related: related([]string{fearOfBlame}),
			Prompts: []string{
				l.T("是否因为怕出错、怕担责、怕得罪人，把该自己拍板的事推给上级，对难事绕着走？", "Do fear of mistakes, of blame or of offending people lead me to push my own decisions upward and walk around hard matters?") + fill,
			},
			Pointer: l.T("可对照本地的容错纠错办法和“三个区分开来”的要求：把缺乏经验、先行先试中出现的失误，同明知故犯区分开来；把上级尚无明确限制的探索性试验中的失误，同明令禁止后依然我行我素区分开来；把为推动发展的无意过失，同为谋取私利的行为区分开来。弄清哪些情形可以容错，再看自己的顾虑是否站得住。",
				"Read your locality's error-tolerance (容错纠错) rules and the “three distinctions”: mistakes made for lack of experience while trying something first are distinguished from knowing violations; mistakes in exploratory trials not yet restricted from above from persisting after an express ban; and unintended errors made to move work forward from acts for private gain. Find out which situations are protected, then ask whether your worries hold up."),
		})
	}
	return out
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
