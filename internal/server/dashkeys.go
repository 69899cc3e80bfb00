package server

import (
	"charm.land/bubbles/v2/viewport"

	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/keymap"
)

// dashKeys is the trainer's dashboard's keys, declared once
// (internal/keymap): the handler matches them, the ? page lists every
// enabled one with all its keys, and the footer shows the marked ones.
// Scrolling is enabled on the details page only, and Cancel while the
// dashboard asks before closing.
type dashKeys struct {
	Quit, Cancel, Page, Next, Prev, Join, Up, Down, PageUp, PageDown, HalfUp, HalfDown, Help keymap.Binding
}

func newDashKeys(l i18n.Lang) dashKeys {
	return dashKeys{
		Page:     keymap.Bind(l.T("到第 1、2、3 页（概览、详细、加入）", "go to page 1, 2 or 3 (overview, details, join)"), "1", "2", "3"),
		Next:     keymap.Bind(l.T("下一页", "next page"), "right", "tab", "l").Show("←→", l.T("翻页", "pages")),
		Prev:     keymap.Bind(l.T("上一页", "previous page"), "left", "shift+tab", "h"),
		Join:     keymap.Bind(l.T("加入页（地址、二维码、指纹）", "the join page (addresses, QR code, fingerprints)"), "j"),
		Up:       keymap.Bind(l.T("上移一行", "scroll up a line"), "up", "k"),
		Down:     keymap.Bind(l.T("下移一行", "scroll down a line"), "down"),
		PageUp:   keymap.Bind(l.T("上翻一页", "page up"), "pgup", "b"),
		PageDown: keymap.Bind(l.T("下翻一页", "page down"), "pgdown", "space", "f"),
		HalfUp:   keymap.Bind(l.T("上翻半页", "half a page up"), "u", "ctrl+u"),
		HalfDown: keymap.Bind(l.T("下翻半页", "half a page down"), "d", "ctrl+d"),
		Help:     keymap.Bind(l.T("显示或关闭按键说明", "show or hide the keys"), "?").Show("?", l.T("按键", "keys")),
		Cancel:   keymap.Bind(l.T("不结束会话", "do not close the session"), "esc", "n"),
		Quit: keymap.Bind(l.T("结束会话（有人在线时再按一次确认）", "end the session (press it twice while people are connected)"), "q", "ctrl+c").
			Show("q", l.T("结束", "end")),
	}
}

// forPage enables the bindings that do something on the page given (the
// ? page lists those of the page under it): scrolling on the details
// page, Cancel while asking before closing.
func (k dashKeys) forPage(p page, confirm bool) dashKeys {
	scroll := p == pageDetails
	for _, b := range []*keymap.Binding{&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.HalfUp, &k.HalfDown} {
		b.SetEnabled(scroll)
	}
	k.Cancel.SetEnabled(confirm)
	return k
}

// viewportKeys drives the details page's viewport with the dashboard's
// bindings, so that what scrolls is what the ? page lists.
func (k dashKeys) viewportKeys() viewport.KeyMap {
	return keymap.Viewport(k.Up, k.Down, k.PageUp, k.PageDown, k.HalfUp, k.HalfDown)
}
