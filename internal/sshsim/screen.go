package sshsim

import (
	"strings"
	"sync"

	"github.com/charmbracelet/x/ansi"
)

// screen is a small terminal emulator: enough of VT100/xterm to
// follow bubbletea's renderer, which redraws only the cells that change,
// so that a test can read the screen a participant would see instead of
// searching a byte stream for text that is never sent whole.
type screen struct {
	mu       sync.Mutex
	w, h     int
	cells    [][]rune // 0 marks the right half of a wide character
	x, y     int
	top, bot int // scroll region, inclusive
	pending  bool
	autowrap bool
	insert   bool
	savedX   int
	savedY   int
	last     rune
	p        *ansi.Parser
	changed  chan struct{} // closed and replaced on every write
}

func newScreen(w, h int) *screen {
	s := &screen{w: w, h: h, autowrap: true, changed: make(chan struct{})}
	s.reset()
	s.p = ansi.NewParser()
	s.p.SetHandler(ansi.Handler{Print: s.print, Execute: s.execute, HandleCsi: s.csi, HandleEsc: s.esc})
	return s
}

func (s *screen) reset() {
	s.cells = make([][]rune, s.h)
	for i := range s.cells {
		s.cells[i] = blank(s.w)
	}
	s.x, s.y, s.top, s.bot, s.pending = 0, 0, 0, s.h-1, false
}

func blank(w int) []rune {
	r := make([]rune, w)
	for i := range r {
		r[i] = ' '
	}
	return r
}

// Write feeds terminal output to the screen.
func (s *screen) Write(b []byte) (int, error) {
	s.mu.Lock()
	s.p.Parse(b)
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
	return len(b), nil
}

// resize changes the size, keeping what fits, as a terminal does.
func (s *screen) resize(w, h int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cells := make([][]rune, h)
	for y := range cells {
		cells[y] = blank(w)
		if y < len(s.cells) {
			copy(cells[y], s.cells[y])
		}
	}
	s.cells, s.w, s.h = cells, w, h
	s.top, s.bot = 0, h-1
	s.x, s.y = min(s.x, w-1), min(s.y, h-1)
}

// Text is the screen's content, one line per row, right-trimmed.
func (s *screen) Text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.text()
}

