// Package diag owns the shape of input errors: what is wrong, in which
// file, at which line and column. Loaders of banks, answers files and
// result files all report through it, so every message reads alike.
package diag

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"
)

// Problem is one thing wrong with a file. Line is 0 when the problem is
// about the file as a whole.
type Problem struct {
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
	Msg  string `json:"message"`
}

// Error lists every problem found in one file. Its message has one
// "file:line:col: what is wrong" line per problem, sorted by position.
type Error struct {
	File     string
	Problems []Problem
	Cause    error // what went wrong underneath (a permission error, say); may be nil
}

// New returns an Error with one problem about the file as a whole.
func New(file, msg string) *Error {
	return &Error{File: file, Problems: []Problem{{Msg: msg}}}
}

// Wrap is New for a problem that has an underlying error: the message
// says what it means, errors.Is and errors.As still see it.
func Wrap(file, msg string, cause error) *Error {
	e := New(file, msg)
	e.Cause = cause
	return e
}

// Unwrap returns the underlying error, if any.
func (e *Error) Unwrap() error { return e.Cause }

// Because returns an error that reads msg and unwraps to cause: for a
// message that already says, in the person's words, what cause means.
func Because(msg string, cause error) error { return &because{msg, cause} }

type because struct {
	msg   string
	cause error
}

func (b *because) Error() string { return b.msg }
func (b *because) Unwrap() error { return b.cause }

// At returns an Error with one problem at line and col.
func At(file string, line, col int, msg string) *Error {
	return &Error{File: file, Problems: []Problem{{Line: line, Col: col, Msg: msg}}}
}

// Add records one more problem.
func (e *Error) Add(line, col int, msg string) {
	e.Problems = append(e.Problems, Problem{Line: line, Col: col, Msg: msg})
}

// OrNil returns e sorted when it holds problems, and nil otherwise.
func (e *Error) OrNil() error {
	if len(e.Problems) == 0 {
		return nil
	}
	sort.SliceStable(e.Problems, func(i, j int) bool {
		a, b := e.Problems[i], e.Problems[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return e
}

func (e *Error) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		if p.Line > 0 {
			fmt.Fprintf(&b, "%s:%d:%d: %s", e.File, p.Line, p.Col, p.Msg)
		} else {
			fmt.Fprintf(&b, "%s: %s", e.File, p.Msg)
		}
	}
	return b.String()
}

// LineCol converts a byte offset in data into a 1-based line and a
// 1-based column counted in characters, as editors show them.
func LineCol(data []byte, offset int64) (int, int) {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	if offset < 0 {
		offset = 0
	}
	before := data[:offset]
	line := bytes.Count(before, []byte{'\n'}) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

// JSONErrorPos returns the line and column of a JSON syntax error, or 0, 0
// for other errors. encoding/json counts the offending character as read,
// so the position is moved back onto it; a cut-off file is reported at
// its end.
func JSONErrorPos(data []byte, err error) (int, int) {
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return 0, 0
	}
	if JSONTruncated(data) {
		return LineCol(data, int64(len(data)))
	}
	return LineCol(data, max(se.Offset-1, 0))
}

// JSONTruncated reports whether data is a JSON document cut off before
// its end (or nothing but white space). json.Unmarshal says so only in
// its message; the decoder says it with a typed io.ErrUnexpectedEOF
// (io.EOF when there is no value at all), so no message is matched.
func JSONTruncated(data []byte) bool {
	err := json.NewDecoder(bytes.NewReader(data)).Decode(new(json.RawMessage))
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

// JSONKeys walks a JSON document and returns the byte offset at which each
// object key starts, keyed by its dotted path ("answers.Q01",
// "behaviours[2].score"). It stops quietly at the first syntax error;
// callers report syntax errors separately.
func JSONKeys(data []byte) map[string]int64 {
	out := map[string]int64{}
	dec := json.NewDecoder(bytes.NewReader(data))
	type frame struct {
		path    string
		isObj   bool
		index   int
		wantKey bool
	}
	var stack []frame
	child := func() string {
		if len(stack) == 0 {
			return ""
		}
		top := &stack[len(stack)-1]
		if top.isObj {
			return top.path
		}
		p := fmt.Sprintf("%s[%d]", top.path, top.index)
		top.index++
		return p
	}
	var pendingKey string
	for {
		before := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		if len(stack) > 0 && stack[len(stack)-1].isObj && stack[len(stack)-1].wantKey {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				stack = stack[:len(stack)-1]
				continue
			}
			key, _ := tok.(string)
			top := &stack[len(stack)-1]
			pendingKey = joinKey(top.path, key)
			// InputOffset before the token sits on the preceding comma
			// or brace; skip to the key's opening quote.
			off := before
			for off < int64(len(data)) && data[off] != '"' {
				off++
			}
			out[pendingKey] = off
			top.wantKey = false
			continue
		}
		path := pendingKey
		if len(stack) > 0 && !stack[len(stack)-1].isObj {
			path = child()
		}
		if len(stack) > 0 && stack[len(stack)-1].isObj {
			stack[len(stack)-1].wantKey = true
		}
		switch d := tok.(type) {
		case json.Delim:
			switch d {
			case '{':
				stack = append(stack, frame{path: path, isObj: true, wantKey: true})
			case '[':
				stack = append(stack, frame{path: path})
			case ']', '}':
				stack = stack[:len(stack)-1]
				if len(stack) > 0 && stack[len(stack)-1].isObj {
					stack[len(stack)-1].wantKey = true
				}
			}
		}
	}
}

func joinKey(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
