package qrcode_test

import (
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/qrcode"
	"github.com/tangping-dev/tangping/internal/qrcode/qrtest"
)

var addresses = []string{
	"HTTP://192.168.100.200:23235/J/ABCDEFGH",
	"HTTPS://10.0.0.2:8443/J/K7M2PQ4XK7M2PQ4XK7M2PQ4XK7M2PQ4X",
	"http://[fe80::1]:8080/j/abcdefgh",
}

// The terminal drawing at any scale, read back cell by cell into modules, decodes to
// the address with an independent decoder.
func TestTerminalLinesDecode(t *testing.T) {
	t.Parallel()
	for _, a := range addresses {
		c, err := qrcode.Encode(a)
		if err != nil {
			t.Fatal(err)
		}
		for scale := 1; scale <= 3; scale++ {
			lines := c.Lines(qrcode.QuietTerminal, scale)
			if len(lines) != c.Height(qrcode.QuietTerminal, scale) {
				t.Errorf("%d lines, Height says %d", len(lines), c.Height(qrcode.QuietTerminal, scale))
			}
			for _, l := range lines {
				if n := len([]rune(l)); n != c.Width(qrcode.QuietTerminal, scale) {
					t.Fatalf("a line is %d cells, Width says %d", n, c.Width(qrcode.QuietTerminal, scale))
				}
			}
			m, err := qrtest.FromLines(lines)
			if err != nil {
				t.Fatal(err)
			}
			got, err := qrtest.Decode(m.Image(6/scale, 0))
			if err != nil || got != a {
				t.Errorf("scale %d: decoded %q (%v), want %q", scale, got, err, a)
			}
		}
	}
}

// The SVG for paper decodes too, and its label is escaped.
func TestSVGDecodes(t *testing.T) {
	t.Parallel()
	for _, a := range addresses {
		c, err := qrcode.Encode(a)
		if err != nil {
			t.Fatal(err)
		}
		svg := c.SVG(qrcode.QuietPaper, `scan "me" <now>`)
		if strings.Contains(svg, "<now>") || !strings.Contains(svg, `aria-label="scan &quot;me&quot; &lt;now&gt;"`) {
			t.Errorf("label not escaped: %s", svg[:200])
		}
		m, err := qrtest.FromSVG(svg)
		if err != nil {
			t.Fatal(err)
		}
		got, err := qrtest.Decode(m.Image(4, 0))
		if err != nil || got != a {
			t.Errorf("decoded %q (%v), want %q", got, err, a)
		}
	}
}

// A LAN address with its code fits a symbol small enough for the 80×24
// dashboard: at most 33 modules, 17 rows of half blocks with the
// terminal's quiet zone.
func TestJoinAddressFitsTheDashboard(t *testing.T) {
	t.Parallel()
	c, err := qrcode.Encode("HTTP://192.168.100.200:23235/J/ABCDEFGH")
	if err != nil {
		t.Fatal(err)
	}
	if h := c.Height(qrcode.QuietTerminal, 1); h > 17 {
		t.Errorf("the code takes %d rows (%d modules)", h, c.Size())
	}
}
