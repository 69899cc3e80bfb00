package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"github.com/spf13/cobra"

	"github.com/tangping-dev/tangping/internal/autosave"
	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/group"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/server"
	"github.com/tangping-dev/tangping/internal/store"
	"github.com/tangping-dev/tangping/internal/web"
)

type serveOptions struct {
	listen       string
	data         string
	session      string
	code         string
	bank         string
	minGroup     int
	collectNames bool
	http         string // web face address; "" none
	tls          bool
	ssh          bool
	maxSessions  int
	maxAuthTries int
	idle         time.Duration
	window       time.Duration
}

func (a *App) newServeCmd() *cobra.Command {
	l := a.Lang
	o := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: l.T("团体会话：学员用 ssh 连入，老师看实时汇总", "group session over SSH, watched live"),
		Long: l.T("启动 SSH 团体会话。学员在自己电脑的终端里输入屏幕上显示的 ssh 命令和会议码，即可作答同一份问卷；\n"+
			"培训老师的终端显示在线、作答中、已完成人数，满 K 人后显示团体画像：加了保护的全组数字（见 docs/privacy.md），\n"+
			"每再满 K 人才更新一次，不含题目统计，会场投影也推算不出任何个人。\n"+
			"默认不记姓名：服务器保存每人的作答（供续答和本人下载），不保存姓名；--collect-names 才记名，学员在欢迎页上会看到。\n"+
			"默认只监听本机 127.0.0.1:23234；要让其他电脑加入，请加 --listen 0.0.0.0:23234。\n"+
			"加 --http 0.0.0.0:23235，学员也可以用手机扫码加入（仪表盘上按 3 显示二维码；serve join-sheet 写一页可打印的加入说明；\n"+
			"--ssh=false 只开网页版，--tls 用 HTTPS，见 docs/trainer-guide.md 和 docs/security.md）。\n"+
			"数据目录（--data，默认在用户状态目录下的 tangping/serve）保存主机密钥、数据库和连接日志（日志不含作答）。\n"+
			"--data postgres://… 让多台服务器共用一个 PostgreSQL 数据库、服务同一场会话（见 docs/deployment.md）。\n"+
			"按 q 或 Ctrl+C（或发送 SIGTERM）结束：学员屏幕会收到提示，已确认的每一题都已保存。",
			"Run a group session over SSH. Participants type the ssh command and session code shown here, in a\n"+
				"terminal on their own computer, and answer the same questionnaire. The trainer's terminal shows\n"+
				"connected, in progress and completed, and the group profile once K have completed: protected group\n"+
				"figures (docs/privacy.md) that change only with every K more completions and show no items, so\n"+
				"a room watching the projection cannot work out anyone. No names by default: the server keeps each\n"+
				"person's answers (to resume and for their own download) but no name; --collect-names keeps\n"+
				"names, and participants see that on the welcome screen. Listens on 127.0.0.1:23234 only by default; add --listen\n"+
				"0.0.0.0:23234 to let other computers join. --http 0.0.0.0:23235 lets phones join by scanning a QR code\n"+
				"(key 3 on the dashboard; serve join-sheet writes a printable sheet; --ssh=false serves phones only,\n"+
				"--tls serves HTTPS: docs/trainer-guide.md, docs/security.md). The data directory (--data, default tangping/serve\n"+
				"under the user's state directory) holds the host key, the database and a connection log (never\n"+
				"answers). --data postgres://… lets several servers share one PostgreSQL database and serve one\n"+
				"session (docs/deployment.md). q or Ctrl+C (or SIGTERM) ends it: participants are told, every\n"+
				"acknowledged answer is kept."),
		Example: "  tangping serve --listen 0.0.0.0:23234\n" +
			"  tangping serve --listen 0.0.0.0:23234 --session 支部学习-0514\n" +
			"  tangping serve --listen 0.0.0.0:23234 --http 0.0.0.0:23235\n" +
			"  tangping serve export -o 报告/",
		Args: noArgs(l),
		RunE: func(cmd *cobra.Command, _ []string) error { return a.runServe(cmd.Context(), o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.listen, "listen", server.DefaultListen, l.T("监听地址，局域网用 0.0.0.0:23234", "address to listen on; 0.0.0.0:23234 for the local network"))
	f.StringVar(&o.data, "data", "", l.T("数据目录或 postgres:// 数据库（默认：用户状态目录下的 tangping/serve）", "data directory or postgres:// URL (default: tangping/serve in the user's state directory)"))
	f.StringVar(&o.session, "session", "", l.T("会话名称（默认：今天的日期）；同名会话重启后可继续", "session name (default: today's date); a session of the same name carries on after a restart"))
	f.StringVar(&o.code, "code", "", l.T("会议码：8–32 位字母或数字；默认沿用或随机 8 位", "session code, 8–32 letters or digits; default: kept, or 8 random"))
	f.StringVar(&o.bank, "bank", "", l.T("题库文件（默认：内置题库）", "bank file (default: the built-in bank)"))
	f.IntVar(&o.minGroup, "min-group", group.DefaultMinGroup, l.T(fmt.Sprintf("至少 K 人完成后才显示团体画像（K 至少为 %d）", minMinGroup), fmt.Sprintf("K: the group profile shows once K have completed (at least %d)", minMinGroup)))
	f.BoolVar(&o.collectNames, "collect-names", false, l.T("记名：保存学员填写的姓名（默认不记；学员在欢迎页上会看到）", "keep participants' names (off by default; participants are told on the welcome screen)"))
	f.StringVar(&o.http, "http", "", l.T(fmt.Sprintf("同时开网页版，学员用手机扫码加入的地址，局域网用 0.0.0.0:%d", web.DefaultPort),
		fmt.Sprintf("also serve the questionnaire to phones (they scan a QR code) on this address; 0.0.0.0:%d for the local network", web.DefaultPort)))
	f.BoolVar(&o.tls, "tls", false, l.T("网页版用 HTTPS（自签名证书，仪表盘显示指纹；何时需要见 docs/security.md）", "serve the web page over HTTPS (a self-signed certificate; the dashboard shows its fingerprint; when to use it: docs/security.md)"))
	f.BoolVar(&o.ssh, "ssh", true, l.T("开 SSH 入口；--ssh=false 只用网页版（需要 --http）", "serve SSH; --ssh=false serves the web page only (needs --http)"))
	f.IntVar(&o.maxSessions, "max-sessions", server.DefaultMaxSessions, l.T("同时作答的最多人数", "most participants answering at once"))
	f.DurationVar(&o.idle, "idle-timeout", server.DefaultIdleTimeout, l.T("多久没有按键就断开（作答保留）", "disconnect after this long without a key (answers are kept)"))
	f.DurationVar(&o.window, "download-window", 2*time.Minute, l.T("在仪表盘上结束会话后，学员还能下载结果的时长（0：立即关闭）", "after ending on the dashboard, how long participants may still download (0: close at once)"))
	f.IntVar(&o.maxAuthTries, "max-auth-tries", server.DefaultMaxAuthTries, l.T("每个连接最多尝试会议码的次数", "most session-code tries per connection"))
	cmd.AddCommand(a.newServeExportCmd(), a.newServeJoinSheetCmd())
	return cmd
}

// defaultDataDir is tangping/serve under the user's state directory.
func (a *App) defaultDataDir() (string, error) {
	d, err := autosave.Dir(a.Getenv, autosave.Home(a.Getenv), a.Lang)
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "serve"), nil
}

