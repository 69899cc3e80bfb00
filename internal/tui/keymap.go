package tui

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"

	"github.com/tangping-dev/tangping/internal/i18n"
)

// Every screen declares its keys once, here, as bubbles key bindings. The
// handlers match against them, the ? overlay lists every enabled binding
// with every key it is bound to, and the key line under each screen shows
// the ones marked for it: a key cannot work without being listed
// (docs/architecture.md, "Keys").

// binding is one action: its keys, what the help overlay says of it
// (Help().Desc), and how the key line shows it (Help().Key and line),
// if at all.
type binding struct {
	key.Binding
	line string // the key line's word for it; "" keeps it off the key line
}

// bind declares an action described by desc, bound to keys.
func bind(desc string, keys ...string) binding {
	return binding{Binding: key.NewBinding(key.WithKeys(keys...), key.WithHelp("", desc))}
}

// show puts the binding on the key line as "label text".
func (b binding) show(label, text string) binding {
	b.SetHelp(label, b.Help().Desc)
	b.line = text
	return b
}

func (b binding) on(enabled bool) binding {
	b.SetEnabled(enabled)
	return b
}

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
	helpKey := bind(l.T("显示或关闭帮助", "show or hide this help"), "?").show("?", l.T("帮助", "help"))
	quitAsks := bind(l.T("退出（会先确认，进度已保存）", "quit (asks first; progress is kept)"), "q", "esc", "ctrl+c").show("q", l.T("退出", "quit"))
	return &keyMap{
		lines: map[any][][2]string{},
		welcome: welcomeKeys{
			Start:  bind(l.T("开始", "start"), "enter", "space").show("Enter", l.T("开始", "start")).on(!resume),
			Choose: bind(l.T("确定所选", "choose"), "enter", "space").show("Enter", l.T("确定", "choose")).on(resume),
			Resume: bind(l.T("继续上次", "resume"), "c").show("c", l.T("继续上次", "resume")).on(resume),
			Over:   bind(l.T("重新开始（清除上次的进度）", "start over (drops the saved progress)"), "r").show("r", l.T("重新开始", "start over")).on(resume),
			Switch: bind(l.T("切换选项", "switch choice"), "left", "right", "tab", "shift+tab", "h", "l", "up", "down", "j", "k").on(resume),
			Help:   helpKey,
			Quit:   bind(l.T("退出", "quit"), "q", "esc", "ctrl+c").show("q", l.T("退出", "quit")),
		},
		about: aboutKeys{
			Next:    bind(l.T("下一项", "next"), "tab", "down").show("Tab/↓", l.T("下一项", "next")),
			Prev:    bind(l.T("上一项", "previous"), "shift+tab", "up").show("Shift+Tab/↑", l.T("上一项", "previous")),
			Confirm: bind(l.T("确定，到下一项", "confirm and go on"), "enter").show("Enter", l.T("确定", "confirm")),
			Switch:  bind(l.T("在“开始作答”和“匿名作答”之间切换", "switch between Start and Anonymous"), "left", "right", "h", "l"),
			Back:    bind(l.T("返回", "back"), "esc").show("Esc", l.T("返回", "back")),
			Quit:    bind(quitAsks.Help().Desc, "ctrl+c"),
		},
		question: questionKeys{
			Answer: bind(l.T(fmt.Sprintf("作答并进入下一题（1=%s … %d=%s）", first, scale, last), fmt.Sprintf("answer and go on (1=%s … %d=%s)", first, scale, last)), digits...),
			Up:     bind(l.T("选上一个选项", "pick the option above"), "up", "k"),
			Down:   bind(l.T("选下一个选项", "pick the option below"), "down", "j"),
			Choose: bind(l.T("确定所选选项", "answer with the picked option"), "enter", "space"),
			Back:   bind(l.T("上一题（答案保留）", "previous question (answers kept)"), "left", "b", "shift+tab", "h").show("←", l.T("上一题", "back")),
			Forward: bind(l.T("下一题（仅限已答的题）", "next question (answered ones only)"), "right", "l").
				show("→", l.T("下一题", "forward")),
			Skip:   bind(l.T("跳过：这一题留空", "skip: leave this question unanswered"), "s", "0").show("s", l.T("跳过", "skip")),
			Review: bind(l.T("总览全部作答", "review all answers"), "v", "tab").show("v", l.T("总览", "review")),
			Help:   helpKey,
			Quit:   quitAsks,
		},
		review: reviewKeys{
			Left:     bind(l.T("左移", "move left"), "left", "h").show("←↑↓→", l.T("移动", "move")),
			Up:       bind(l.T("上移", "move up"), "up", "k"),
			Down:     bind(l.T("下移", "move down"), "down", "j"),
			Right:    bind(l.T("右移", "move right"), "right", "l"),
			First:    bind(l.T("到第 1 题", "go to question 1"), "home", "g"),
			Open:     bind(l.T("修改所选的题；在“提交”上则提交", "change the selected answer; on Submit, submit"), "enter", "space").show("Enter", l.T("修改 / 提交", "change / submit")),
			NextGap:  bind(l.T("跳到下一道未答的题", "jump to the next unanswered question"), "u").show("u", l.T("下一道未答", "next unanswered")),
			ToSubmit: bind(l.T("到“提交”", "go to Submit"), "tab", "end", "G").show("Tab", l.T("到提交", "to submit")),
			Back:     bind(l.T("返回答题", "back to the questions"), "b", "shift+tab", "esc").show("b", l.T("返回答题", "back to questions")),
			Help:     helpKey,
			Quit:     bind(quitAsks.Help().Desc, "q", "ctrl+c"),
		},
		submit: submitKeys{
			Submit: bind(l.T("提交", "submit"), "enter", "y").show("Enter", l.T("提交", "submit")),
			Back:   bind(l.T("返回总览", "back to review"), "esc", "b", "n", "shift+tab").show("Esc", l.T("返回总览", "back to review")),
			Help:   bind(helpKey.Help().Desc, "?"),
			Quit:   bind(quitAsks.Help().Desc, "q", "ctrl+c"),
		},
		result: resultKeys{
			Up:       bind(l.T("上移一行", "scroll up a line"), "up", "k").show("↑↓ PgUp PgDn", l.T("翻看", "scroll")),
			Down:     bind(l.T("下移一行", "scroll down a line"), "down", "j"),
			PageUp:   bind(l.T("上翻一页", "page up"), "pgup", "b"),
			PageDown: bind(l.T("下翻一页", "page down"), "pgdown", "space", "f"),
			HalfUp:   bind(l.T("上翻半页", "half a page up"), "u", "ctrl+u"),
			HalfDown: bind(l.T("下翻半页", "half a page down"), "d", "ctrl+d"),
			Save: bind(l.T("把 Markdown、HTML 报告和对照检查提纲保存在结果文件旁", "save the Markdown and HTML reports and the outline next to the result file"), "m").
				show("m", l.T("保存 Markdown/HTML/提纲", "save Markdown/HTML/outline")).on(reports),
			Help: bind(helpKey.Help().Desc, "?"),
			Quit: bind(l.T("退出", "quit"), "q", "esc", "enter", "ctrl+c").show("q", l.T("退出", "quit")),
		},
		quit: quitKeys{
			Yes: bind(l.T("退出", "quit"), "y", "Y", "ctrl+c").show("y", l.T("退出", "quit")),
			No:  bind(l.T("继续作答", "keep going"), "n", "N", "esc", "q").show("n / Esc", l.T("继续作答", "keep going")),
		},
		help: helpKeys{
			Close: bind(l.T("关闭帮助", "close this help"), "?", "esc", "q", "enter"),
			Quit:  bind(l.T("退出（会先确认）", "quit (asks first)"), "ctrl+c"),
		},
	}
}

