package server

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/glyph"
	"github.com/tangping-dev/tangping/internal/group"
	"github.com/tangping-dev/tangping/internal/keymap"
	"github.com/tangping-dev/tangping/internal/qrcode"
	"github.com/tangping-dev/tangping/internal/textwrap"
)

// The dashboard's pages. The first is what a projector shows all session
// long, and fits 80×24 without scrolling: the join strip, the counts, and
// the headline of the group profile (behaviours by prevalence, the
// dimensions' means). Details and the full join information are a key
// away.
type page int

const (
	pageOverview page = iota
	pageDetails
	pageJoin
	pageCount
)

type dashStyles struct {
	title, strong, muted, warn, beh, dim, track, tab lipgloss.Style
}

func (d *Dashboard) styles() dashStyles {
	ld := lipgloss.LightDark(d.dark)
	fg := func(light, dark string) lipgloss.Style {
		return lipgloss.NewStyle().Foreground(ld(lipgloss.Color(light), lipgloss.Color(dark)))
	}
	return dashStyles{
		title:  fg("#8E1B1B", "#FF9E94").Bold(true),
		strong: lipgloss.NewStyle().Bold(true),
		muted:  fg("#6B6B6B", "#9A9A9A"),
		warn:   fg("#9A5B00", "#F0B45A").Bold(true),
		beh:    fg("#B3261E", "#F2847C"),
		dim:    fg("#1F6F8B", "#6CC3E0"),
		track:  fg("#C8C8C8", "#4A4A4A"),
		tab:    lipgloss.NewStyle().Bold(true).Reverse(true),
	}
}

// size is the terminal's size, 80×24 until it is known.
func (d *Dashboard) size() (w, h int) {
	w, h = d.width, d.height
	if w <= 0 || h <= 0 {
		return 80, 24
	}
	return w, h
}

// View implements tea.Model.
func (d *Dashboard) View() tea.View {
	w, _ := d.size()
	lines := d.top(w)
	body := d.body(w, d.bodyHeight())
	for len(body) < d.bodyHeight() {
		body = append(body, "")
	}
	lines = append(append(lines, body...), d.footer(w))
	v := tea.NewView(strings.Join(lines, "\n"))
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	return v
}

// bodyHeight is the rows left for the page between the top and the
// footer line.
func (d *Dashboard) bodyHeight() int {
	w, h := d.size()
	return max(h-len(d.top(w))-1, 1)
}

// top is what every page shows: the join strip, the counts, any notice,
// and a rule.
func (d *Dashboard) top(w int) []string {
	st := d.styles()
	l := d.lang
	lines := d.joinStrip(w)
	c := d.snap.Counts
	counts := l.T(
		fmt.Sprintf("在线 %d · 作答中 %d · 已完成 %d · 共 %d 人", d.snap.Connected, c.InProgress, c.Completed, c.Joined),
		fmt.Sprintf("connected %d · in progress %d · completed %d · %d joined", d.snap.Connected, c.InProgress, c.Completed, c.Joined))
	if ansi.StringWidth(counts) > w {
		counts = l.T(fmt.Sprintf("在线 %d · 作答 %d · 完成 %d · 共 %d", d.snap.Connected, c.InProgress, c.Completed, c.Joined),
			fmt.Sprintf("on %d · answering %d · done %d · of %d", d.snap.Connected, c.InProgress, c.Completed, c.Joined))
	}
	for _, s := range textwrap.Wrap(counts, w) {
		lines = append(lines, st.strong.Render(s))
	}
	var notes []string
	if d.info.LoopbackOnly {
		notes = append(notes, l.T(
			fmt.Sprintf("⚠ 只监听本机，其他电脑连不上：用 --listen 0.0.0.0:%d 重新启动（按 3 看详情）", d.info.Port),
			fmt.Sprintf("⚠ This computer only; others cannot join: restart with --listen 0.0.0.0:%d (3: details)", d.info.Port)))
	}
	if g := d.snap.Guessing.Line(l); g != "" {
		notes = append(notes, g)
	}
	if d.err != nil {
		notes = append(notes, l.T("⚠ 读取数据失败：", "⚠ cannot read the data: ")+d.err.Error())
	}
	if d.confirm {
		notes = append(notes, d.confirmText())
	}
	for _, n := range notes {
		for _, s := range textwrap.Wrap(n, w) {
			lines = append(lines, st.warn.Render(s))
		}
	}
	return append(lines, st.muted.Render(strings.Repeat("─", w)))
}

