package render

import (
	"strings"

	"github.com/tangping-dev/tangping/internal/group"
)

// Markdown renders the group report as GitHub-flavoured Markdown.
func Markdown(r *group.Report) string {
	m := &mdR{r: r}
	l := r.Lang
	m.line("# " + mdEscape(heading(r)))
	m.blank()
	for _, s := range metaLines(r) {
		m.line(mdEscape(s) + "  ")
	}
	m.blank()
	m.line("> " + mdEscape(r.Notice))
	if p := protectionNote(r); p != "" {
		m.blank()
		if r.Protection.Mode == group.ModeExact {
			m.line("> **" + mdEscape(p) + "**")
		} else {
			m.line("> " + mdEscape(p))
		}
	}
	if len(r.Versions) == 0 {
		m.section(&r.Section, "##")
	}
	for i := range r.Versions {
		v := &r.Versions[i]
		m.blank()
		m.line("## " + mdEscape(versionHeading(v, l)))
		m.section(v, "###")
	}
	if len(r.Skipped) > 0 {
		m.head("##", l.T("跳过的文件", "Skipped files"))
		for _, f := range r.Skipped {
			m.line("- " + mdCode(f.File) + l.T("：", ": ") + mdEscape(f.Reason))
		}
	}
	if len(r.Duplicates) > 0 {
		m.head("##", l.T("重复的结果", "Duplicate results"))
		for _, d := range r.Duplicates {
			m.line("- " + l.T(mdCode(d.File)+" 与 "+mdCode(d.First)+" 是同一份结果（id "+mdCode(d.ID)+"），只计一次。",
				mdCode(d.File)+" is the same result as "+mdCode(d.First)+" (id "+mdCode(d.ID)+"); counted once."))
		}
	}
	m.head("##", l.T("说明", "Notes"))
	for _, n := range methodNotes(r) {
		m.line("- " + mdEscape(n))
	}
	m.line("- " + mdEscape(privacyFooter(r)))
	return m.b.String()
}

type mdR struct {
	r *group.Report
	b strings.Builder
}

func (m *mdR) line(s string) { m.b.WriteString(s + "\n") }
func (m *mdR) blank()        { m.b.WriteString("\n") }

func (m *mdR) head(level, title string) {
	m.blank()
	m.line(level + " " + mdEscape(title))
	m.blank()
}

func (m *mdR) section(s *group.Section, h string) {
	l := m.r.Lang
	if s.Suppressed {
		m.blank()
		m.line(mdEscape(suppressedNote(s.N, m.r.MinGroup, l)))
		return
	}
	m.head(h, l.T("作答提示", "Validity flags"))
	m.table(validityTable(s, l))
	m.head(h, l.T("维度（得分越高越好）", "Dimensions (higher is better)"))
	m.table(dimensionTable(s, l))
	m.blank()
	m.table(dimensionBands(s, l))
	m.head(h, l.T("躺平表现（得分越高越“躺平”）", "Lying-flat behaviours (higher is more lying-flat)"))
	m.table(behaviourTable(s, l))
	m.blank()
	m.table(behaviourBands(s, l))
	if m.r.By != group.ByNone {
		m.head(h, l.T("分组：按", "Groups by ")+byName(m.r.By, l))
		if n := withheldNote(s, m.r.MinGroup, l); n != "" {
			m.line(mdEscape(n))
			m.blank()
		}
		if len(s.Groups) > 0 {
			dims, behs, legend := groupTables(s, l)
			m.table(dims)
			m.blank()
			m.table(behs)
			m.blank()
			m.line(mdEscape(legend))
		}
	}
	if m.r.Protection.Live {
		return // serve's live profile shows no items
	}
	m.head(h, l.T("题目（原始回答的分布）", "Items (distribution of raw answers)"))
	if n := itemsNote(s, l); n != "" {
		m.line(mdEscape(n))
	}
	m.table(itemTable(s, l))
	if legend := itemLegend(s, l); legend != "" {
		m.blank()
		m.line(mdEscape(legend))
	}
}

func (m *mdR) table(t tbl) {
	if len(t.Rows) == 0 {
		return
	}
	if t.Caption != "" {
		m.line("**" + mdEscape(t.Caption) + "**")
		m.blank()
	}
	row := func(cells []string) {
		esc := make([]string, len(cells))
		for i, c := range cells {
			esc[i] = mdEscape(c)
		}
		m.line("| " + strings.Join(esc, " | ") + " |")
	}
	row(t.Headers)
	rule := make([]string, len(t.Headers))
	for i := range rule {
		rule[i] = "---"
		if t.Num[i] {
			rule[i] = "---:"
		}
	}
	m.line("| " + strings.Join(rule, " | ") + " |")
	for _, r := range t.Rows {
		row(r)
	}
}

// mdEscape keeps text from being read as Markdown syntax: table pipes,
// emphasis, links and inline HTML.
func mdEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "`", "\\`").Replace(s)
}

// mdCode shows a file name or id verbatim.
func mdCode(s string) string {
	return "`" + strings.ReplaceAll(s, "`", "'") + "`"
}
