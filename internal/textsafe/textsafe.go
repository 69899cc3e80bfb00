// Package textsafe cleans text a person typed before anyone else's screen
// or report shows it: names, units and roles travel from a participant to
// the trainer's files. It removes what is invisible but changes what is
// shown: bidirectional controls (U+202A–202E, U+2066–2069, U+200E/F,
// U+061C) reorder the text around them, so a name could display as
// something else; other format characters (zero-width spaces and
// joiners, U+FEFF, soft hyphens, tags), control characters (a terminal's
// escape sequences), line or paragraph separators, and the few letters
// that draw nothing (Hangul fillers and the like).
package textsafe

import (
	"strings"
	"unicode"
)

// blank are letters and marks that draw nothing, outside the categories
// removed whole.
var blank = map[rune]bool{
	'\u034F': true,                                                 // combining grapheme joiner
	'\u115F': true, '\u1160': true, '\u3164': true, '\uFFA0': true, // Hangul fillers
	'\u17B4': true, '\u17B5': true, // Khmer inherent vowels
}

// Clean returns s without invisible format and control characters, with
// tabs and line breaks as spaces, trimmed.
func Clean(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || unicode.In(r, unicode.Zl, unicode.Zp):
			return ' '
		case unicode.In(r, unicode.Cc, unicode.Cf) || blank[r]:
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}
