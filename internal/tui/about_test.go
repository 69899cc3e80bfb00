package tui

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// wantRespondent checks the respondent the model keeps and, once
// something has been saved (from the first answer on), the one the store
// was last given.
func wantRespondent(t *testing.T, hs *harness, want result.Respondent) {
	t.Helper()
	if got := hs.m.State().Respondent; got != want {
		t.Errorf("respondent %+v, want %+v", got, want)
	}
	if len(hs.store.Saves) == 0 {
		return
	}
	if got := hs.store.Last().Respondent; got != want {
		t.Errorf("saved respondent %+v, want %+v", got, want)
	}
}

// The details go to the store with the first answer, not before: someone
// who fills in the form and quits leaves no progress to "continue 0/46".
func TestAboutIsSavedWithTheFirstAnswer(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		hs := newBubbleHarness(t, 80, 24, nil)
		hs.press("enter")
		hs.burst(keys("张三", "enter", "enter", "enter", "enter")...)
		hs.wantScreen("第 1/46 题")
		if len(hs.store.Saves) != 0 {
			t.Fatalf("saved before the first answer: %+v", hs.store.Saves)
		}
		hs.press("ctrl+c", "y")
		if len(hs.store.Saves) != 0 {
			t.Fatalf("quitting before the first answer saved %+v", hs.store.Saves)
		}
		hs = newBubbleHarness(t, 80, 24, nil)
		hs.press("enter")
		hs.burst(keys("张三", "enter", "enter", "enter", "enter", "4")...)
		if len(hs.store.Saves) != 1 || hs.store.Last().Respondent.Name != "张三" || hs.store.Last().Answers["Q01"] != 3 {
			t.Fatalf("the first answer saved %+v", hs.store.Saves)
		}
	})
}

// Everything typed in one go: each value lands in its own field, and the
// digits after the form answer the first questions.
func TestAboutBurstLandsInItsFields(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		hs := newBubbleHarness(t, 80, 24, nil)
		hs.press("enter")
		hs.wantScreen("关于您（可不填）")
		hs.burst(keys("张三", "tab", "城管局", "tab", "科员", "enter", "enter", "123")...)
		hs.wantScreen("第 4/46 题")
		wantRespondent(t, hs, result.Respondent{Name: "张三", Unit: "城管局", Role: "科员"})
		wantAnswers(t, hs.m.State().Answers, map[string]int{"Q01": 0, "Q02": 1, "Q03": 2})
	})
}

// The same over the other keys that move: ↓, ↑, Shift+Tab and Enter, and
// a paste that arrives while the focus is moving.
func TestAboutBurstWithArrowsAndPaste(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		hs := newBubbleHarness(t, 80, 24, nil)
		hs.press("enter")
		msgs := keys("王五", "down", "down", "科长", "up")
		msgs = append(msgs, tea.PasteMsg{Content: "市城管局"})
		msgs = append(msgs, keys("enter", "down", "shift+tab", "tab", "enter", "5")...)
		hs.burst(msgs...)
		hs.wantScreen("第 2/46 题")
		wantRespondent(t, hs, result.Respondent{Name: "王五", Unit: "市城管局", Role: "科长"})
		wantAnswers(t, hs.m.State().Answers, map[string]int{"Q01": 4})
	})
}

// 匿名作答 ignores whatever was typed; all fields left empty is anonymous
// too; spaces around a value are trimmed.
func TestAboutAnonymousRules(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		keys []string
		want result.Respondent
	}{
		{"anonymous choice", []string{"张三", "tab", "城管局", "tab", "tab", "right", "enter"}, result.Respondent{Anonymous: true}},
		{"choice back to start", []string{"张三", "tab", "tab", "tab", "right", "left", "enter"}, result.Respondent{Name: "张三"}},
		{"all empty", []string{"enter", "enter", "enter", "enter"}, result.Respondent{Anonymous: true}},
		{"only spaces", []string{"  ", "tab", " ", "tab", "tab", "enter"}, result.Respondent{Anonymous: true}},
		{"trimmed", []string{"tab", " 城管局 ", "tab", "tab", "enter"}, result.Respondent{Unit: "城管局"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				hs := newBubbleHarness(t, 80, 24, nil)
				hs.press("enter")
				hs.send(keys(c.keys...)...)
				hs.wantScreen("第 1/46 题")
				wantRespondent(t, hs, c.want)
			})
		})
	}
}

// Esc goes back to the welcome screen; coming back shows what was typed.
func TestAboutEscKeepsTheText(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		hs := newBubbleHarness(t, 80, 24, nil)
		hs.press("enter")
		hs.send(keys("张三", "tab", "城管局", "esc")...)
		hs.wantScreen("Enter 开始")
		hs.press("enter")
		hs.wantScreen("关于您（可不填）", "姓名  张三", "单位  城管局")
		hs.burst(keys("tab", "tab", "tab", "enter")...)
		wantRespondent(t, hs, result.Respondent{Name: "张三", Unit: "城管局"})
	})
}

