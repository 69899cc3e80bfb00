package server

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/group"
	"github.com/tangping-dev/tangping/internal/group/render"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/keymap"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/textwrap"
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
	// DownloadWindow is how long downloads stay open after the trainer
	// ends the session on the dashboard (0: none).
	DownloadWindow time.Duration
	// Names is true when the session keeps participants' names
	// (--collect-names); the room is told either way.
	Names bool
	// URL is the address phones open (serve --http), "" without it;
	// QR is the address the QR code holds: URL with the session code,
	// so that scanning it leaves one tap to join.
	URL, QR string
	// TLSFingerprint is the SHA-256 fingerprint of the web server's
	// certificate (serve --tls), for participants to compare with what
	// their browser shows.
	TLSFingerprint string
}

// Lines is the announcement, in the trainer's language.
func (j JoinInfo) Lines(l i18n.Lang) []string {
	var out []string
	if j.URL != "" {
		out = append(out, l.T("手机扫码，或在浏览器里打开：", "Phones scan the code, or open in a browser:"), "    "+j.URL)
	}
	if len(j.Commands) > 0 {
		out = append(out, l.T("参加者在自己电脑的终端里输入：", "Participants type, in a terminal on their own computer:"))
	}
	for _, c := range j.Commands {
		out = append(out, "    "+c)
	}
	out = append(out, l.T("会议码：", "Session code: ")+FormatCode(j.Code)+l.T("    会话：", "    session: ")+j.Session)
	if j.Names {
		out = append(out, l.T("本场记名：姓名随结果保存，培训者能看到每个人的结果。", "This session keeps names: the trainer can see each person's result."))
	} else {
		out = append(out, l.T("本场不记姓名；屏幕上只显示加了保护的全组数字。", "No names are kept; the screen shows only protected group figures."))
	}
	if j.LoopbackOnly {
		out = append(out, l.T(
			fmt.Sprintf("注意：现在只监听本机（127.0.0.1），其他电脑连不上。要让学员加入，请用 --listen 0.0.0.0:%d 重新启动。", j.Port),
			fmt.Sprintf("Note: listening on this computer only (127.0.0.1); other computers cannot reach it. To let participants join, restart with --listen 0.0.0.0:%d.", j.Port)))
	}
	if j.HostFP != "" {
		out = append(out, l.T("主机指纹（供核对）：", "Host key fingerprint (to check): ")+j.HostFP)
	}
	if j.TLSFingerprint != "" {
		out = append(out, l.T("网页证书指纹（SHA-256，供核对）：", "Web certificate fingerprint (SHA-256, to check): ")+j.TLSFingerprint)
	}
	return out
}

// Profile is the group profile the dashboard shows (docs/privacy.md): the
// protected statistics of `tangping group`, over whole batches of k
// completed results only, so that the room watching never sees one
// person's completion move a figure; no item table.
func Profile(b *bank.Bank, results []*result.Result, k int, l i18n.Lang) *group.Report {
	return group.Live(b, group.Options{MinGroup: k, Lang: l}, results, k)
}

// shown is how many completed results the profile counts: whole batches
// of k.
func shown(completed, k int) int { return completed / max(k, 1) * max(k, 1) }

// Source names a result as export names its file, so that the live
// profile and `tangping group` on an export list the same sources.
func Source(r *result.Result) string { return "result-" + r.ID + ".json" }

// Dashboard is the trainer's live view, laid out for a projector and for
// 80×24 (dashview.go): a one-line join strip, the counts, and the
// headline of the group profile once K have completed, on the first
// page; the whole profile and the full join information on others.
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
	page          page
	profiled      int           // completed results the profile was built from
	report        *group.Report // the profile; nil below K
	vp            viewport.Model
	confirm       bool // asked "press again to close"
	help          bool // the ? page is showing
	keys          dashKeys
}

