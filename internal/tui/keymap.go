package tui

import (
	"fmt"

	"charm.land/bubbles/v2/viewport"

	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/keymap"
)

// Every screen declares its keys once, here, as bubbles key bindings. The
// handlers match against them, the ? overlay lists every enabled binding
// with every key it is bound to, and the key line under each screen shows
// the ones marked for it: a key cannot work without being listed
// (docs/architecture.md, "Keys").

// binding is one action of a screen (internal/keymap).
type binding = keymap.Binding

func bind(desc string, keys ...string) binding { return keymap.Bind(desc, keys...) }

type welcomeKeys struct {
	Start, Choose, Resume, Over, Switch, Help, Quit binding
}

type questionKeys struct {
	Answer, Up, Down, Choose, Back, Forward, Skip, Review, Help, Quit binding
}

type reviewKeys struct {
	Left, Up, Down, Right, First, Open, NextGap, ToSubmit, Back, Help, Quit binding
}

type aboutKeys struct {
	Next, Prev, Confirm, Switch, Back, Quit binding
}

type submitKeys struct {
	Submit, Back, Help, Quit binding
}

type resultKeys struct {
	Up, Down, PageUp, PageDown, HalfUp, HalfDown, Save, Help, Quit binding
}

type quitKeys struct {
	Yes, No binding
}

type helpKeys struct {
	Close, Quit binding
}

// keyMap holds every screen's keys in the interface language.
type keyMap struct {
	welcome  welcomeKeys
	about    aboutKeys
	question questionKeys
	review   reviewKeys
	submit   submitKeys
	result   resultKeys
	quit     quitKeys
	help     helpKeys
	lines    map[any][][2]string // key lines by screen key map, built once
}