func (a *App) checkServeOptions(o *serveOptions) error {
	l := a.Lang
	switch {
	case o.code != "" && !server.ValidCode(o.code):
		return usagef(l, "--code %q 不可用：会议码应为 %d–32 位字母或数字（短了容易被猜中，见 docs/security.md）；不给 --code 则随机生成。",
			"--code %q is not usable: a session code is %d–32 letters or digits (shorter ones can be guessed; see docs/security.md). Leave --code out for a random one.", o.code, server.MinCodeLen)
	case o.minGroup < minMinGroup:
		return usagef(l, "--min-group 至少为 %d：组更小时，最高、最低和均值就能还原出每个人的得分。", "--min-group must be at least %d: in a smaller group the min, max and mean give away each person's score.", minMinGroup)
	case o.maxSessions < 1:
		return usagef(l, "--max-sessions 至少为 1。", "--max-sessions must be at least 1.")
	case o.maxAuthTries < 1:
		return usagef(l, "--max-auth-tries 至少为 1。", "--max-auth-tries must be at least 1.")
	case o.window < 0 || o.window > time.Hour:
		return usagef(l, "--download-window 应在 0 到 1 小时之间（例如 2m）。", "--download-window must be between 0 and 1 hour (e.g. 2m).")
	case o.idle < time.Minute:
		return usagef(l, "--idle-timeout 至少 1 分钟（例如 30m）：读题和思考都需要时间。", "--idle-timeout must be at least 1 minute (e.g. 30m): reading and thinking take time.")
	}
	switch {
	case !o.ssh && o.http == "":
		return usagef(l, "--ssh=false 需要 --http：总得有一个入口让学员加入。", "--ssh=false needs --http: participants need a way in.")
	case o.tls && o.http == "":
		return usagef(l, "--tls 只用于网页版，请同时给出 --http。", "--tls is for the web page; give --http too.")
	}
	if o.ssh {
		if err := checkAddr(l, "--listen", o.listen, 23234); err != nil {
			return err
		}
	}
	if o.http != "" {
		if err := checkAddr(l, "--http", o.http, web.DefaultPort); err != nil {
			return err
		}
	}
	if err := checkData(l, o.data); err != nil {
		return err
	}
	if st, err := os.Stat(o.data); err == nil && !st.IsDir() && !store.IsURL(o.data) {
		return usagef(l, "--data %s 是一个文件，不是目录：数据目录用来存放主机密钥、数据库和日志。请给出一个目录。",
			"--data %s is a file, not a directory: the data directory holds the host key, the database and the log. Name a directory.", o.data)
	}
	return nil
}