// bindings lists the bindings of a screen's key map (a pointer to one of
// the structs above) in declaration order.
func bindings(km any) []binding {
	v := reflect.ValueOf(km).Elem()
	out := make([]binding, v.NumField())
	for i := range out {
		out[i] = v.Field(i).Interface().(binding)
	}
	return out
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

// keyName is how a key is written for people.
func keyName(k string) string {
	switch k {
	case "left":
		return "←"
	case "right":
		return "→"
	case "up":
		return "↑"
	case "down":
		return "↓"
	case "pgup":
		return "PgUp"
	case "pgdown":
		return "PgDn"
	}
	if utf8.RuneCountInString(k) == 1 {
		return k
	}
	parts := strings.Split(k, "+")
	for i, p := range parts {
		parts[i] = strings.ToUpper(p[:1]) + p[1:]
	}
	return strings.Join(parts, "+")
}

// helpLabel writes every key of b: "← / b / Shift+Tab / h"; a run of
// digits reads "1–5".
func helpLabel(b binding) string {
	keys := b.Keys()
	if len(keys) > 2 && keys[0] == "1" && keys[len(keys)-1] == fmt.Sprint(len(keys)) {
		return "1–" + keys[len(keys)-1]
	}
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = keyName(k)
	}
	return strings.Join(names, " / ")
}

// helpRows is the ? overlay's list for the screen on show: every enabled
// binding, every key.
func (m *Model) helpRows() [][2]string {
	km := m.screenKeys()
	if km == nil {
		return nil
	}
	var rows [][2]string
	for _, b := range bindings(km) {
		if b.Enabled() {
			rows = append(rows, [2]string{helpLabel(b), b.Help().Desc})
		}
	}
	return rows
}

// lineKeys is the key line of a key map: the enabled bindings marked for
// it.
func lineKeys(km any) [][2]string {
	var out [][2]string
	for _, b := range bindings(km) {
		if b.Enabled() && b.line != "" {
			out = append(out, [2]string{b.Help().Key, b.line})
		}
	}
	return out
}

// line is lineKeys of one of k's screens (&k.question, say), worked out
// once: screens are drawn on every key.
func (k *keyMap) line(km any) [][2]string {
	if l, ok := k.lines[km]; ok {
		return l
	}
	l := lineKeys(km)
	k.lines[km] = l
	return l
}

// matches reports whether the key s (a KeyPressMsg's String) is one of
// b's keys and b is enabled. Handlers take the key's name once: it is
// built anew on every call.
func matches(s string, b binding) bool { return b.Enabled() && slices.Contains(b.Keys(), s) }

// viewportKeys drives the result's viewport with the result screen's
// bindings, so that what scrolls is what the help lists.
func (k resultKeys) viewportKeys() viewport.KeyMap {
	off := key.NewBinding(key.WithDisabled())
	return viewport.KeyMap{
		Up: k.Up.Binding, Down: k.Down.Binding, PageUp: k.PageUp.Binding, PageDown: k.PageDown.Binding,
		HalfPageUp: k.HalfUp.Binding, HalfPageDown: k.HalfDown.Binding, Left: off, Right: off,
	}
}
