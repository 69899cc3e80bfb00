package tui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/textwrap"
)

// maxContentWidth keeps lines readable on very wide terminals.
const maxContentWidth = 76

// box is the area a screen draws in: the window less its margins.
type box struct{ w, h int }

func (m *Model) margins() (x, y int) {
	x, y = 1, 0
	if m.width >= 60 {
		x = 2
	}
	if m.height >= 20 {
		y = 1
	}
	return x, y
}

func (m *Model) box() box {
	x, y := m.margins()
	return box{w: min(m.width-2*x, maxContentWidth), h: m.height - 2*y}
}

func (m *Model) render() string {
	if m.width == 0 || m.height == 0 {
		return "" // the size has not arrived yet
	}
	if m.width < MinWidth || m.height < MinHeight {
		return m.tooSmall()
	}
	b := m.box()
	var body string
	switch {
	case m.overlay == quitOverlay:
		body = m.quitView(b)
	case m.overlay == helpOverlay:
		body = m.helpView(b)
	default:
		switch m.screen {
		case welcomeScreen:
			body = m.welcomeView(b)
		case aboutScreen:
			body = m.aboutView(b)
		case questionScreen:
			body = m.questionView(b)
		case reviewScreen:
			body = m.reviewView(b)
		case submitScreen:
			body = m.submitView(b)
		case resultScreen:
			body = m.resultView(b)
		}
	}
	return m.frame(body, b)
}

// frame places body inside the margins, cutting anything that would run
// past the window so the terminal never scrolls.
func (m *Model) frame(body string, b box) string {
	x, y := m.margins()
	lines := strings.Split(body, "\n")
	if len(lines) > b.h {
		lines = lines[:b.h]
	}
	pad := strings.Repeat(" ", x)
	var sb strings.Builder
	for range y {
		sb.WriteString("\n")
	}
	for i, l := range lines {
		if i > 0 {
			sb.WriteString("\n")
		}
		sb.WriteString(pad)
		sb.WriteString(ansi.Truncate(l, b.w, ""))
	}
	return sb.String()
}

func (m *Model) tooSmall() string {
	t := m.theme()
	msg := m.lang.T(
		fmt.Sprintf("窗口太小\n请把窗口放大到至少 %d×%d\n（现在是 %d×%d）", MinWidth, MinHeight, m.width, m.height),
		fmt.Sprintf("The window is too small\nPlease enlarge it to at least %d×%d\n(it is %d×%d now)", MinWidth, MinHeight, m.width, m.height))
	lines := textwrap.Wrap(msg, m.width)
	lines[0] = t.heading.Render(lines[0])
	return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center,
		lipgloss.JoinVertical(lipgloss.Center, lines...))
}

// part is one block of a screen. Parts with a higher drop level are left
// out first when the screen does not fit; level 0 is always kept.
type part struct {
	s    string
	drop int
}

func gap(level int) part { return part{"", level} }

// fit joins the parts, leaving out the most droppable ones until the
// result fits in h lines.
func fit(h int, parts ...part) string {
	height := func() int {
		n := 0
		for _, p := range parts {
			n += strings.Count(p.s, "\n") + 1
		}
		return n
	}
	top := 0
	for _, p := range parts {
		top = max(top, p.drop)
	}
	for level := top; level > 0 && height() > h; level-- {
		kept := parts[:0:0]
		for _, p := range parts {
			if p.drop != level {
				kept = append(kept, p)
			}
		}
		parts = kept
	}
	ss := make([]string, len(parts))
	for i, p := range parts {
		ss[i] = p.s
	}
	return strings.Join(ss, "\n")
}

// spread puts left and right at the two ends of a line of width w.
func spread(left, right string, w int) string {
	n := w - ansi.StringWidth(left) - ansi.StringWidth(right)
	if n < 1 {
		return left
	}
	return left + strings.Repeat(" ", n) + right
}

// para wraps plain text to w and paints every line with st.
func para(st lipgloss.Style, s string, w int) string {
	lines := textwrap.Wrap(s, w)
	for i, l := range lines {
		lines[i] = st.Render(l)
	}
	return strings.Join(lines, "\n")
}