// NewDashboard builds the trainer's dashboard.
func NewDashboard(src Snapshotter, info JoinInfo, b *bank.Bank, k int, l i18n.Lang) *Dashboard {
	d := &Dashboard{src: src, info: info, bank: b, k: k, lang: l, dark: true, profiled: -1, vp: viewport.New(), keys: newDashKeys(l)}
	d.vp.KeyMap = d.keys.viewportKeys()
	return d
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
		return d, d.key(msg)
	case tea.MouseWheelMsg:
		if d.page == pageDetails {
			var cmd tea.Cmd
			d.vp, cmd = d.vp.Update(msg)
			return d, cmd
		}
	}
	return d, nil
}

// key handles a key by the dashboard's key map (dashkeys.go): q (twice
// with people on screen) ends the session; 1/2/3, Tab and ←/→ change
// pages; ↑/↓/PgUp/PgDn scroll the details; ? shows every key of the page.
// Any action but q and ? withdraws the question "press q again" and
// closes the ? page.
func (d *Dashboard) key(k tea.KeyPressMsg) tea.Cmd {
	s := k.String()
	km := d.keyMap()
	asked := d.confirm
	switch {
	case keymap.Matches(s, km.Quit):
		if d.snap.Connected == 0 || asked {
			return tea.Quit
		}
		d.confirm = true
		return nil
	case keymap.Matches(s, km.Cancel):
	case keymap.Matches(s, km.Help):
		d.help = !d.help
		return nil
	case keymap.Matches(s, km.Page):
		d.page, d.help = page(s[0]-'1'), false
	case keymap.Matches(s, km.Next):
		d.page, d.help = (d.page+1)%pageCount, false
	case keymap.Matches(s, km.Prev):
		d.page, d.help = (d.page+pageCount-1)%pageCount, false
	case keymap.Matches(s, km.Join):
		d.page, d.help = pageJoin, false
	case slices.ContainsFunc([]keymap.Binding{km.Up, km.Down, km.PageUp, km.PageDown, km.HalfUp, km.HalfDown}, func(b keymap.Binding) bool { return keymap.Matches(s, b) }):
		d.confirm, d.help = false, false
		var cmd tea.Cmd
		d.vp, cmd = d.vp.Update(k)
		return cmd
	default:
		return nil
	}
	d.confirm = false
	d.layout()
	return nil
}

// layout rebuilds the profile when the completed results or the width
// changed, and sizes the details page.
func (d *Dashboard) layout() {
	// The profile changes with each batch of k; below k, the count of
	// those still awaited changes with each completion.
	n := shown(len(d.snap.Results), d.k)
	if len(d.snap.Results) < d.k {
		n = -2 - len(d.snap.Results)
	}
	if n != d.profiled {
		d.profiled = n
		d.report = nil
		if n >= d.k {
			d.report = Profile(d.bank, d.snap.Results, d.k, d.lang)
		}
		d.vp.SetContent(d.detailsText())
	}
	d.vp.SetWidth(max(d.width, 1))
	d.vp.SetHeight(max(d.bodyHeight(), 1))
}

// detailsText is the whole group profile, as `tangping group` prints it,
// or why it is not shown yet.
func (d *Dashboard) detailsText() string {
	if d.report == nil {
		return strings.Join(textwrap.Wrap(notYet(d.k, len(d.snap.Results), d.lang), max(d.width, 20)), "\n")
	}
	return render.Text(d.report, render.TextOptions{Width: max(d.width, 40), Dark: d.dark})
}

func notYet(k, n int, l i18n.Lang) string {
	return l.T(fmt.Sprintf("团体画像在至少 %d 人完成后显示（现在 %d 人），之后每满 %d 人更新一次。", k, n, k),
		fmt.Sprintf("The group profile shows once at least %d have completed (now %d), then changes with every %d more.", k, n, k))
}

// profileText is the group profile, or why it is not shown yet, for the
// plain-text dashboard.
func profileText(b *bank.Bank, results []*result.Result, k int, l i18n.Lang, width int, dark bool) string {
	if len(results) < k {
		return notYet(k, len(results), l)
	}
	return render.Text(Profile(b, results, k, l), render.TextOptions{Width: width, Dark: dark})
}
