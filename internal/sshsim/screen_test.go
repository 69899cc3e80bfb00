package sshsim

import (
	"strings"
	"testing"
)

func TestScreenFollowsTheRenderersMoves(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, in string
		want     []string // first lines
	}{
		{"print and newline", "ab\r\ncd", []string{"ab", "cd"}},
		{"wide characters take two cells", "第 1/46 题\x1b[1;4H2", []string{"第 2/46 题"}},
		{"cursor position and erase to end of line", "hello world\x1b[1;6H\x1b[K!", []string{"hello!"}},
		{"erase characters and repeat", "abcdef\x1b[1;2H\x1b[2Xz\x1b[2b", []string{"azzzef"}},
		{"relative moves", "abc\x1b[2D\x1b[BX", []string{"abc", " X"}},
		{"alt screen clears", "old\x1b[?1049hnew", []string{"   new"}},
		{"scroll region", "\x1b[1;2r\x1b[1;1Ha\r\nb\r\nc", []string{"b", "c"}},
		{"insert and delete lines", "a\r\nb\x1b[1;1H\x1b[L", []string{"", "a", "b"}},
		{"autowrap at the margin", strings.Repeat("x", 12) + "y", []string{strings.Repeat("x", 10), "xxy"}},
	}
	for _, c := range cases {
		s := newScreen(10, 4)
		_, _ = s.Write([]byte(c.in))
		got := strings.Split(s.Text(), "\n")
		for i, w := range c.want {
			if got[i] != w {
				t.Errorf("%s: line %d = %q, want %q (screen %q)", c.name, i+1, got[i], w, got)
			}
		}
	}
}

func TestPlanAnswersSkipUnanswered(t *testing.T) {
	t.Parallel()
	p := Plan{Values: []int{0, Skip, 4}}
	got := p.Answers([]string{"Q01", "Q02", "Q03"})
	if len(got) != 2 || got["Q01"] != 0 || got["Q03"] != 4 {
		t.Errorf("answers = %v", got)
	}
	if key(Skip) != "s" || key(0) != "1" || key(4) != "5" {
		t.Error("keys do not follow the 1–5 scale")
	}
}
