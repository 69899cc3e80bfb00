package diag_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/i18n"
)

func TestTextStripsUTF8BOM(t *testing.T) {
	t.Parallel()
	got, err := diag.Text("a.json", []byte("\xEF\xBB\xBF{\"a\": \"单位\"}"), i18n.ZH)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "{\"a\": \"单位\"}" {
		t.Errorf("got %q, want the text without the byte-order mark", got)
	}
}

func TestTextRejectsOtherEncodings(t *testing.T) {
	t.Parallel()
	// "单位" in GBK is D3 C3 CE BB: not UTF-8. It starts on line 2 after
	// the 11 characters `  "unit": "`, so the message points at 2:12.
	gbk := []byte("{\n  \"unit\": \"\xD3\xC3\xCE\xBB\"\n}")
	for _, tc := range []struct {
		name      string
		data      []byte
		line, col int
		phrase    string
	}{
		{"gbk", gbk, 2, 12, "GBK"},
		{"utf-16 le", []byte("\xFF\xFE{\x00}\x00"), 0, 0, "UTF-16"},
		{"utf-16 be", []byte("\xFE\xFF\x00{\x00}"), 0, 0, "UTF-16"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := diag.Text("a.json", tc.data, i18n.ZH)
			var de *diag.Error
			if !errors.As(err, &de) {
				t.Fatalf("got %v, want a *diag.Error", err)
			}
			p := de.Problems[0]
			if p.Line != tc.line || p.Col != tc.col {
				t.Errorf("at %d:%d, want %d:%d", p.Line, p.Col, tc.line, tc.col)
			}
			if !strings.HasPrefix(err.Error(), "a.json") || !strings.Contains(err.Error(), tc.phrase) || !strings.Contains(err.Error(), "UTF-8") {
				t.Errorf("message %q should name the file, the encoding found and UTF-8", err)
			}
		})
	}
}

// A file cut off in the middle of a Chinese character is truncated, not
// in another encoding: Text passes it on so the parser can say so.
func TestTextLeavesATruncatedCharacterToTheParser(t *testing.T) {
	t.Parallel()
	cut := []byte("{\"unit\": \"单") // 单 is E5 8D 95
	cut = cut[:len(cut)-1]
	got, err := diag.Text("a.json", cut, i18n.ZH)
	if err != nil {
		t.Fatalf("got %v, want the bytes passed on", err)
	}
	if len(got) != len(cut) {
		t.Errorf("got %d bytes, want %d", len(got), len(cut))
	}
	// A stray GBK byte before the end is still an encoding problem.
	if _, err := diag.Text("a.json", []byte("{\"unit\": \"\xD3\xC3\"}"), i18n.ZH); err == nil {
		t.Error("GBK bytes before the end were accepted")
	}
}

func TestPrintable(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"results/张三.json":               "results/张三.json",
		"a\tb":                          "a\tb",
		"evil\x1b[31mred\x1b[0m.json":   `evil\x1b[31mred\x1b[0m.json`,
		"bad\xffname":                   `bad\xffname`,
		"osc\x1b]52;c;aGk=\x07.json":    `osc\x1b]52;c;aGk=\x07.json`,
		"c1\u009bcsi":                   `c1\x9bcsi`,
		"line\nbreak":                   `line\x0abreak`,
		"\U0001F600 emoji and U+FFFD �": "\U0001F600 emoji and U+FFFD �",
	} {
		if got := diag.Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestReadFileRefusesDevices: /dev/zero reports size 0 and never ends
// (tangping score --answers /dev/zero was killed); it is refused before a
// byte is read, as every file that is not a regular one is.
func TestReadFileRefusesDevices(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	_, err := diag.ReadFile("/dev/zero", 1<<20, i18n.EN)
	if err == nil || !strings.Contains(err.Error(), "/dev/zero: this is a device, not a regular file") {
		t.Errorf("got %v", err)
	}
}