func (d *Dashboard) confirmText() string {
	l := d.lang
	n := d.snap.Connected
	if win := d.info.DownloadWindow; win > 0 && d.snap.Counts.Completed > 0 {
		return l.T(
			fmt.Sprintf("还有 %d 人在线。再按 q 结束会话（作答都已保存；已完成的学员还有 %s可下载结果），Esc 取消。", n, HumanDuration(win, l)),
			fmt.Sprintf("%d still connected. Press q again to end the session (answers are saved; those who completed get %s to download), Esc to cancel.", n, HumanDuration(win, l)))
	}
	return l.T(fmt.Sprintf("还有 %d 人在线。再按 q 结束会话（作答都已保存），Esc 取消。", n),
		fmt.Sprintf("%d still connected. Press q again to end the session (answers are saved), Esc to cancel.", n))
}

// joinStrip is how to join, on one line: the ssh command, the web
// address and the code, with what else fits. A command or address is
// never broken across lines: when the line cannot hold them and the
// code, the code gets a line of its own.
func (d *Dashboard) joinStrip(w int) []string {
	st := d.styles()
	l := d.lang
	sep := st.muted.Render(" · ")
	var addrs []string
	if len(d.info.Commands) > 0 {
		addrs = append(addrs, st.strong.Render(d.info.Commands[0]))
	}
	if d.info.URL != "" {
		addrs = append(addrs, st.strong.Render(d.info.URL))
	}
	if len(addrs) == 0 {
		addrs = []string{""}
	}
	all := strings.Join(addrs, sep)
	code := l.T("会议码 ", "code ") + st.strong.Render(FormatCode(d.info.Code))
	more := ""
	if n := len(d.info.Commands) - 1; n > 0 {
		more = st.muted.Render(l.T(fmt.Sprintf("另有 %d 个地址（按 3）", n), fmt.Sprintf("%d more addresses (3)", n)))
	} else if d.info.URL != "" {
		more = st.muted.Render(l.T("二维码：按 3", "QR code: 3"))
	}
	for _, parts := range [][]string{
		{st.title.Render("tangping"), l.T("加入：", "join: ") + all, code, more},
		{l.T("加入：", "join: ") + all, code, more},
		{all, code, more},
		{all, code},
		{addrs[0], code, more},
		{addrs[0], code},
	} {
		var keep []string
		for _, p := range parts {
			if p != "" {
				keep = append(keep, p)
			}
		}
		if s := strings.Join(keep, sep); ansi.StringWidth(s) <= w {
			return []string{s}
		}
	}
	return []string{ansi.Truncate(addrs[0], w, "…"), ansi.Truncate(code, w, "…")}
}

// body is the current page, at most h lines.
func (d *Dashboard) body(w, h int) []string {
	var lines []string
	switch {
	case d.help:
		lines = d.helpPage(w)
	case d.page == pageDetails:
		lines = strings.Split(d.vp.View(), "\n")
	case d.page == pageJoin:
		lines = d.joinPage(w, h)
	default:
		lines = d.overview(w, h)
	}
	if len(lines) > h {
		lines = lines[:h]
	}
	return lines
}

// keyMap is the dashboard's keys with those that work now enabled.
func (d *Dashboard) keyMap() *dashKeys {
	km := d.keys.forPage(d.page, d.confirm)
	return &km
}

// helpPage lists every key that works on the page under it, generated
// from the key map: all its keys, and what it does.
func (d *Dashboard) helpPage(w int) []string {
	st := d.styles()
	rows := keymap.Help(d.keyMap())
	keyW := 0
	for _, r := range rows {
		keyW = max(keyW, ansi.StringWidth(r[0]))
	}
	lines := []string{st.strong.Render(d.lang.T("按键（再按 ? 关闭）", "Keys (? again to close)")), ""}
	for _, r := range rows {
		gap := strings.Repeat(" ", keyW-ansi.StringWidth(r[0])+2)
		lines = append(lines, ansi.Truncate("  "+r[0]+gap+r[1], w, "…"))
	}
	return lines
}

