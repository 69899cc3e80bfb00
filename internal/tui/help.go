package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/textwrap"
)

func (m *Model) helpView(b box) string {
	t := m.theme()
	l := m.lang
	keys := m.helpRows()
	kw := 0
	for _, k := range keys {
		kw = max(kw, ansi.StringWidth(k[0]))
	}
	kw = min(kw, b.w/2)
	var rows []string
	for _, k := range keys {
		pad := strings.Repeat(" ", max(kw-ansi.StringWidth(k[0]), 0))
		rows = append(rows, textwrap.Hang(k[1], t.key.Render(k[0])+pad+"  ", b.w))
	}
	return fit(b.h,
		part{t.title.Render(l.T("按键帮助", "Keys")), 0},
		gap(1),
		part{strings.Join(rows, "\n"), 0},
		gap(1),
		part{t.muted.Render(l.T("按 ? 或 Esc 返回", "Press ? or Esc to go back")), 0},
	)
}