// checkAddr refuses a listening address that is not host:port.
func checkAddr(l i18n.Lang, flag, addr string, example int) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return usagef(l, "%s %q 不是“地址:端口”，例如 0.0.0.0:%d。", "%s %q is not host:port, e.g. 0.0.0.0:%d.", flag, addr, example)
	}
	if p, err := strconv.Atoi(port); err != nil || p < 0 || p > 65535 {
		return usagef(l, "%s %q 的端口应为 0–65535 的数字，例如 0.0.0.0:%d。", "%s %q needs a port number 0–65535, e.g. 0.0.0.0:%d.", flag, addr, example)
	}
	return nil
}

func (a *App) runServe(ctx context.Context, o *serveOptions) error {
	l := a.Lang
	if err := a.checkServeOptions(o); err != nil {
		return err
	}
	b, err := bank.Load(o.bank, l)
	if err != nil {
		return badInput(err)
	}
	// With a database URL, the folder keeps only this instance's log: the
	// default data directory, as without --data.
	dir, database := o.data, ""
	if store.IsURL(o.data) {
		dir, database = "", o.data
	}
	if dir == "" {
		if dir, err = a.defaultDataDir(); err != nil {
			return err
		}
	}
	if o.session == "" {
		o.session = a.Now().Format(time.DateOnly)
	}
	logger, logFile, err := openServeLog(dir)
	if err != nil {
		return fmt.Errorf(l.T("无法准备数据目录：%w", "cannot prepare the data directory: %w"), err)
	}
	defer logFile.Close()
	// One server per data directory (SQLite); instances sharing a
	// PostgreSQL database are meant to run side by side.
	if database == "" {
		release, busy, err := lockDataDir(dir)
		switch {
		case busy:
			return fmt.Errorf(l.T("数据目录 %s 正由另一个 tangping serve 使用。同一个数据目录同时只能有一个会话服务器；请先结束那一个，或用 --data 另选一个目录。",
				"the data directory %s is in use by another tangping serve. One data directory serves one server at a time: close that one first, or choose another directory with --data."), dir)
		case err != nil:
			return fmt.Errorf(l.T("无法准备数据目录：%w", "cannot prepare the data directory: %w"), err)
		}
		defer release()
	}
	host, _, _ := net.SplitHostPort(o.listen)
	srv, err := server.Open(server.Config{
		Listen: o.listen, Dir: dir, Database: database, Session: o.session, Code: o.code, Bank: b,
		MaxSessions: o.maxSessions, IdleTimeout: o.idle, MaxAuthTries: o.maxAuthTries,
		JoinHost: joinHosts(host)[0], Log: logger, Now: a.Now, CollectNames: o.collectNames, NoSSH: !o.ssh,
	})
	var names *server.NamesMismatch
	if errors.As(err, &names) {
		flag := l.T("不带 --collect-names（不记姓名）", "without --collect-names (no names kept)")
		if names.Kept {
			flag = l.T("带 --collect-names（记名）", "with --collect-names (names kept)")
		}
		return usagef(l, "会话 %s 开始时%s，学员已被告知；同一场会话的每台服务器、每次重启都要用同样的设置，或用 --session 另开一场。",
			"session %s was started %s, and its participants were told so; start every server of a session, and every restart, the same way, or open another with --session.",
			names.Session, flag)
	}
	if errors.Is(err, syscall.EADDRINUSE) {
		return diag.Because(l.T(
			fmt.Sprintf("无法启动会话服务器：地址 %s 已被占用（是不是已经有一个 tangping serve 在运行？）。请先结束它，或换一个端口，例如 --listen %s。", o.listen, nextPort(o.listen)),
			fmt.Sprintf("cannot start the session server: %s is already in use (is another tangping serve running?). Close it, or use another port, e.g. --listen %s.", o.listen, nextPort(o.listen))), err)
	}
	if err != nil {
		return fmt.Errorf(l.T("无法启动会话服务器：%w", "cannot start the session server: %w"), err)
	}
	var info server.JoinInfo
	if o.ssh {
		info = joinInfo(srv, host)
	} else {
		info = server.JoinInfo{Code: srv.Code(), Session: srv.SessionName()}
	}
	info.DownloadWindow = o.window
	info.Names = o.collectNames
	var wf *web.Web
	if o.http != "" {
		if wf, err = a.openWeb(srv, o, logger); err != nil {
			_ = srv.Shutdown(context.Background())
			return err
		}
		webHost, _, _ := net.SplitHostPort(o.http)
		first := joinHosts(webHost)[0]
		info.URL, info.QR, info.TLSFingerprint = wf.URL(first), wf.JoinURL(first), wf.Fingerprint()
	}
	served := make(chan error, 2)
	go func() { served <- srv.Serve() }()
	if wf != nil {
		go func() { served <- wf.Serve() }()
	}

	dctx, stop := context.WithCancel(ctx)
	defer stop()
	var failed atomic.Bool
	go func() {
		// The server failing (its listener closed under it) ends the dashboard.
		if err := <-served; err != nil {
			logger.Error("serve", "err", err)
		}
		failed.Store(true)
		stop()
	}()
	if isTerminal(a.In) && a.outIsTerminal() {
		d := server.NewDashboard(srv, info, b, o.minGroup, l)
		_, err = tea.NewProgram(d, tea.WithContext(dctx), tea.WithoutSignalHandler(),
			tea.WithInput(a.In), tea.WithOutput(a.Out), tea.WithEnvironment(a.environ())).Run()
		if err != nil && !errors.Is(err, tea.ErrProgramKilled) && dctx.Err() == nil {
			logger.Error("dashboard", "err", err)
		}
	} else {
		server.TextDashboard(dctx, a.Out, srv, info, b, o.minGroup, l, 2*time.Second)
	}
	if ctx.Err() == nil && !failed.Load() {
		a.downloadWindow(ctx, srv, o.window)
	}
	fmt.Fprintln(a.Err, l.T("正在结束会话：通知在线学员……", "Closing the session: telling connected participants..."))
	if wf != nil {
		// The answers being saved are saved; the database closes after.
		wctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_ = wf.Shutdown(wctx)
		cancel()
	}
	if err := srv.Shutdown(context.Background()); err != nil {
		return fmt.Errorf(l.T("关闭数据库出错：%w", "closing the database failed: %w"), err)
	}
	where := dir
	if database != "" {
		where = store.Redact(database)
	}
	fmt.Fprintln(a.Err, l.T(
		fmt.Sprintf("会话已结束，数据保存在 %s。导出加了保护的团体报告：tangping serve export --data %s 报告/", where, shellQuote(where)),
		fmt.Sprintf("Session closed; the data is in %s. Export the protected group report: tangping serve export --data %s reports/", where, shellQuote(where))))
	return nil
}

