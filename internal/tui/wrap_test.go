package tui

import (
	"reflect"
	"testing"
)

func TestWrapKeepsPunctuationOffLineEdges(t *testing.T) {
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
		{"我会等上级 OA approval 流程", 16, []string{"我会等上级 OA", "approval 流程"}},
		{"Over the past year, when work", 12, []string{"Over the", "past year,", "when work"}},
		{"abcdefghijklmnop", 6, []string{"abcdef", "ghijkl", "mnop"}},
		{"第一段\n第二段", 20, []string{"第一段", "第二段"}},
		{"", 10, []string{""}},
	}
	for _, c := range cases {
		if got := wrap(c.s, c.width); !reflect.DeepEqual(got, c.want) {
			t.Errorf("wrap(%q, %d) = %q, want %q", c.s, c.width, got, c.want)
		}
	}
}

func TestWrapKeepsPathsWhole(t *testing.T) {
	got := wrap("结果已保存到：/home/cadre/.local/state/tangping/results/x.json", 40)
	want := []string{"结果已保存到：", "/home/cadre/.local/state/tangping/result", "s/x.json"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
