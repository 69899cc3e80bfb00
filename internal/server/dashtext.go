package server

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/store"
)

// TextDashboard is the dashboard when the trainer's output is not a
// terminal (a log file, a service manager): the announcement once, then a
// line whenever the counts change, and the group profile whenever another
// batch of K has completed (docs/privacy.md).
func TextDashboard(ctx context.Context, w io.Writer, src Snapshotter, info JoinInfo, b *bank.Bank, k int, l i18n.Lang, every time.Duration) {
	fmt.Fprintln(w, strings.Join(info.Lines(l), "\n"))
	var last store.Counts
	lastConnected := -1
	lastGuess := ""
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		snap, err := src.Snapshot(ctx)
		now := time.Now().Format("15:04:05")
		switch {
		case err != nil && ctx.Err() == nil:
			fmt.Fprintln(w, now, l.T("读取数据失败：", "cannot read the data: ")+err.Error())
		case err == nil && (snap.Counts != last || snap.Connected != lastConnected):
			c := snap.Counts
			fmt.Fprintln(w, now, l.T(
				fmt.Sprintf("在线 %d · 作答中 %d · 已完成 %d · 共 %d 人", snap.Connected, c.InProgress, c.Completed, c.Joined),
				fmt.Sprintf("connected %d · in progress %d · completed %d · %d joined", snap.Connected, c.InProgress, c.Completed, c.Joined)))
			if shown(c.Completed, k) != shown(last.Completed, k) && c.Completed >= k {
				fmt.Fprint(w, ansi.Strip(profileText(b, snap.Results, k, l, 80, true)))
			}
			last, lastConnected = c, snap.Connected
		}
		if g := snap.Guessing.Line(l); err == nil && g != lastGuess {
			fmt.Fprintln(w, now, g)
			lastGuess = g
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