// joinPage is the whole announcement: the QR code phones scan (when
// there is a web address), every address, the session, the
// fingerprints. The code is drawn as large as the page allows (a
// projector's room reads it from afar), at the left of the page's first
// line with the text beside it, or above the text on a narrow screen.
func (d *Dashboard) joinPage(w, h int) []string {
	text := func(width int) []string {
		var out []string
		for _, s := range d.info.Lines(d.lang) {
			if strings.HasPrefix(s, "    ") { // a command or address: never broken
				out = append(out, d.styles().strong.Render(ansi.Truncate(s, width, "…")))
				continue
			}
			out = append(out, textwrap.Wrap(s, width)...)
		}
		return out
	}
	c := d.joinCode()
	if c == nil {
		return text(w)
	}
	const gap, minText = 2, 30
	for scale := 4; scale >= 1; scale-- {
		qw, qh := c.Width(qrcode.QuietTerminal, scale), c.Height(qrcode.QuietTerminal, scale)
		if qh > h || qw > w {
			continue
		}
		if w-qw-gap >= minText {
			qr, side := d.joinQR(c, scale), text(w-qw-gap)
			out := make([]string, max(len(qr), len(side)))
			for i := range out {
				left := strings.Repeat(" ", qw)
				if i < len(qr) {
					left = qr[i]
				}
				if i < len(side) {
					left += strings.Repeat(" ", gap) + side[i]
				}
				out[i] = left
			}
			return out
		}
		if below := text(w); qh+len(below) <= h || scale == 1 {
			return append(d.joinQR(c, scale), below...)
		}
	}
	return append(text(w), d.styles().muted.Render(ansi.Truncate(d.lang.T(
		"（窗口放大后这里显示二维码）", "(a larger window shows the QR code here)"), w, "…")))
}

// joinCode is the QR code of the join address; nil without a web
// address.
func (d *Dashboard) joinCode() *qrcode.Code {
	if d.info.QR == "" {
		return nil
	}
	c, err := qrcode.Encode(d.info.QR)
	if err != nil {
		return nil
	}
	return c
}

// joinQR draws c at scale, dark on light whatever the terminal's
// colours.
func (d *Dashboard) joinQR(c *qrcode.Code, scale int) []string {
	paper := lipgloss.NewStyle().Foreground(lipgloss.Color("#000000")).Background(lipgloss.Color("#FFFFFF"))
	lines := c.Lines(qrcode.QuietTerminal, scale)
	for i, l := range lines {
		lines[i] = paper.Render(l)
	}
	return lines
}

// bar is one row of the overview.
type bar struct {
	name  string
	x     float64 // 0–1 of the bar's length
	known bool
	label string
}

// headline is the overview's figures from the profile: behaviours by
// prevalence, highest first, and the dimensions' means. The profile is
// Profile's (docs/privacy.md): the dashboard shows only what it releases.
func headline(r *group.Report) (behaviours, dimensions []bar) {
	for _, b := range r.Behaviours {
		x := bar{name: b.Name, label: "—"}
		if b.Prevalence != nil {
			x.x, x.known, x.label = *b.Prevalence, true, fmt.Sprintf("%.0f%%", *b.Prevalence*100)
			if e := b.PrevalenceError; e != nil { // protected (docs/privacy.md): rounded, with its ±
				x.label += fmt.Sprintf("±%.0f", math.Max(math.Round(*e*100), 1))
			}
		}
		behaviours = append(behaviours, x)
	}
	slices.SortStableFunc(behaviours, func(a, b bar) int {
		if a.known != b.known {
			if a.known {
				return -1
			}
			return 1
		}
		return cmp.Compare(b.x, a.x)
	})
	for _, m := range r.Dimensions {
		x := bar{name: m.Name, label: "—"}
		if m.Mean != nil {
			x.x, x.known, x.label = *m.Mean/100, true, fmt.Sprintf("%.1f", *m.Mean)
			if e := m.MeanError; e != nil {
				x.label = fmt.Sprintf("%.0f±%.0f", *m.Mean, math.Max(math.Round(*e), 1))
			}
		}
		dimensions = append(dimensions, x)
	}
	return behaviours, dimensions
}

// overview is the first page: the headline of the profile in h lines of
// w cells, two columns when there is room, else one; what does not fit
// is counted, with the key that shows it.
func (d *Dashboard) overview(w, h int) []string {
	l := d.lang
	st := d.styles()
	if d.report == nil {
		return textwrap.Wrap(notYet(d.k, len(d.snap.Results), l), w)
	}
	if d.report.Suppressed || len(d.report.Behaviours) == 0 {
		return textwrap.Wrap(d.report.Notice, w)
	}
	behs, dims := headline(d.report)
	bh := st.strong.Render(l.T("躺平表现", "Lying-flat behaviours")) + st.muted.Render(l.T(
		fmt.Sprintf(" 检出率，高→低（%d 人）", d.report.N), fmt.Sprintf(" prevalence, highest first (n=%d)", d.report.N)))
	dh := st.strong.Render(l.T("维度", "Dimensions")) + st.muted.Render(l.T(" 均值 0–100，越高越好", " mean 0–100, higher is better"))
	const gap = 3
	nameW, valW := widths(behs, dims)
	if colW := (w - gap) / 2; colW-nameW-valW-2 >= 12 {
		// A projector's tall screen gets a blank line between rows.
		spaced := h >= 2*max(len(behs), len(dims))+1
		left := d.bars(bh, behs, colW, h, nameW, valW, spaced, st.beh)
		right := d.bars(dh, dims, colW, h, nameW, valW, spaced, st.dim)
		var out []string
		for i := range max(len(left), len(right)) {
			a, b := "", ""
			if i < len(left) {
				a = left[i]
			}
			if i < len(right) {
				b = right[i]
			}
			if b == "" {
				out = append(out, a)
				continue
			}
			out = append(out, a+strings.Repeat(" ", colW-ansi.StringWidth(a)+gap)+b)
		}
		return out
	}
	// One column: the dimensions' block is small and goes last, whole if
	// it fits; the behaviours get the rest.
	dimLines := len(dims) + 1
	behRows := h - dimLines - 1
	if behRows < 4 { // too short for both: behaviours only
		return d.bars(bh, behs, w, h, nameW, valW, false, st.beh)
	}
	out := d.bars(bh, behs, w, behRows, nameW, valW, false, st.beh)
	out = append(out, "")
	return append(out, d.bars(dh, dims, w, dimLines, nameW, valW, false, st.dim)...)
}

