package tui

import "github.com/charmbracelet/x/ansi"

// WarmWidths builds, on another goroutine, the character-width table
// the terminal renderer needs for the first wide character it draws.
//
// bubbletea measures cells with go-runewidth unless the terminal reports
// Unicode core mode (2027), which few do. Its table covers every code
// point (about 2 MB) and is filled on the first rune above U+02FF, so on
// a Chinese screen it is built inside the first frame: about a tenth of
// the CPU to the welcome screen. Started at the top of take, it is built
// on the second core while the program reads its bank, takes the lock
// and sets the terminal up. The table is built once under a sync.Once,
// so a renderer that needs it first just waits for it
// (docs/performance.md, "What start-up does").
func WarmWidths() {
	go ansi.WcWidth.StringWidth("躺平")
}
