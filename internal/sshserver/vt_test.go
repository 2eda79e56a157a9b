package sshserver

import (
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// screen is a small terminal emulator for the tests: it applies what the
// server sends (text, cursor movement, erasing, scrolling, the sequences
// Bubble Tea's renderer uses for an xterm) to a grid of cells, so that
// tests assert on what a user would see, not on the byte stream (the
// renderer writes only the cells that changed).
type screen struct {
	mu        sync.Mutex
	w, h      int
	cells     [][]string
	x, y      int
	wrapNext  bool
	top, bot  int
	savedX    int
	savedY    int
	parser    *ansi.Parser
	pending   []byte
	bytes     int64
	lastWrite time.Time
	changed   chan struct{} // signalled (non-blocking) after each write
}

func newScreen(w, h int) *screen {
	s := &screen{w: w, h: h, parser: ansi.NewParser(), changed: make(chan struct{}, 1)}
	s.parser.SetParamsSize(32)
	s.parser.SetDataSize(4096)
	s.reset()
	return s
}

func (s *screen) reset() {
	s.cells = make([][]string, s.h)
	for i := range s.cells {
		s.cells[i] = blankRow(s.w)
	}
	s.x, s.y, s.top, s.bot, s.wrapNext = 0, 0, 0, s.h-1, false
}

func blankRow(w int) []string {
	r := make([]string, w)
	for i := range r {
		r[i] = " "
	}
	return r
}

// Write feeds bytes from the server.
func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	s.bytes += int64(len(p))
	s.lastWrite = time.Now()
	s.pending = append(s.pending, p...)
	s.process()
	s.mu.Unlock()
	select {
	case s.changed <- struct{}{}:
	default:
	}
	return len(p), nil
}

func (s *screen) process() {
	b := s.pending
	for len(b) > 0 {
		if b[0] >= 0x80 && !utf8.FullRune(b) {
			break
		}
		seq, width, n, st := ansi.DecodeSequence(b, 0, s.parser)
		if n == 0 {
			break
		}
		if st != ansi.NormalState && n == len(b) {
			break // an incomplete sequence: wait for the rest
		}
		b = b[n:]
		switch {
		case width > 0:
			s.put(string(seq), width)
		case len(seq) == 1 && seq[0] < 0x20:
			s.control(seq[0])
		case len(seq) > 1 && seq[0] == 0x1b && seq[1] == '[':
			s.csi(ansi.Cmd(s.parser.Command()))
		case len(seq) == 2 && seq[0] == 0x1b:
			s.esc(seq[1])
		}
	}
	s.pending = append(s.pending[:0], b...)
}

func (s *screen) put(g string, width int) {
	if s.wrapNext {
		s.x, s.wrapNext = 0, false
		s.lineFeed()
	}
	if s.x+width > s.w {
		s.x = 0
		s.lineFeed()
	}
	s.cells[s.y][s.x] = g
	for i := 1; i < width && s.x+i < s.w; i++ {
		s.cells[s.y][s.x+i] = ""
	}
	s.x += width
	if s.x >= s.w {
		s.x, s.wrapNext = s.w-1, true
	}
}

func (s *screen) control(c byte) {
	switch c {
	case '\r':
		s.x, s.wrapNext = 0, false
	case '\n', 0x0b, 0x0c:
		s.wrapNext = false
		s.lineFeed()
	case '\b':
		s.x, s.wrapNext = max(s.x-1, 0), false
	case '\t':
		s.x = min((s.x/8+1)*8, s.w-1)
	}
}

func (s *screen) lineFeed() {
	if s.y == s.bot {
		s.scrollUp(1)
	} else if s.y < s.h-1 {
		s.y++
	}
}

func (s *screen) scrollUp(n int) {
	for range n {
		copy(s.cells[s.top:s.bot], s.cells[s.top+1:s.bot+1])
		s.cells[s.bot] = blankRow(s.w)
	}
}

func (s *screen) scrollDown(n int) {
	for range n {
		copy(s.cells[s.top+1:s.bot+1], s.cells[s.top:s.bot])
		s.cells[s.top] = blankRow(s.w)
	}
}

func (s *screen) esc(c byte) {
	switch c {
	case 'M':
		if s.y == s.top {
			s.scrollDown(1)
		} else {
			s.y = max(s.y-1, 0)
		}
	case 'D':
		s.lineFeed()
	case 'E':
		s.x = 0
		s.lineFeed()
	case '7':
		s.savedX, s.savedY = s.x, s.y
	case '8':
		s.x, s.y = s.savedX, s.savedY
	case 'c':
		s.reset()
	}
}

func (s *screen) param(i, def int) int {
	v, _ := s.parser.Param(i, def)
	if v == 0 && def != 0 {
		return def
	}
	return v
}

