package web

import (
	"regexp"
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/qrcode/qrtest"
)

var svgRe = regexp.MustCompile(`(?s)<svg .*?</svg>`)

// The join sheet's QR code, read back from the page's SVG, decodes to
// the join address with the code; the page says the address to type and
// the code, and escapes what it is given.
func TestJoinSheetQRDecodesToTheJoinAddress(t *testing.T) {
	t.Parallel()
	for _, secure := range []bool{false, true} {
		s := Sheet{Lang: "zh", Title: "自查 <b>", Session: "支部学习-0514", Secure: secure, Host: "192.168.1.20", Port: 23235, Code: "K7M2PQ4X", Fingerprint: "AB:CD"}
		page, err := JoinSheet(s)
		if err != nil {
			t.Fatal(err)
		}
		m, err := qrtest.FromSVG(svgRe.FindString(page))
		if err != nil {
			t.Fatal(err)
		}
		want := JoinAddress(secure, s.Host, s.Port, s.Code)
		if got, err := qrtest.Decode(m.Image(4, 0)); err != nil || got != want {
			t.Errorf("the sheet's QR code decodes to %q (%v), want %q", got, err, want)
		}
		for _, text := range []string{Address(secure, s.Host, s.Port), "K7M2-PQ4X", "支部学习-0514", "自查 &lt;b&gt;"} {
			if !strings.Contains(page, text) {
				t.Errorf("the sheet lacks %q", text)
			}
		}
		if strings.Contains(page, "AB:CD") != secure {
			t.Errorf("https %v: the fingerprint shown is wrong", secure)
		}
		if strings.Contains(page, "<script") || strings.Contains(page, "http-equiv") || strings.Contains(page, "src=") {
			t.Errorf("the sheet is not self-contained")
		}
	}
}
