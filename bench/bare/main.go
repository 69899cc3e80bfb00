// Command bare is the yardstick of tangping's launch benchmark: the
// smallest bubbletea v2 program that draws one full-screen frame and
// quits on q. bench/run.sh starts it and tangping take in a pty, in
// pairs, and compares the time from start to first frame
// (docs/performance.md). With -cjk its frame holds a line of Chinese, as
// tangping's does: drawing the first wide character makes the terminal
// library build its width table, a cost every Chinese program pays.
package main

import (
	"flag"
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
)

type model struct{ cjk bool }

func (model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && (k.String() == "q" || k.String() == "ctrl+c") {
		return m, tea.Quit
	}
	return m, nil
}

func (m model) View() tea.View {
	text := "bare bubbletea v2\n\npress q to quit"
	if m.cjk {
		text = "bare bubbletea v2 空白程序\n\n按 q 退出"
	}
	v := tea.NewView(text)
	v.AltScreen = true
	return v
}

func main() {
	cjk := flag.Bool("cjk", false, "draw a line of Chinese")
	flag.Parse()
	if _, err := tea.NewProgram(model{cjk: *cjk}).Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