// openWeb starts the web face of the session (serve --http).
func (a *App) openWeb(srv *server.Server, o *serveOptions, logger *log.Logger) (*web.Web, error) {
	l := a.Lang
	host, _, _ := net.SplitHostPort(o.http)
	wf, err := web.Open(web.Config{Server: srv, Listen: o.http, TLS: o.tls, Hosts: joinHosts(host), Log: logger, Now: a.Now})
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, diag.Because(l.T(
			fmt.Sprintf("无法启动网页版：地址 %s 已被占用。请换一个端口，例如 --http %s。", o.http, nextPort(o.http)),
			fmt.Sprintf("cannot start the web page: %s is already in use. Use another port, e.g. --http %s.", o.http, nextPort(o.http))), err)
	}
	if err != nil {
		return nil, fmt.Errorf(l.T("无法启动网页版：%w", "cannot start the web page: %w"), err)
	}
	return wf, nil
}

// checkData refuses a --data that looks like a URL of another kind,
// which would otherwise become a folder named after its scheme.
func checkData(l i18n.Lang, data string) error {
	if scheme, _, ok := strings.Cut(data, "://"); ok && !store.IsURL(data) && !strings.ContainsAny(scheme, `/\`) {
		return usagef(l, "--data %s：只支持数据目录或 postgres:// 数据库地址。", "--data %s: give a data directory or a postgres:// database URL.", store.Redact(data))
	}
	return nil
}

// downloadWindow ends the session the trainer closed on the dashboard and
// keeps downloads open for the window, when anyone has a result to
// download: participants' screens and the trainer's say until when.
// Ctrl+C (or SIGTERM) closes at once. A session stopped by a signal
// skips it: a service manager stopping the server wants it stopped.
func (a *App) downloadWindow(ctx context.Context, srv *server.Server, window time.Duration) {
	l := a.Lang
	snap, err := srv.Snapshot(ctx)
	if window <= 0 || err != nil || snap.Counts.Completed == 0 {
		return
	}
	until := srv.End(window)
	fmt.Fprintln(a.Err, l.T(
		fmt.Sprintf("会话已结束。已完成的学员还可在 %s 前（%s内）下载自己的结果，到时服务器自动关闭；按 Ctrl+C 立即关闭。", until.Format("15:04:05"), server.HumanDuration(window, l)),
		fmt.Sprintf("Session ended. Participants who completed may download their result until %s (%s); the server then closes. Ctrl+C closes now.", until.Format("15:04:05"), server.HumanDuration(window, l))))
	select {
	case <-ctx.Done():
	case <-time.After(until.Sub(a.Now())):
	}
}

// nextPort is addr with the port after its own, to suggest instead of a
// port in use.
func nextPort(addr string) string {
	host, port, _ := net.SplitHostPort(addr)
	p, _ := strconv.Atoi(port)
	return net.JoinHostPort(host, strconv.Itoa(p+1))
}

// openServeLog opens DIR/serve.log (mode 0600, capped: server.OpenLog)
// for connection events.
func openServeLog(dir string) (*log.Logger, *server.Log, error) {
	f, err := server.OpenLog(dir)
	if err != nil {
		return nil, nil, err
	}
	return log.NewWithOptions(f, log.Options{ReportTimestamp: true, TimeFormat: time.DateTime}), f, nil
}

// joinHosts are the addresses participants can use: the listen host, or
// every address of this computer when listening on all of them.
func joinHosts(listenHost string) []string {
	ip := net.ParseIP(listenHost)
	switch {
	case listenHost == "localhost" || ip != nil && ip.IsLoopback():
		return []string{"localhost"}
	case listenHost != "" && (ip == nil || !ip.IsUnspecified()):
		return []string{listenHost}
	}
	var hosts []string
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && !n.IP.IsLinkLocalUnicast() && n.IP.To4() != nil {
			hosts = append(hosts, n.IP.String())
		}
	}
	if len(hosts) == 0 {
		return []string{"localhost"}
	}
	return hosts
}

func joinInfo(srv *server.Server, listenHost string) server.JoinInfo {
	port := 0
	if t, ok := srv.Addr().(*net.TCPAddr); ok {
		port = t.Port
	}
	hosts := joinHosts(listenHost)
	info := server.JoinInfo{
		Code: srv.Code(), Session: srv.SessionName(), HostFP: srv.HostKeyFingerprint(), Port: port,
		LoopbackOnly: len(hosts) == 1 && hosts[0] == "localhost",
	}
	for _, h := range hosts {
		info.Commands = append(info.Commands, server.JoinCommand(h, port))
	}
	return info
}

// shellQuote quotes a path for a command the user may paste.
func shellQuote(s string) string {
	for _, r := range s {
		if !(r == '/' || r == '.' || r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
		}
	}
	return s
}
