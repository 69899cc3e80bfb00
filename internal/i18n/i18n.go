// Package i18n owns the interface language: how it is chosen and how a
// string pair is picked. Bank text lives in the bank; this package only
// carries the language of the program's own messages.
package i18n

import "strings"

// Lang is an interface language code as used in banks and results.
type Lang string

// The languages tangping speaks. Chinese comes first and is the fallback.
const (
	ZH Lang = "zh"
	EN Lang = "en"
)

// Parse turns a user-given code such as "zh", "zh_CN.UTF-8" or "en-GB"
// into a Lang. ok is false when the code names neither language.
func Parse(code string) (Lang, bool) {
	c := strings.ToLower(strings.TrimSpace(code))
	switch {
	case strings.HasPrefix(c, "zh"):
		return ZH, true
	case strings.HasPrefix(c, "en"):
		return EN, true
	}
	return ZH, false
}

// Detect picks the language: the flag value if given, else LC_ALL, else
// LC_MESSAGES, else LANG, falling back to Chinese. getenv is injected so
// that SSH sessions can pass the client's environment.
func Detect(flag string, getenv func(string) string) Lang {
	if flag != "" {
		l, _ := Parse(flag)
		return l
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			if l, ok := Parse(v); ok {
				return l
			}
			// POSIX: the first variable that is set wins, even when it
			// names a locale we do not speak (C, POSIX, fr_FR...).
			return ZH
		}
	}
	return ZH
}

// T picks the Chinese or the English text.
func (l Lang) T(zh, en string) string {
	if l == EN {
		return en
	}
	return zh
}