func newKeyMap(l i18n.Lang, scale int, first, last string, resume, reports bool) *keyMap {
	digits := make([]string, scale)
	for i := range digits {
		digits[i] = fmt.Sprint(i + 1)
	}
	helpKey := bind(l.T("显示或关闭帮助", "show or hide this help"), "?").Show("?", l.T("帮助", "help"))
	quitAsks := bind(l.T("退出（会先确认，进度已保存）", "quit (asks first; progress is kept)"), "q", "esc", "ctrl+c").Show("q", l.T("退出", "quit"))
	return &keyMap{
		lines: map[any][][2]string{},
		welcome: welcomeKeys{
			Start:  bind(l.T("开始", "start"), "enter", "space").Show("Enter", l.T("开始", "start")).On(!resume),
			Choose: bind(l.T("确定所选", "choose"), "enter", "space").Show("Enter", l.T("确定", "choose")).On(resume),
			Resume: bind(l.T("继续上次", "resume"), "c").Show("c", l.T("继续上次", "resume")).On(resume),
			Over:   bind(l.T("重新开始（清除上次的进度）", "start over (drops the saved progress)"), "r").Show("r", l.T("重新开始", "start over")).On(resume),
			Switch: bind(l.T("切换选项", "switch choice"), "left", "right", "tab", "shift+tab", "h", "l", "up", "down", "j", "k").On(resume),
			Help:   helpKey,
			Quit:   bind(l.T("退出", "quit"), "q", "esc", "ctrl+c").Show("q", l.T("退出", "quit")),
		},
		about: aboutKeys{
			Next:    bind(l.T("下一项", "next"), "tab", "down").Show("Tab/↓", l.T("下一项", "next")),
			Prev:    bind(l.T("上一项", "previous"), "shift+tab", "up").Show("Shift+Tab/↑", l.T("上一项", "previous")),
			Confirm: bind(l.T("确定，到下一项", "confirm and go on"), "enter").Show("Enter", l.T("确定", "confirm")),
			Switch:  bind(l.T("在“开始作答”和“匿名作答”之间切换", "switch between Start and Anonymous"), "left", "right", "h", "l"),
			Back:    bind(l.T("返回", "back"), "esc").Show("Esc", l.T("返回", "back")),
			Quit:    bind(quitAsks.Help().Desc, "ctrl+c"),
		},
		question: questionKeys{
			Answer: bind(l.T(fmt.Sprintf("作答并进入下一题（1=%s … %d=%s）", first, scale, last), fmt.Sprintf("answer and go on (1=%s … %d=%s)", first, scale, last)), digits...),
			Up:     bind(l.T("选上一个选项", "pick the option above"), "up", "k"),
			Down:   bind(l.T("选下一个选项", "pick the option below"), "down", "j"),
			Choose: bind(l.T("确定所选选项", "answer with the picked option"), "enter", "space"),
			Back:   bind(l.T("上一题（答案保留）", "previous question (answers kept)"), "left", "b", "shift+tab", "h").Show("←", l.T("上一题", "back")),
			Forward: bind(l.T("下一题（仅限已答的题）", "next question (answered ones only)"), "right", "l").
				Show("→", l.T("下一题", "forward")),
			Skip:   bind(l.T("跳过：这一题留空", "skip: leave this question unanswered"), "s", "0").Show("s", l.T("跳过", "skip")),
			Review: bind(l.T("总览全部作答", "review all answers"), "v", "tab").Show("v", l.T("总览", "review")),
			Help:   helpKey,
			Quit:   quitAsks,
		},
		review: reviewKeys{
			Left:     bind(l.T("左移", "move left"), "left", "h").Show("←↑↓→", l.T("移动", "move")),
			Up:       bind(l.T("上移", "move up"), "up", "k"),
			Down:     bind(l.T("下移", "move down"), "down", "j"),
			Right:    bind(l.T("右移", "move right"), "right", "l"),
			First:    bind(l.T("到第 1 题", "go to question 1"), "home", "g"),
			Open:     bind(l.T("修改所选的题；在“提交”上则提交", "change the selected answer; on Submit, submit"), "enter", "space").Show("Enter", l.T("修改 / 提交", "change / submit")),
			NextGap:  bind(l.T("跳到下一道未答的题", "jump to the next unanswered question"), "u").Show("u", l.T("下一道未答", "next unanswered")),
			ToSubmit: bind(l.T("到“提交”", "go to Submit"), "tab", "end", "G").Show("Tab", l.T("到提交", "to submit")),
			Back:     bind(l.T("返回答题", "back to the questions"), "b", "shift+tab", "esc").Show("b", l.T("返回答题", "back to questions")),
			Help:     helpKey,
			Quit:     bind(quitAsks.Help().Desc, "q", "ctrl+c"),
		},
		submit: submitKeys{
			Submit: bind(l.T("提交", "submit"), "enter", "y").Show("Enter", l.T("提交", "submit")),
			Back:   bind(l.T("返回总览", "back to review"), "esc", "b", "n", "shift+tab").Show("Esc", l.T("返回总览", "back to review")),
			Help:   bind(helpKey.Help().Desc, "?"),
			Quit:   bind(quitAsks.Help().Desc, "q", "ctrl+c"),
		},
		result: resultKeys{
			Up:       bind(l.T("上移一行", "scroll up a line"), "up", "k").Show("↑↓ PgUp PgDn", l.T("翻看", "scroll")),
			Down:     bind(l.T("下移一行", "scroll down a line"), "down", "j"),
			PageUp:   bind(l.T("上翻一页", "page up"), "pgup", "b"),
			PageDown: bind(l.T("下翻一页", "page down"), "pgdown", "space", "f"),
			HalfUp:   bind(l.T("上翻半页", "half a page up"), "u", "ctrl+u"),
			HalfDown: bind(l.T("下翻半页", "half a page down"), "d", "ctrl+d"),
			Save: bind(l.T("把 Markdown、HTML 报告和对照检查提纲保存在结果文件旁", "save the Markdown and HTML reports and the outline next to the result file"), "m").
				Show("m", l.T("保存 Markdown/HTML/提纲", "save Markdown/HTML/outline")).On(reports),
			Help: bind(helpKey.Help().Desc, "?"),
			Quit: bind(l.T("退出", "quit"), "q", "esc", "enter", "ctrl+c").Show("q", l.T("退出", "quit")),
		},
		quit: quitKeys{
			Yes: bind(l.T("退出", "quit"), "y", "Y", "ctrl+c").Show("y", l.T("退出", "quit")),
			No:  bind(l.T("继续作答", "keep going"), "n", "N", "esc", "q").Show("n / Esc", l.T("继续作答", "keep going")),
		},
		help: helpKeys{
			Close: bind(l.T("关闭帮助", "close this help"), "?", "esc", "q", "enter"),
			Quit:  bind(l.T("退出（会先确认）", "quit (asks first)"), "ctrl+c"),
		},
	}
}

// screenKeys is the key map of the screen on show.
func (m *Model) screenKeys() any {
	switch m.screen {
	case welcomeScreen:
		return &m.keys.welcome
	case questionScreen:
		return &m.keys.question
	case reviewScreen:
		return &m.keys.review
	case submitScreen:
		return &m.keys.submit
	case resultScreen:
		return &m.keys.result
	}
	return nil
}

// helpRows is the ? overlay's list for the screen on show: every enabled
// binding, every key.
func (m *Model) helpRows() [][2]string {
	km := m.screenKeys()
	if km == nil {
		return nil
	}
	return keymap.Help(km)
}

// line is keymap.Line of one of k's screens (&k.question, say), worked out
// once: screens are drawn on every key.
func (k *keyMap) line(km any) [][2]string {
	if l, ok := k.lines[km]; ok {
		return l
	}
	l := keymap.Line(km)
	k.lines[km] = l
	return l
}

// viewportKeys drives the result's viewport with the result screen's
// bindings, so that what scrolls is what the help lists.
func (k resultKeys) viewportKeys() viewport.KeyMap {
	return keymap.Viewport(k.Up, k.Down, k.PageUp, k.PageDown, k.HalfUp, k.HalfDown)
}
