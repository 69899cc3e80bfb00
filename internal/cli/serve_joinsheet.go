package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/server"
	"github.com/tangping-dev/tangping/internal/web"
)

type joinSheetOptions struct {
	data, session, code, http, url, bank, out string
	tls                                       bool
}

func (a *App) newServeJoinSheetCmd() *cobra.Command {
	l := a.Lang
	o := &joinSheetOptions{}
	cmd := &cobra.Command{
		Use:   "join-sheet --http ADDR -o FILE",
		Short: l.T("写一页可打印的加入说明（A4 HTML）：二维码、网址和会议码", "write a printable join sheet (A4 HTML): the QR code, the address and the session code"),
		Long: l.T("为 serve --http 的会话写一页 A4 加入说明：手机扫码即可加入（二维码里带着会议码），扫不了码时照着网址和会议码输入。\n"+
			"会议码取自数据目录里的会话（先用 tangping serve 启动过一次），或用 --code 直接给出（提前打印时，serve 也用同一个 --code）。\n"+
			"--http 与 serve 的 --http 相同；监听 0.0.0.0 时，网址用这台电脑的第一个局域网地址，有多个地址时请写明具体地址。",
			"Write an A4 join sheet for a serve --http session: phones join by scanning the QR code (it carries the\n"+
				"session code), or by typing the address and the code. The code comes from the session in the data\n"+
				"directory (start tangping serve once first), or from --code (to print ahead: give serve the same --code).\n"+
				"--http is serve's --http; with 0.0.0.0 the address is this computer's first LAN address: name the\n"+
				"address when it has several."),
		Example: "  tangping serve join-sheet --http 192.168.1.20:23235 -o 加入.html\n" +
			"  tangping serve join-sheet --http 0.0.0.0:23235 --code K7M2PQ4X",
		Args: noArgs(l),
		RunE: func(cmd *cobra.Command, _ []string) error { return a.runJoinSheet(cmd.Context(), o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.http, "http", "", l.T("手机连接的地址:端口，与 serve --http 相同（必填）", "address:port phones connect to, as serve --http (required)"))
	f.StringVar(&o.url, "url", "", l.T("公布的网址（经反向代理时），例如 https://zice.example.gov.cn；代替 --http", "the address announced (behind a reverse proxy), e.g. https://zice.example.gov.cn; instead of --http"))
	f.StringVar(&o.data, "data", "", l.T("数据目录或 postgres:// 数据库，即 serve 的 --data", "data directory or postgres:// URL, as given to serve"))
	f.StringVar(&o.session, "session", "", l.T("会话名称（默认：今天的日期）", "session name (default: today's date)"))
	f.StringVar(&o.code, "code", "", l.T("会议码（默认：取自会话）", "session code (default: the session's)"))
	f.StringVar(&o.bank, "bank", "", l.T("题库文件（默认：内置题库），用于标题", "bank file (default: the built-in bank), for the title"))
	f.BoolVar(&o.tls, "tls", false, l.T("会话用 serve --tls：网址用 https，并印上证书指纹", "the session runs serve --tls: an https address and the certificate's fingerprint"))
	outputFlag(f, &o.out, l.T("写入此文件（默认或 -：标准输出）", "write to this file (default or -: stdout)"))
	return cmd
}

func (a *App) runJoinSheet(ctx context.Context, o *joinSheetOptions) error {
	l := a.Lang
	if o.url != "" {
		if o.http != "" || o.tls {
			return usagef(l, "--url 代替 --http 和 --tls，请只给 --url。", "--url replaces --http and --tls; give --url alone.")
		}
		u, err := url.Parse(o.url)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" || u.Path != "" && u.Path != "/" {
			return usagef(l, "--url %q 应是 http:// 或 https:// 加主机名（可带端口），例如 https://zice.example.gov.cn。",
				"--url %q should be http:// or https:// and a host (and port), e.g. https://zice.example.gov.cn.", o.url)
		}
		port := map[string]int{"http": 80, "https": 443}[u.Scheme]
		if p := u.Port(); p != "" {
			port, _ = strconv.Atoi(p)
		}
		return a.writeJoinSheet(ctx, o, web.Sheet{Secure: u.Scheme == "https", Host: u.Hostname(), Port: port}, nil)
	}
	if o.http == "" {
		return usagef(l, "请用 --http 给出手机连接的地址，与 serve --http 相同，例如 --http 192.168.1.20:%d。",
			"give the address phones connect to with --http, as serve --http, e.g. --http 192.168.1.20:%d.", web.DefaultPort)
	}
	if err := checkAddr(l, "--http", o.http, web.DefaultPort); err != nil {
		return err
	}
	host, portText, _ := net.SplitHostPort(o.http)
	port, _ := strconv.Atoi(portText)
	if port == 0 {
		return usagef(l, "--http %s 需要一个固定端口，例如 %d：纸上的网址不会变。", "--http %s needs a fixed port, e.g. %d: the address on paper does not change.", o.http, web.DefaultPort)
	}
	if o.code != "" && !server.ValidCode(o.code) {
		return usagef(l, "--code %q 不可用：会议码应为 %d–32 位字母或数字。", "--code %q is not usable: a session code is %d–32 letters or digits.", o.code, server.MinCodeLen)
	}
	if err := checkData(l, o.data); err != nil {
		return err
	}
	hosts := joinHosts(host)
	switch {
	case hosts[0] == "localhost":
		fmt.Fprintln(a.Err, l.T("注意：这个地址只有本机能连上，手机扫码后打不开；请用局域网地址，例如 --http 0.0.0.0:"+portText+"。",
			"note: only this computer can reach this address; phones will not open it. Use a LAN address, e.g. --http 0.0.0.0:"+portText+"."))
	case len(hosts) > 1:
		fmt.Fprintln(a.Err, l.T(fmt.Sprintf("注意：这台电脑有 %d 个局域网地址，用了 %s；如果手机连的是另一个网络，请用 --http 写明地址。", len(hosts), hosts[0]),
			fmt.Sprintf("note: this computer has %d LAN addresses; the sheet uses %s. If phones are on another network, name the address with --http.", len(hosts), hosts[0])))
	}
	return a.writeJoinSheet(ctx, o, web.Sheet{Secure: o.tls, Host: hosts[0], Port: port}, hosts)
}

// writeJoinSheet fills in the sheet's code (and, for --tls, the
// certificate's fingerprint; hosts are the names it is made for) and
// writes it.
func (a *App) writeJoinSheet(ctx context.Context, o *joinSheetOptions, sheet web.Sheet, hosts []string) error {
	l := a.Lang
	reads := o.code == "" || o.tls // the session's database
	if o.data == "" {
		d, err := a.defaultDataDir()
		if err != nil && reads {
			return err
		}
		o.data = d
	}
	// The sheet never replaces what it reads, nor the session's
	// database when it does not read it (docs/verification.md).
	out, err := a.outputFor(o.out, append(dataFiles(o.data), o.bank)...)
	if err != nil {
		return err
	}
	b, err := bank.Load(o.bank, l)
	if err != nil {
		return badInput(err)
	}
	if o.session == "" {
		o.session = a.Now().Format(time.DateOnly)
	}
	sheet.Lang, sheet.Title, sheet.Session, sheet.Code = l, b.Title.In(l), o.session, o.code
	if reads {
		st, err := server.OpenData(ctx, o.data, l)
		if err != nil {
			return badInput(err)
		}
		defer st.Close()
		if o.code == "" {
			se, err := server.StoredSession(ctx, st, o.session, l)
			var unknown *server.UnknownSessionError
			if errors.As(err, &unknown) {
				return badInput(err)
			}
			if err != nil {
				return err
			}
			sheet.Code = se.Code
		}
		if o.tls {
			if _, sheet.Fingerprint, err = web.Certificate(ctx, st.HostKey, hosts, a.Now()); err != nil {
				return err
			}
		}
	}
	page, err := web.JoinSheet(sheet)
	if err != nil {
		return err
	}
	written, err := a.write(out, []byte(page), "join-sheet.html")
	if written {
		fmt.Fprintln(a.Err, l.T("已写入 "+o.out, "Wrote "+o.out))
	}
	return err
}