// The focus moves inside Update: with no command run at all (nothing
// from a runtime, no timer), every key after Tab or Enter already goes to
// the next field.
func TestAboutFocusMovesWithoutCommands(t *testing.T) {
	t.Parallel()
	hs := newHarness(t, 80, 24, nil) // commands are dropped
	hs.press("enter")
	hs.send(keys("李四", "tab", "城管局", "enter", "科员", "shift+tab", "局", "enter", "enter", "enter", "3")...)
	hs.wantScreen("第 2/46 题")
	wantRespondent(t, hs, result.Respondent{Name: "李四", Unit: "城管局局", Role: "科员"})
	wantAnswers(t, hs.m.State().Answers, map[string]int{"Q01": 2})
}

// The SSH server's smallest window, with the whole way from the welcome
// screen to the third question in one packet.
func TestAboutAt40x12OverSSH(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		hs := newBubbleHarness(t, 40, 12, func(o *Options) { o.Server, o.ResumeCode = true, "K7Q2" })
		hs.press("enter")
		s := hs.screen()
		hs.wantScreen("关于您", "姓名", "职务", "开始作答", "匿名作答", "Esc 返回")
		for line := range strings.SplitSeq(s, "\n") {
			if w := stringWidth(line); w > 40 {
				t.Errorf("line wider than the window (%d): %q", w, line)
			}
		}
		if n := strings.Count(s, "\n") + 1; n > 12 {
			t.Errorf("%d lines in a 12-line window", n)
		}
		hs.press("esc")
		hs.burst(keys("enter", "enter", "enter", "enter", "enter", "12")...)
		hs.wantScreen("第 3/46 题")
		wantRespondent(t, hs, result.Respondent{Anonymous: true})
	})
}

// On a light background, what was typed keeps the text colour once the
// focus has moved on: bubbles draws a blurred input in ANSI colour 7,
// light grey, which all but vanishes there.
func TestAboutTypedTextReadableOnLight(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		hs := newBubbleHarness(t, 80, 24, nil)
		hs.send(tea.BackgroundColorMsg{Color: white{}})
		hs.press("enter")
		hs.send(keys("张三", "tab")...)
		var buf bytes.Buffer
		w := &colorprofile.Writer{Forward: &buf, Profile: colorprofile.ANSI256}
		if _, err := w.WriteString(hs.m.View().Content); err != nil {
			t.Fatal(err)
		}
		for line := range strings.SplitSeq(buf.String(), "\n") {
			if strings.Contains(line, "张三") && strings.Contains(line, "\x1b[37m") {
				t.Errorf("the name is drawn in light grey on a light background: %q", line)
			}
		}
	})
}

// The about-you screen as a person sees it, at the three sizes, in both
// languages, and with the focus on the choice. Refresh with -update.
func TestAboutScreens(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		w, h int
		lang i18n.Lang
		keys []string
	}{
		{"about_zh_80x24", 80, 24, i18n.ZH, nil},
		{"about_zh_60x20", 60, 20, i18n.ZH, []string{"张三", "tab", "市城管局"}},
		{"about_zh_40x12", 40, 12, i18n.ZH, []string{"张三"}},
		{"about_en_80x24", 80, 24, i18n.EN, []string{"Zhang San"}},
		{"about_choice_zh_80x24", 80, 24, i18n.ZH, []string{"张三", "tab", "tab", "tab", "right"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				hs := newBubbleHarness(t, c.w, c.h, func(o *Options) { o.Lang = c.lang })
				hs.press("enter")
				hs.send(keys(c.keys...)...)
				golden.RequireEqual(t, hs.screen())
			})
		})
	}
}

// Chinese prose has no spaces between characters: the about note said
// "例如 单位". Every screen of the walk-through is checked.
func TestNoSpaceBetweenChineseCharacters(t *testing.T) {
	t.Parallel()
	hanSpaceHan := regexp.MustCompile(`\p{Han}[ \x{3000}]\p{Han}`) // one space: labels and buttons are set apart by two or more
	hs := newHarness(t, 80, 24, nil)
	check := func(where string) {
		t.Helper()
		if m := hanSpaceHan.FindString(hs.screen()); m != "" {
			t.Errorf("%s: %q has a space between Chinese characters:\n%s", where, m, hs.screen())
		}
	}
	check("welcome")
	hs.press("?")
	check("welcome help")
	hs.press("esc", "enter")
	check("about")
	hs.press("tab", "tab", "tab")
	check("about choice")
	hs.press("enter")
	check("question")
	hs.press("?")
	check("question help")
	hs.press("esc")
	hs.typeText(digits(45) + "s")
	check("review")
}
