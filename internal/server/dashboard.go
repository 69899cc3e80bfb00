package server

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/group"
	"github.com/tangping-dev/tangping/internal/group/render"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// refreshEvery is how often the dashboard reads the store.
const refreshEvery = time.Second

// Snapshotter is what the dashboard watches; *Server is one.
type Snapshotter interface {
	Snapshot(ctx context.Context) (Snapshot, error)
}

// JoinInfo is what the trainer announces to the room.
type JoinInfo struct {
	Commands []string // what participants type, one per reachable address
	Code     string
	Session  string
	HostFP   string
	// LoopbackOnly is true when only this computer can connect.
	LoopbackOnly bool
	Port         int
}

// Lines is the announcement, in the trainer's language.
func (j JoinInfo) Lines(l i18n.Lang) []string {
	out := []string{l.T("参加者在自己电脑的终端里输入：", "Participants type, in a terminal on their own computer:")}
	for _, c := range j.Commands {
		out = append(out, "    "+c)
	}
	out = append(out, l.T("会议码：", "Session code: ")+j.Code+l.T("    会话：", "    session: ")+j.Session)
	if j.LoopbackOnly {
		out = append(out, l.T(
			fmt.Sprintf("注意：现在只监听本机（127.0.0.1），其他电脑连不上。要让学员加入，请用 --listen 0.0.0.0:%d 重新启动。", j.Port),
			fmt.Sprintf("Note: listening on this computer only (127.0.0.1); other computers cannot reach it. To let participants join, restart with --listen 0.0.0.0:%d.", j.Port)))
	}
	out = append(out, l.T("主机指纹（供核对）：", "Host key fingerprint (to check): ")+j.HostFP)
	return out
}

// Profile is the group profile the dashboard shows: the very statistics
// of `tangping group` over the session's completed results.
func Profile(b *bank.Bank, results []*result.Result, k int, l i18n.Lang) *group.Report {
	agg := group.New(b, group.Options{MinGroup: k, Lang: l})
	for _, r := range results {
		agg.Add(Source(r), r)
	}
	return agg.Report()
}

// Source names a result as export names its file, so that the live
// profile and `tangping group` on an export list the same sources.
func Source(r *result.Result) string { return "result-" + r.ID + ".json" }

// Dashboard is the trainer's live view: the join command and code, the
// counts, and the group profile once K have completed.
type Dashboard struct {
	src  Snapshotter
	info JoinInfo
	bank *bank.Bank
	k    int
	lang i18n.Lang

	width, height int
	dark          bool
	snap          Snapshot
	err           error
	profiled      int // completed results the profile was built from
	profile       string
	vp            viewport.Model
	confirm       bool // asked "press again to close"
}

// NewDashboard builds the trainer's dashboard.
func NewDashboard(src Snapshotter, info JoinInfo, b *bank.Bank, k int, l i18n.Lang) *Dashboard {
	return &Dashboard{src: src, info: info, bank: b, k: k, lang: l, dark: true, profiled: -1, vp: viewport.New()}
}

type snapMsg struct {
	snap Snapshot
	err  error
}

type tickMsg struct{}

func (d *Dashboard) refresh() tea.Msg {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s, err := d.src.Snapshot(ctx)
	return snapMsg{s, err}
}

// Init implements tea.Model.
func (d *Dashboard) Init() tea.Cmd {
	return tea.Batch(d.refresh, tea.RequestBackgroundColor)
}

// Update implements tea.Model.
func (d *Dashboard) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		d.width, d.height = msg.Width, msg.Height
		d.profiled = -1
		d.layout()
	case tea.BackgroundColorMsg:
		d.dark = msg.IsDark()
		d.profiled = -1
		d.layout()
	case snapMsg:
		d.snap, d.err = msg.snap, msg.err
		d.layout()
		return d, tea.Tick(refreshEvery, func(time.Time) tea.Msg { return tickMsg{} })
	case tickMsg:
		return d, d.refresh
	case tea.KeyPressMsg:
		switch msg.String() {
		case "q", "ctrl+c":
			if d.snap.Connected == 0 || d.confirm {
				return d, tea.Quit
			}
			d.confirm = true
		case "esc", "n":
			d.confirm = false
		default:
			d.confirm = false
			var cmd tea.Cmd
			d.vp, cmd = d.vp.Update(msg)
			return d, cmd
		}
	case tea.MouseWheelMsg:
		var cmd tea.Cmd
		d.vp, cmd = d.vp.Update(msg)
		return d, cmd
	}
	return d, nil
}

func (d *Dashboard) header() []string {
	l := d.lang
	title := lipgloss.NewStyle().Bold(true)
	lines := []string{title.Render(l.T("tangping 团体自测会话", "tangping group session"))}
	lines = append(lines, d.info.Lines(l)...)
	c := d.snap.Counts
	lines = append(lines, "", title.Render(l.T(
		fmt.Sprintf("在线 %d · 作答中 %d · 已完成 %d · 共 %d 人", d.snap.Connected, c.InProgress, c.Completed, c.Joined),
		fmt.Sprintf("connected %d · in progress %d · completed %d · %d joined", d.snap.Connected, c.InProgress, c.Completed, c.Joined))))
	if w := d.snap.Guessing.Line(l); w != "" {
		lines = append(lines, lipgloss.NewStyle().Foreground(lipgloss.Color("3")).Render(w))
	}
	if d.err != nil {
		lines = append(lines, l.T("读取数据失败：", "cannot read the data: ")+d.err.Error())
	}
	switch {
	case d.confirm:
		lines = append(lines, l.T(
			fmt.Sprintf("还有 %d 人在线。再按一次 q 结束会话（他们的作答都已保存），Esc 取消。", d.snap.Connected),
			fmt.Sprintf("%d still connected. Press q again to close the session (their answers are saved), Esc to cancel.", d.snap.Connected)))
	default:
		lines = append(lines, l.T("q 结束会话 · ↑/↓ 翻看团体画像", "q close the session · ↑/↓ scroll the group profile"))
	}
	lines = append(lines, strings.Repeat("─", max(d.width, 10)))
	if d.width > 0 {
		// Chinese runs have no spaces to break at: ansi.Wrap breaks them
		// at the width when it has to.
		lines = strings.Split(ansi.Wrap(strings.Join(lines, "\n"), d.width, ""), "\n")
	}
	return lines
}

func (d *Dashboard) layout() {
	n := len(d.snap.Results)
	if n != d.profiled {
		d.profiled = n
		d.profile = profileText(d.bank, d.snap.Results, d.k, d.lang, max(d.width, 40), d.dark)
		d.vp.SetContent(d.profile)
	}
	d.vp.SetWidth(max(d.width, 1))
	d.vp.SetHeight(max(d.height-len(d.header()), 1))
}

// profileText is the group profile, or why it is not shown yet.
func profileText(b *bank.Bank, results []*result.Result, k int, l i18n.Lang, width int, dark bool) string {
	if len(results) < k {
		return l.T(fmt.Sprintf("团体画像在至少 %d 人完成后显示（现在 %d 人）。", k, len(results)),
			fmt.Sprintf("The group profile shows once at least %d have completed (now %d).", k, len(results)))
	}
	return render.Text(Profile(b, results, k, l), render.TextOptions{Width: width, Dark: dark})
}

// View implements tea.Model.
func (d *Dashboard) View() tea.View {
	v := tea.NewView(strings.Join(d.header(), "\n") + "\n" + d.vp.View())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	return v
}