func (s *screen) csi(cmd ansi.Cmd) {
	if cmd.Prefix() == '?' {
		if cmd.Final() == 'h' || cmd.Final() == 'l' {
			if m, _ := s.parser.Param(0, 0); m == 1049 || m == 47 || m == 1047 {
				s.reset()
			}
		}
		return
	}
	if cmd.Prefix() != 0 || cmd.Intermediate() != 0 {
		return
	}
	clampX := func(x int) int { return min(max(x, 0), s.w-1) }
	clampY := func(y int) int { return min(max(y, 0), s.h-1) }
	switch cmd.Final() {
	case 'A':
		s.y = max(s.y-s.param(0, 1), 0)
	case 'B':
		s.y = clampY(s.y + s.param(0, 1))
	case 'C':
		s.x = clampX(s.x + s.param(0, 1))
	case 'D':
		s.x = clampX(s.x - s.param(0, 1))
	case 'E':
		s.x, s.y = 0, clampY(s.y+s.param(0, 1))
	case 'F':
		s.x, s.y = 0, clampY(s.y-s.param(0, 1))
	case 'G', '`':
		s.x = clampX(s.param(0, 1) - 1)
	case 'd':
		s.y = clampY(s.param(0, 1) - 1)
	case 'H', 'f':
		s.y, s.x = clampY(s.param(0, 1)-1), clampX(s.param(1, 1)-1)
	case 'I':
		for range s.param(0, 1) {
			s.x = min((s.x/8+1)*8, s.w-1)
		}
	case 'Z':
		for range s.param(0, 1) {
			s.x = max((s.x-1)/8*8, 0)
		}
	case 'J':
		switch s.param(0, 0) {
		case 0:
			s.eraseLine(s.y, s.x, s.w)
			for y := s.y + 1; y < s.h; y++ {
				s.cells[y] = blankRow(s.w)
			}
		case 1:
			s.eraseLine(s.y, 0, s.x+1)
			for y := 0; y < s.y; y++ {
				s.cells[y] = blankRow(s.w)
			}
		case 2, 3:
			for y := range s.cells {
				s.cells[y] = blankRow(s.w)
			}
		}
	case 'K':
		switch s.param(0, 0) {
		case 0:
			s.eraseLine(s.y, s.x, s.w)
		case 1:
			s.eraseLine(s.y, 0, s.x+1)
		case 2:
			s.eraseLine(s.y, 0, s.w)
		}
	case 'X':
		s.eraseLine(s.y, s.x, min(s.x+s.param(0, 1), s.w))
	case '@':
		n := min(s.param(0, 1), s.w-s.x)
		row := s.cells[s.y]
		copy(row[s.x+n:], row[s.x:s.w-n])
		for i := s.x; i < s.x+n; i++ {
			row[i] = " "
		}
	case 'P':
		n := min(s.param(0, 1), s.w-s.x)
		row := s.cells[s.y]
		copy(row[s.x:], row[s.x+n:])
		for i := s.w - n; i < s.w; i++ {
			row[i] = " "
		}
	case 'L':
		if s.y >= s.top && s.y <= s.bot {
			top := s.top
			s.top = s.y
			s.scrollDown(s.param(0, 1))
			s.top = top
		}
	case 'M':
		if s.y >= s.top && s.y <= s.bot {
			top := s.top
			s.top = s.y
			s.scrollUp(s.param(0, 1))
			s.top = top
		}
	case 'S':
		s.scrollUp(s.param(0, 1))
	case 'T':
		s.scrollDown(s.param(0, 1))
	case 'r':
		top, bot := s.param(0, 1)-1, s.param(1, s.h)-1
		if top < bot && bot < s.h {
			s.top, s.bot = top, bot
		} else {
			s.top, s.bot = 0, s.h-1
		}
		s.x, s.y = 0, 0
	case 'b':
		if s.x > 0 {
			g := s.cells[s.y][s.x-1]
			for range s.param(0, 1) {
				s.put(g, 1)
			}
		}
	}
	s.wrapNext = false
}

func (s *screen) eraseLine(y, from, to int) {
	for x := max(from, 0); x < min(to, s.w); x++ {
		s.cells[y][x] = " "
	}
}

// text is the screen as lines of text.
func (s *screen) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	for _, row := range s.cells {
		b.WriteString(strings.TrimRight(strings.Join(row, ""), " "))
		b.WriteByte('\n')
	}
	return b.String()
}

func (s *screen) contains(texts ...string) bool {
	t := s.text()
	for _, x := range texts {
		if !strings.Contains(t, x) {
			return false
		}
	}
	return true
}

func (s *screen) byteCount() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bytes
}
