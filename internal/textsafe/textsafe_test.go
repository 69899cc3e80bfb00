package textsafe

import "testing"

func TestCleanRemovesWhatIsInvisible(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"张三":                              "张三",
		"张\u202e三":                        "张三", // right-to-left override
		"\u202a\u202b\u202c\u202d\u202eA": "A",
		"\u2066\u2067\u2068\u2069B":       "B", // isolates
		"\u200eC\u200f\u061c":             "C", // marks
		"D\u200b\u200c\u200d\u2060\ufeff": "D", // zero-width, BOM
		"E\u00ad":                         "E", // soft hyphen
		"F\U000e0041\U000e007f":           "F", // tags
		"\x1b[31mG\x1b[0m":                "[31mG[0m",
		" H\tI\nJ\u2028K ":                "H I J K",
		"\u3164L\u115f":                   "L",
		"Zoë Ñ 王五 ١٢٣":                    "Zoë Ñ 王五 ١٢٣", // visible text is kept, Arabic digits too
	} {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}
