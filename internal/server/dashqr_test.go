package server

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/qrcode"
	"github.com/tangping-dev/tangping/internal/qrcode/qrtest"
	"github.com/tangping-dev/tangping/internal/testkit"
)

// webRoom is a session phones join over HTTP too.
func webRoom(t *testing.T) (*fakeSource, JoinInfo) {
	src, in := room(t)
	in.URL = "http://192.168.1.20:23235"
	in.QR = "HTTP://192.168.1.20:23235/J/K7M2PQ4X"
	return src, in
}

// The join page draws the QR code of the join address where a phone can
// read it: the half blocks of the screen, read back into modules, decode
// to the address, at 80×24 and on a projector's 120×40; the strip on
// every page names the web address.
func TestDashboardQRDecodesToTheJoinAddress(t *testing.T) {
	t.Parallel()
	src, in := webRoom(t)
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		d := NewDashboard(src, in, testkit.DefaultBank(t), 5, "zh")
		d.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		d.Update(d.refresh())
		if strip := ansi.Strip(d.View().Content); !strings.Contains(strings.Split(strip, "\n")[0], in.URL) {
			t.Errorf("%dx%d: the join strip lacks the web address: %q", sz[0], sz[1], strings.Split(strip, "\n")[0])
		}
		d.Update(tea.KeyPressMsg{Code: '3', Text: "3"})
		screen := strings.Split(ansi.Strip(d.View().Content), "\n")
		c, err := qrcode.Encode(in.QR)
		if err != nil {
			t.Fatal(err)
		}
		// The code starts the page, at the left, as large as fits.
		top := len(d.top(sz[0]))
		var block []string
		for _, l := range screen[top:] {
			r := []rune(l)
			end := 0
			for end < len(r) && strings.ContainsRune("█▀▄ ", r[end]) && end < c.Width(qrcode.QuietTerminal, 4) {
				end++
			}
			if end < c.Width(qrcode.QuietTerminal, 1) {
				break
			}
			block = append(block, string(r[:end]))
		}
		scale := (len([]rune(block[0])) + 1) / c.Width(qrcode.QuietTerminal, 1)
		if scale < 1 || len(block) < c.Height(qrcode.QuietTerminal, scale) {
			t.Fatalf("%dx%d: no QR code at the top left of the join page:\n%s", sz[0], sz[1], strings.Join(screen, "\n"))
		}
		block = block[:c.Height(qrcode.QuietTerminal, scale)]
		for i := range block {
			block[i] = string([]rune(block[i])[:c.Width(qrcode.QuietTerminal, scale)])
		}
		if sz[0] >= 120 && scale < 2 {
			t.Errorf("%dx%d: the code is drawn at scale %d; a projector's screen has room for more", sz[0], sz[1], scale)
		}
		m, err := qrtest.FromLines(block)
		if err != nil {
			t.Fatalf("%dx%d: %v\n%s", sz[0], sz[1], err, strings.Join(screen, "\n"))
		}
		got, err := qrtest.Decode(m.Image(6, 0))
		if err != nil || got != in.QR {
			t.Errorf("%dx%d: the QR code decodes to %q (%v), want %q\n%s", sz[0], sz[1], got, err, in.QR, strings.Join(screen, "\n"))
		}
		text := strings.Join(screen, "\n")
		for _, want := range []string{in.URL, "K7M2-PQ4X", "ssh -p 23234 192.168.1.20"} {
			if !strings.Contains(text, want) {
				t.Errorf("%dx%d: the join page lacks %q:\n%s", sz[0], sz[1], want, text)
			}
		}
		if len(screen) != sz[1] {
			t.Errorf("%dx%d: %d lines", sz[0], sz[1], len(screen))
		}
		for _, l := range screen {
			if w := ansi.StringWidth(l); w > sz[0] {
				t.Errorf("%dx%d: a line of %d cells: %q", sz[0], sz[1], w, l)
			}
		}
	}
}

// The code is dark ink on a light background whatever the terminal's
// colours: a dark terminal's default would invert it.
func TestDashboardQRIsDarkOnLight(t *testing.T) {
	t.Parallel()
	src, in := webRoom(t)
	d := NewDashboard(src, in, testkit.DefaultBank(t), 5, "zh")
	c := d.joinCode()
	if c == nil {
		t.Fatal("no QR code")
	}
	qr := d.joinQR(c, 1)
	for _, l := range qr {
		if !strings.Contains(l, "38;2;0;0;0") || !strings.Contains(l, "48;2;255;255;255") {
			t.Fatalf("a line is not black on white: %q", l)
		}
	}
}
