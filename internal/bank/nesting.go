package bank

import "unicode/utf8"

// maxNesting bounds how deeply a bank's flow collections ([…], {…}) may
// nest. The YAML parser's time and memory grow with the square of that
// depth (50,000 levels in a 100 KB file took 23 s and 3.9 GB), and a
// bank needs a few levels, so deeper files are refused before parsing.
const maxNesting = 64

// tooDeep returns the position (line and column in characters, from 1)
// of the first flow collection opened more than maxNesting deep, or 0, 0.
// It follows YAML's indicators closely enough for that: brackets in
// quoted scalars and comments do not count, nor do brackets inside plain
// text outside a flow collection.
func tooDeep(data []byte) (int, int) {
	depth, line, col := 0, 1, 0
	var quote rune     // '"' or '\'' inside a quoted scalar
	comment := false   // inside a comment, until the end of the line
	prev := rune('\n') // the last non-blank character outside quotes, '\n' at a line's start
	blank := true      // the previous character was blank (a comment needs one)
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		i += n
		col++
		if r == '\n' {
			line, col, comment, blank = line+1, 0, false, true
			if quote == 0 {
				prev = '\n'
			}
			continue
		}
		start := prev == '\n' || prev == ':' || prev == '-' || prev == '?' || prev == ',' || prev == '[' || prev == '{'
		switch {
		case comment:
		case quote == '"':
			switch r {
			case '\\':
				if i < len(data) { // skip the escaped character
					_, m := utf8.DecodeRune(data[i:])
					i += m
					col++
				}
			case '"':
				quote, prev = 0, r
			}
		case quote == '\'':
			if r == '\'' {
				if i < len(data) && data[i] == '\'' { // '' is a quote
					i++
					col++
				} else {
					quote, prev = 0, r
				}
			}
		case r == '#' && blank:
			comment = true
		case r == ' ' || r == '\t' || r == '\r':
		case (r == '"' || r == '\'') && start:
			quote = r
		case (r == '[' || r == '{') && (depth > 0 || start):
			depth++
			if depth > maxNesting {
				return line, col
			}
			prev = r
		case (r == ']' || r == '}') && depth > 0:
			depth--
			prev = r
		default:
			prev = r
		}
		blank = r == ' ' || r == '\t' || r == '\r'
	}
	return 0, 0
}