// widths are the widest name and value of all rows, so that every bar
// starts and ends in the same column.
func widths(lists ...[]bar) (nameW, valW int) {
	for _, rows := range lists {
		for _, r := range rows {
			nameW, valW = max(nameW, ansi.StringWidth(r.name)), max(valW, ansi.StringWidth(r.label))
		}
	}
	return nameW, valW
}

// bars is a heading and one bar per row, in w cells and at most h lines;
// rows that do not fit become a last line saying how many, and where.
func (d *Dashboard) bars(heading string, rows []bar, w, h, nameW, valW int, spaced bool, fill lipgloss.Style) []string {
	st := d.styles()
	l := d.lang
	out := []string{ansi.Truncate(heading, w, "…")}
	if h < 2 {
		return out[:min(h, 1)]
	}
	shown := rows
	if len(rows) > h-1 {
		shown = rows[:h-2]
	}
	nameW = min(nameW, w/2)
	track := w - nameW - valW - 2
	for i, r := range shown {
		if spaced && i > 0 {
			out = append(out, "")
		}
		name := ansi.Truncate(r.name, nameW, "…")
		name += strings.Repeat(" ", nameW-ansi.StringWidth(name))
		label := strings.Repeat(" ", valW-ansi.StringWidth(r.label)) + r.label
		if track < 4 {
			out = append(out, name+" "+label)
			continue
		}
		eighths := 0
		if r.known {
			eighths = min(max(int(r.x*float64((track-2)*8)+0.5), 0), (track-2)*8)
		}
		full, part := eighths/8, ""
		if rem := eighths % 8; rem > 0 {
			part = string([]rune("▏▎▍▌▋▊▉")[rem-1])
		}
		used := full + ansi.StringWidth(part)
		out = append(out, name+" "+fill.Render(strings.Repeat("█", full)+part)+st.track.Render(strings.Repeat("░", track-2-used))+"  "+label)
	}
	if len(shown) < len(rows) {
		out = append(out, st.muted.Render(ansi.Truncate(l.T(
			fmt.Sprintf("…还有 %d 项（按 2 看详细）", len(rows)-len(shown)),
			fmt.Sprintf("…%d more (2: details)", len(rows)-len(shown))), w, "…")))
	}
	return out
}

// footer is the last line: the pages, with the current one marked, the
// keys, and on the details page where the view is in the profile.
func (d *Dashboard) footer(w int) string {
	st := d.styles()
	l := d.lang
	names := []string{l.T("1 概览", "1 overview"), l.T("2 详细", "2 details"), l.T("3 加入", "3 join")}
	var tabs []string
	for i, n := range names {
		if page(i) == d.page {
			tabs = append(tabs, st.tab.Render(" "+n+" "))
		} else {
			tabs = append(tabs, " "+n+" ")
		}
	}
	// In order of need: what is left out on a narrow screen is last. The
	// keys come from the key map (dashkeys.go), q first.
	parts := []string{strings.Join(tabs, "")}
	for i, k := range keymap.Line(d.keyMap()) {
		parts = append(parts, k[0]+" "+k[1])
		if i == 0 && d.page == pageDetails && !d.help {
			// the same indicator as the result screen's (internal/glyph)
			if note := (glyph.Set{}).Scroll(l, d.vp.TotalLineCount(), d.vp.YOffset(), d.vp.Height()); note != "" {
				parts = append(parts, note)
			}
		}
	}
	out := ""
	for i, p := range parts {
		next := p
		if i > 0 {
			next = out + st.muted.Render(" · ") + p
		}
		if ansi.StringWidth(next) > w {
			break
		}
		out = next
	}
	return out
}