func (s *screen) text() string {
	var b strings.Builder
	for i, row := range s.cells {
		if i > 0 {
			b.WriteByte('\n')
		}
		var line strings.Builder
		for _, r := range row {
			if r != 0 {
				line.WriteRune(r)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
	}
	return b.String()
}

// snapshot returns the text and a channel closed at the next write.
func (s *screen) snapshot() (string, <-chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.text(), s.changed
}

func (s *screen) print(r rune) {
	wd := ansi.StringWidth(string(r))
	if wd < 1 {
		return
	}
	if s.pending || s.x+wd > s.w {
		if s.autowrap {
			s.x = 0
			s.lineFeed()
		} else {
			s.x = s.w - wd
		}
		s.pending = false
	}
	row := s.cells[s.y]
	if s.insert {
		copy(row[s.x+wd:], row[s.x:])
	}
	row[s.x] = r
	if wd == 2 {
		row[s.x+1] = 0
	}
	s.last = r
	s.x += wd
	if s.x >= s.w {
		s.x = s.w - 1
		s.pending = true
	}
}

func (s *screen) execute(b byte) {
	switch b {
	case '\r':
		s.x, s.pending = 0, false
	case '\n', '\v', '\f':
		s.lineFeed()
	case '\b':
		if s.x > 0 {
			s.x--
		}
		s.pending = false
	case '\t':
		s.x = min((s.x/8+1)*8, s.w-1)
	}
}

func (s *screen) lineFeed() {
	s.pending = false
	if s.y == s.bot {
		s.scrollUp(1)
		return
	}
	if s.y < s.h-1 {
		s.y++
	}
}

func (s *screen) scrollUp(n int) {
	for range n {
		copy(s.cells[s.top:s.bot], s.cells[s.top+1:s.bot+1])
		s.cells[s.bot] = blank(s.w)
	}
}

func (s *screen) scrollDown(n int) {
	for range n {
		copy(s.cells[s.top+1:s.bot+1], s.cells[s.top:s.bot])
		s.cells[s.top] = blank(s.w)
	}
}

func (s *screen) esc(cmd ansi.Cmd) {
	switch cmd.Final() {
	case '7':
		s.savedX, s.savedY = s.x, s.y
	case '8':
		s.x, s.y = s.savedX, s.savedY
	case 'M': // reverse index
		if s.y == s.top {
			s.scrollDown(1)
		} else if s.y > 0 {
			s.y--
		}
	case 'D':
		s.lineFeed()
	case 'E':
		s.x = 0
		s.lineFeed()
	case 'c':
		s.reset()
	}
}

func (s *screen) csi(cmd ansi.Cmd, params ansi.Params) {
	n := func(i, def int) int {
		v, _, _ := params.Param(i, def)
		if v == 0 {
			v = def
		}
		return v
	}
	clampX := func(x int) int { return max(0, min(x, s.w-1)) }
	clampY := func(y int) int { return max(0, min(y, s.h-1)) }
	if cmd.Prefix() == '?' {
		set := cmd.Final() == 'h'
		params.ForEach(0, func(_, p int, _ bool) {
			switch p {
			case 7:
				s.autowrap = set
			case 1049, 1047, 47:
				// Switching buffers shows a blank screen; the cursor stays.
				for y := range s.cells {
					fill(s.cells[y])
				}
			}
		})
		return
	}
	if cmd.Prefix() != 0 || cmd.Intermediate() != 0 {
		return
	}
	s.pending = false
	row := s.cells[s.y]
	switch cmd.Final() {
	case 'A':
		s.y = max(s.y-n(0, 1), 0)
	case 'B':
		s.y = clampY(s.y + n(0, 1))
	case 'C':
		s.x = clampX(s.x + n(0, 1))
	case 'D':
		s.x = clampX(s.x - n(0, 1))
	case 'E':
		s.x, s.y = 0, clampY(s.y+n(0, 1))
	case 'F':
		s.x, s.y = 0, clampY(s.y-n(0, 1))
	case 'G', '`':
		s.x = clampX(n(0, 1) - 1)
	case 'd':
		s.y = clampY(n(0, 1) - 1)
	case 'H', 'f':
		s.y, s.x = clampY(n(0, 1)-1), clampX(n(1, 1)-1)
	case 'I':
		s.x = min((s.x/8+n(0, 1))*8, s.w-1)
	case 'Z':
		s.x = max(((s.x-1)/8-(n(0, 1)-1))*8, 0)
	case 'J':
		switch v, _, _ := params.Param(0, 0); v {
		case 0:
			fill(row[s.x:])
			for y := s.y + 1; y < s.h; y++ {
				fill(s.cells[y])
			}
		case 1:
			fill(row[:s.x+1])
			for y := 0; y < s.y; y++ {
				fill(s.cells[y])
			}
		default:
			for y := range s.cells {
				fill(s.cells[y])
			}
		}
	case 'K':
		switch v, _, _ := params.Param(0, 0); v {
		case 0:
			fill(row[s.x:])
		case 1:
			fill(row[:s.x+1])
		default:
			fill(row)
		}
	case 'X':
		fill(row[s.x:min(s.x+n(0, 1), s.w)])
	case 'b':
		for range n(0, 1) {
			s.print(s.last)
		}
	case '@':
		k := min(n(0, 1), s.w-s.x)
		copy(row[s.x+k:], row[s.x:])
		fill(row[s.x : s.x+k])
	case 'P':
		k := min(n(0, 1), s.w-s.x)
		copy(row[s.x:], row[s.x+k:])
		fill(row[s.w-k:])
	case 'L', 'M':
		if s.y < s.top || s.y > s.bot {
			return
		}
		top := s.top
		s.top = s.y
		if cmd.Final() == 'L' {
			s.scrollDown(n(0, 1))
		} else {
			s.scrollUp(n(0, 1))
		}
		s.top = top
	case 'S':
		s.scrollUp(n(0, 1))
	case 'T':
		s.scrollDown(n(0, 1))
	case 'r':
		s.top, s.bot = clampY(n(0, 1)-1), clampY(n(1, s.h)-1)
		s.x, s.y = 0, 0
	case 'h', 'l':
		params.ForEach(0, func(_, p int, _ bool) {
			if p == 4 {
				s.insert = cmd.Final() == 'h'
			}
		})
	case 's':
		s.savedX, s.savedY = s.x, s.y
	case 'u':
		s.x, s.y = s.savedX, s.savedY
	}
}

func fill(r []rune) {
	for i := range r {
		r[i] = ' '
	}
}
