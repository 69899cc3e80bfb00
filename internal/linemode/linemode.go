// Package linemode owns the questionnaire as plain lines of text, for
// screen readers, TERM=dumb and input or output that is not a terminal.
// It prints Chinese prompts with numbered options, reads one answer per
// line from a single reader for the whole run (so answers piped in all
// at once are read one by one), asks again on an empty or unclear line
// and never picks an answer by itself, and writes no escape codes.
package linemode

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/quiz"
	"github.com/tangping-dev/tangping/internal/result"
)

// Options are the questionnaire's (shared with the TUI) plus the
// streams. Set Untimed unless a person types at a terminal: piped answers
// take no time and would always look too fast.
type Options struct {
	quiz.Options
	In  io.Reader
	Out io.Writer
}

// ErrQuit is returned when the person typed q; progress is saved.
var ErrQuit = errors.New("linemode: quit")

// NotSavedError is returned instead of ErrQuit or an interruption when
// the last save of the progress failed: "every answer is saved" would be
// untrue. It deliberately does not unwrap to either.
type NotSavedError struct {
	Answered, Total int
	Lang            i18n.Lang
}

func (e *NotSavedError) Error() string {
	return e.Lang.T(
		fmt.Sprintf("已退出：已答 %d/%d 题，但最近一次保存进度失败（原因见上面的提示），最后的作答可能没有保存。请检查磁盘空间后再运行 tangping take。", e.Answered, e.Total),
		fmt.Sprintf("stopped: %d of %d answered, but the last save of the progress failed (see the warning above), so the latest answers may not be kept. Check the disk space and run tangping take again.", e.Answered, e.Total))
}

// EndOfInputError is returned when the input ends before the
// questionnaire does. Every answer read has been saved.
type EndOfInputError struct {
	Answered, Total int
	Next            int // 1-based question the input stopped at; 0 at the final prompt
	Lang            i18n.Lang
	// Unsaved is true when the last save failed (a full disk): the
	// message must not say that everything is saved.
	Unsaved bool
}

func (e *EndOfInputError) Error() string {
	if e.Unsaved {
		return e.Lang.T(
			fmt.Sprintf("输入结束了：已答 %d/%d 题，但最近一次保存进度失败（原因见上面的提示），最后的作答可能没有保存。请检查磁盘空间后再运行 tangping take。", e.Answered, e.Total),
			fmt.Sprintf("the input ended: %d of %d answered, but the last save of the progress failed (see the warning above), so the latest answers may not be kept. Check the disk space and run tangping take again.", e.Answered, e.Total))
	}
	if e.Next == 0 {
		return e.Lang.T(
			fmt.Sprintf("输入在提交前就结束了：已答 %d/%d 题，都已保存。要带着未答的题提交，请在输入的最后加一行 y；再次运行 tangping take 可以接着作答。", e.Answered, e.Total),
			fmt.Sprintf("the input ended before submitting: %d of %d answered, all saved. To submit with questions unanswered, end the input with a line y; run tangping take again to carry on.", e.Answered, e.Total))
	}
	return e.Lang.T(
		fmt.Sprintf("输入在第 %d 题前就结束了：已答 %d/%d 题，都已保存。再次运行 tangping take 会从这里接着作答。", e.Next, e.Answered, e.Total),
		fmt.Sprintf("the input ended at question %d: %d of %d answered, all saved. Run tangping take again to carry on from there.", e.Next, e.Answered, e.Total))
}

type run struct {
	o     Options
	l     i18n.Lang
	w     io.Writer
	lines <-chan string // nil after end of input
	ctx   context.Context
	q     *quiz.Session
	items []bank.Item
}

// Run takes the person through the questionnaire and returns the
// submitted result and where Submit saved it.
func Run(ctx context.Context, o Options) (*result.Result, string, error) {
	q := quiz.New(o.Options)
	r := &run{o: o, l: q.Lang(), w: o.Out, ctx: ctx, q: q, items: q.Items(), lines: readLines(o.In)}
	r.intro()
	if q.CanResume() {
		q.Resume()
		r.printf(r.l.T("继续上次的作答：已答 %d/%d 题。要从头开始，请加上 --fresh。\n", "Carrying on from last time: %d of %d answered. Add --fresh to start over.\n"),
			q.Answered(), len(r.items))
	}
	if err := r.questions(); err != nil {
		if q.SaveErr() != nil && (errors.Is(err, ErrQuit) || errors.Is(err, context.Canceled)) {
			err = &NotSavedError{Answered: q.Answered(), Total: len(r.items), Lang: r.l}
		}
		return nil, "", err
	}
	res, savedTo, err := q.Submit()
	if err != nil {
		return nil, "", err
	}
	r.summary(res, savedTo)
	return res, savedTo, nil
}

// readLines reads the whole input through one scanner, so nothing that
// arrives in one read is lost between questions.
func readLines(in io.Reader) <-chan string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(in)
		for sc.Scan() {
			ch <- strings.TrimRight(sc.Text(), "\r")
		}
	}()
	return ch
}

// errEOF ends the run when the input is used up.
var errEOF = errors.New("end of input")

// read returns the next line, errEOF at the end of input, or the
// context's error when the person pressed Ctrl+C.
func (r *run) read() (string, error) {
	select {
	case <-r.ctx.Done():
		r.printf("\n")
		return "", r.ctx.Err()
	case s, ok := <-r.lines:
		if !ok {
			return "", errEOF
		}
		return s, nil
	}
}

func (r *run) printf(format string, args ...any) {
	fmt.Fprintf(r.w, format, args...)
}

// saved warns when the operation's save failed; the answer is kept in
// memory and the next save tries again.
func (r *run) saved(err error) {
	if err != nil {
		r.printf(r.l.T("注意：进度未能保存（%v）。\n", "Warning: progress was not saved (%v).\n"), err)
	}
}

func (r *run) endOfInput(next int) error {
	r.say("\n")
	return &EndOfInputError{Answered: r.q.Answered(), Total: len(r.items), Next: next, Lang: r.l, Unsaved: r.q.SaveErr() != nil}
}

// normalize maps full-width digits and letters (typed with a Chinese
// input method on) to ASCII and trims spaces.
func normalize(s string) string {
	var b strings.Builder
	for _, c := range strings.TrimSpace(s) {
		if c >= '！' && c <= '～' {
			c = c - '！' + '!'
		}
		b.WriteRune(c)
	}
	return strings.ToLower(strings.TrimSpace(b.String()))
}

func (r *run) say(s string) { io.WriteString(r.w, s) }
