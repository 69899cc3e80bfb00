package i18n_test

import (
	"testing"

	"github.com/tangping-dev/tangping/internal/i18n"
)

func TestDetect(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		flag string
		env  map[string]string
		want i18n.Lang
	}{
		{"nothing set", "", nil, i18n.ZH},
		{"LANG English", "", map[string]string{"LANG": "en_US.UTF-8"}, i18n.EN},
		{"LANG Chinese", "", map[string]string{"LANG": "zh_CN.UTF-8"}, i18n.ZH},
		{"LC_ALL beats LANG", "", map[string]string{"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, i18n.ZH},
		{"LC_ALL English beats LANG", "", map[string]string{"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, i18n.EN},
		{"LC_MESSAGES beats LANG", "", map[string]string{"LC_MESSAGES": "en_US", "LANG": "zh_CN"}, i18n.EN},
		{"LC_ALL beats LC_MESSAGES", "", map[string]string{"LC_ALL": "zh_TW", "LC_MESSAGES": "en_US"}, i18n.ZH},
		// POSIX: the first variable set wins, even naming a locale we
		// do not speak; then we fall back to Chinese.
		{"LC_ALL=C hides LANG", "", map[string]string{"LC_ALL": "C", "LANG": "en_US.UTF-8"}, i18n.ZH},
		{"French", "", map[string]string{"LANG": "fr_FR.UTF-8"}, i18n.ZH},
		{"empty LC_ALL is unset", "", map[string]string{"LC_ALL": "", "LANG": "en_US.UTF-8"}, i18n.EN},
		{"flag beats everything", "en", map[string]string{"LC_ALL": "zh_CN.UTF-8"}, i18n.EN},
		{"flag zh", "zh", map[string]string{"LANG": "en_US.UTF-8"}, i18n.ZH},
		{"flag with region", "en-GB", nil, i18n.EN},
	} {
		got := i18n.Detect(tc.flag, func(k string) string { return tc.env[k] })
		if got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestParse(t *testing.T) {
	t.Parallel()
	for code, want := range map[string]struct {
		lang i18n.Lang
		ok   bool
	}{
		"zh": {i18n.ZH, true}, "ZH_cn.utf8": {i18n.ZH, true}, " en ": {i18n.EN, true}, "en_US.UTF-8": {i18n.EN, true},
		"fr": {i18n.ZH, false}, "": {i18n.ZH, false}, "C": {i18n.ZH, false},
	} {
		l, ok := i18n.Parse(code)
		if l != want.lang || ok != want.ok {
			t.Errorf("Parse(%q) = %s, %v; want %s, %v", code, l, ok, want.lang, want.ok)
		}
	}
}

func TestT(t *testing.T) {
	t.Parallel()
	if i18n.ZH.T("中", "en") != "中" || i18n.EN.T("中", "en") != "en" || i18n.Lang("").T("中", "en") != "中" {
		t.Error("T picks the wrong text")
	}
}
