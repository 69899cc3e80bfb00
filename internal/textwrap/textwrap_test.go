package textwrap

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestWrap(t *testing.T) {
	t.Parallel()
	cases := []struct {
		s     string
		width int
		want  []string
	}{
		// 10 characters fill 20 cells; "，" may not start the next line,
		// so "十" goes down with it.
		{"一二三四五六七八九十，一二三", 20, []string{"一二三四五六七八九", "十，一二三"}},
		// "（" may not end a line.
		{"一二三四五六七八九（十）", 20, []string{"一二三四五六七八九", "（十）"}},
		// closing punctuation in a row stays with the character before it
		{"一二三四五六七八九十。」一", 20, []string{"一二三四五六七八九", "十。」一"}},
		{"一二三四五六七八『十』", 18, []string{"一二三四五六七八", "『十』"}},
		{"一二三四五六七八九》", 18, []string{"一二三四五六七八", "九》"}},
		{"我会等上级 OA approval 流程", 16, []string{"我会等上级 OA", "approval 流程"}},
		{"Over the past year, when work", 12, []string{"Over the", "past year,", "when work"}},
		{"abcdefghijklmnop", 6, []string{"abcdef", "ghijkl", "mnop"}},
		{"第一段\n第二段", 20, []string{"第一段", "第二段"}},
		{"第一段\n\n第三段", 20, []string{"第一段", "", "第三段"}},
		{"", 10, []string{""}},
		{"  indented words  ", 40, []string{"indented words"}},
		{"two  spaces kept", 40, []string{"two  spaces kept"}},
		// a short placeholder stays whole
		{"一二三四五六【请补充具体事例】", 20, []string{"一二三四五六", "【请补充具体事例】"}},
		// numbers and paths are words
		{"共 1,000 人。文件 a/b.json 已存", 13, []string{"共 1,000 人。", "文件 a/b.json", "已存"}},
		// a character wider than the line still gets out, one a line
		{"中文", 1, []string{"中", "文"}},
	}
	for _, c := range cases {
		if got := Wrap(c.s, c.width); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Wrap(%q, %d) = %q, want %q", c.s, c.width, got, c.want)
		}
	}
}

func TestWrapKeepsPathsWhole(t *testing.T) {
	t.Parallel()
	got := Wrap("结果已保存到：/home/cadre/.local/state/tangping/results/x.json", 40)
	want := []string{"结果已保存到：", "/home/cadre/.local/state/tangping/result", "s/x.json"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// The welcome screen's key hint "← 返回上一题" broke as "上一│题" at 80
// columns; Keep holds such a phrase together.
func TestKeep(t *testing.T) {
	t.Parallel()
	s := "选完自动进入下一题；" + Keep("← 返回上一题") + "，s 跳过。"
	for w := 12; w <= 40; w++ {
		lines := Wrap(s, w)
		joined := strings.Join(lines, "|")
		if !strings.Contains(joined, "← 返回上一题") {
			t.Errorf("width %d: %q splits the kept phrase", w, lines)
		}
		if strings.ContainsRune(joined, joiner) {
			t.Errorf("width %d: the word joiner reached the output: %q", w, lines)
		}
	}
}

func TestHang(t *testing.T) {
	t.Parallel()
	got := Hang("一二三四五六七八九十", "1. ", 11)
	want := "1. 一二三四\n   五六七八\n   九十"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// escape codes in the first part take no room
	got = Hang("abc def", "\x1b[1m·\x1b[0m ", 6)
	want = "\x1b[1m·\x1b[0m abc\n  def"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// Every line fits, nothing is lost but the spaces at breaks, and no line
// starts with closing or ends with opening punctuation unless a run that
// may not break was longer than the line and had to be cut.
func TestWrapProperties(t *testing.T) {
	t.Parallel()
	alphabet := []string{"中", "文", "字", "，", "。", "）", "（", "“", "”", "a", "b", "c", " ", " ", "、", "》", "《", "1", ".", "😀", "é"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var b strings.Builder
		for range rng.IntN(60) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		s := b.String()
		width := 4 + rng.IntN(20)
		lines := Wrap(s, width)
		if got, want := strings.ReplaceAll(strings.Join(lines, ""), " ", ""), strings.ReplaceAll(s, " ", ""); got != want {
			t.Fatalf("Wrap(%q, %d) lost text: %q", s, width, lines)
		}
		cutWords := false // a run that may not break was longer than the line
		for _, tk := range tokens(s) {
			cutWords = cutWords || tk.w > width
		}
		for i, l := range lines {
			if Width(l) > width {
				t.Fatalf("Wrap(%q, %d): line %q is %d cells", s, width, l, Width(l))
			}
			if strings.HasSuffix(l, " ") || strings.HasPrefix(l, " ") {
				t.Fatalf("Wrap(%q, %d): line %q has an edge space", s, width, l)
			}
			if i > 0 && l != "" && in(closingSet, firstRune(l)) && !cutWords {
				t.Fatalf("Wrap(%q, %d): line %d %q starts with closing punctuation", s, width, i, l)
			}
			if i < len(lines)-1 && l != "" && in(openingSet, lastRune(l)) && !cutWords {
				t.Fatalf("Wrap(%q, %d): line %d %q ends with opening punctuation", s, width, i, l)
			}
		}
	}
}

func firstRune(s string) string { _, n := utf8.DecodeRuneInString(s); return s[:n] }
func lastRune(s string) string  { _, n := utf8.DecodeLastRuneInString(s); return s[len(s)-n:] }

// Wrapping is linear: a megabyte of one word, of Chinese, or of short
// words wraps well under a second each (about 70 ms on one core). The
// time is the thread's CPU time, so a busy machine does not fail it.
func TestWrapIsLinear(t *testing.T) {
	t.Parallel()
	for name, s := range map[string]string{
		"one word": strings.Repeat("x", 1<<20),
		"chinese":  strings.Repeat("中文，", 1<<20/9),
		"words":    strings.Repeat("ab cd ", 1<<20/6),
		"closing":  strings.Repeat("。", 1<<20/3),
		"opening":  strings.Repeat("（", 1<<20/3),
	} {
		var lines []string
		if d := onThreadCPU(func() { lines = Wrap(s, 80) }); d > 500*time.Millisecond {
			t.Errorf("%s: %d bytes took %v of CPU", name, len(s), d)
		}
		if len(lines) < len(s)/80/3 {
			t.Errorf("%s: only %d lines", name, len(lines))
		}
	}
}

// TestMark: the marks fall exactly where Wrap may break without a space,
// so groff breaks a man page's Chinese as the terminal does.
func TestMark(t *testing.T) {
	t.Parallel()
	cases := []struct{ s, want string }{
		{"作答（可选），然后提交。", "作|答|（可|选），|然|后|提|交。"},
		{"用 --fresh 重新开始", "用 --fresh 重|新|开|始"},
		{"plain English text", "plain English text"},
		{"", ""},
	}
	for _, c := range cases {
		if got := Mark(c.s, "|"); got != c.want {
			t.Errorf("Mark(%q) = %q, want %q", c.s, got, c.want)
		}
	}
}

func TestPad(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		s     string
		width int
		want  string
	}{{"推拖绕", 8, "推拖绕  "}, {"ab", 4, "ab  "}, {"遥控指挥", 6, "遥控指挥"}} {
		if got := Pad(c.s, c.width); got != c.want {
			t.Errorf("Pad(%q, %d) = %q, want %q", c.s, c.width, got, c.want)
		}
	}
}
