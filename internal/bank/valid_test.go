package bank_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/testkit"
)

const smallBank = "testdata/valid-small.yaml"

// TestOverridesLoaded: every cut point and threshold the small bank sets
// is what the loaded bank holds (values as written in the YAML).
func TestOverridesLoaded(t *testing.T) {
	t.Parallel()
	b, err := bank.Load(smallBank, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	s := b.Scoring
	if s.MinAnswered != 0.75 {
		t.Errorf("min_answered = %g, want 0.75", s.MinAnswered)
	}
	if !slices.Equal(s.BehaviourBands.Cuts, []float64{20, 40, 60, 80}) || len(s.BehaviourBands.Labels) != 5 {
		t.Errorf("behaviour bands = %v with %d labels, want [20 40 60 80] with 5", s.BehaviourBands.Cuts, len(s.BehaviourBands.Labels))
	}
	if f := s.BehaviourBands.FlagAt; f == nil || *f != 40 {
		t.Errorf("flag_at = %v, want 40", f)
	}
	if !slices.Equal(s.DimensionBands.Cuts, []float64{30, 70}) || s.DimensionBands.Labels[2].In(i18n.EN) != "high" {
		t.Errorf("dimension bands = %+v, want cuts [30 70], third label high", s.DimensionBands)
	}
	// The thresholds become the equivalent rules, and only the rules stay.
	want := []bank.Rule{{Check: "im_count", AtLeast: 3}, {Check: "inconsistent_pairs", Difference: 3, AtLeast: 1},
		{Check: "longest_run", AtLeast: 8}, {Check: "median_ms", Below: 2000}}
	if !slices.Equal(b.Validity.Rules, want) || b.Validity.Thresholds != nil {
		t.Errorf("rules = %+v, thresholds %+v; want %+v and none", b.Validity.Rules, b.Validity.Thresholds, want)
	}
	if len(b.Items) != 15 || len(b.Validity.Pairs) != 2 || b.Version != "0.1.0" {
		t.Errorf("%d items, %d pairs, version %q; want 15, 2, 0.1.0", len(b.Items), len(b.Validity.Pairs), b.Version)
	}
	if it, _ := b.Item("I03"); it.Keyed != bank.KeyedActive || it.Behaviour != "BA" || it.Text.In(i18n.ZH) != "题三" {
		t.Errorf("item I03 = %+v", it)
	}
}

// TestDefaultsFilled: a bank that leaves the settings out gets the
// contract's defaults (docs/architecture.md), and DefaultCuts hands out copies.
func TestDefaultsFilled(t *testing.T) {
	t.Parallel()
	data := readSmall(t)
	data = cut(t, data, "  min_answered: 0.75\n")
	data = cut(t, data, "    cuts: [20, 40, 60, 80]\n    flag_at: 40\n")
	data = cut(t, data, "      - {zh: \"五\", en: \"five\"}\n")
	data = cut(t, data, "  thresholds:\n    im_count: 3\n    pair_difference: 3\n    inconsistent_pairs: 1\n    longest_run: 8\n    median_ms: 2000\n")
	data = strings.Replace(data, "cuts: [30, 70]", "cuts: [25, 50, 75]", 1)
	data = strings.Replace(data, "      - {zh: \"高\", en: \"high\"}\n", "      - {zh: \"高\", en: \"high\"}\n      - {zh: \"很高\", en: \"very high\"}\n", 1)
	b, err := bank.Parse("defaults.yaml", []byte(data), i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	s := b.Scoring
	if s.MinAnswered != 0.8 || !slices.Equal(s.BehaviourBands.Cuts, []float64{25, 50, 75}) || *s.BehaviourBands.FlagAt != 50 {
		t.Errorf("scoring = %+v, want min 0.8, cuts [25 50 75], flag at 50", s)
	}
	want := []bank.Rule{{Check: "im_count", AtLeast: 4}, {Check: "inconsistent_pairs", Difference: 2, AtLeast: 2},
		{Check: "longest_run", AtLeast: 10}, {Check: "median_ms", Below: 1500}}
	if !slices.Equal(b.Validity.Rules, want) {
		t.Errorf("rules = %+v, want the 1.0.0 defaults %+v", b.Validity.Rules, want)
	}
	s.BehaviourBands.Cuts[0] = 99
	if bank.DefaultCuts()[0] != 25 {
		t.Error("changing a bank's cuts changed the defaults")
	}
}

// TestVersionKeptAsWritten: "version: 1.0" is a YAML number; the bank's
// version (copied into every result) must still read "1.0", not "1".
func TestVersionKeptAsWritten(t *testing.T) {
	t.Parallel()
	for _, v := range []string{"1.0", "1.10", "2", "1.0.0"} {
		data := strings.Replace(readSmall(t), "version: 0.1.0", "version: "+v, 1)
		b, err := bank.Parse("v.yaml", []byte(data), i18n.EN)
		if err != nil {
			t.Fatal(err)
		}
		if b.Version != v {
			t.Errorf("version: %s loaded as %q", v, b.Version)
		}
	}
}

func TestSHA256OfFileBytes(t *testing.T) {
	t.Parallel()
	b, err := bank.Load(smallBank, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	// sha256sum testdata/valid-small.yaml
	const want = "479a34f6332199608840ff7d8d4e042df50f630b7f8822bfb82c870a5ef1ea4b"
	if b.SHA256 != want || b.File != smallBank {
		t.Errorf("sha256 %s file %s, want %s %s", b.SHA256, b.File, want, smallBank)
	}
}

func readSmall(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.FromSlash(smallBank))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func cut(t *testing.T, s, part string) string {
	t.Helper()
	if !strings.Contains(s, part) {
		t.Fatalf("valid-small.yaml lacks %q", part)
	}
	return strings.Replace(s, part, "", 1)
}

// TestByteOrderMark: Notepad and WPS on Windows start a UTF-8 file with a
// byte-order mark. The bank loads as without it; its sha256 stays that of
// the file's bytes as they are, mark included.
func TestByteOrderMark(t *testing.T) {
	t.Parallel()
	data := append([]byte("\xEF\xBB\xBF"), readSmall(t)...)
	b, err := bank.Parse("bom.yaml", data, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	// printf '\xEF\xBB\xBF' | cat - testdata/valid-small.yaml | sha256sum
	const want = "847f56b01f9dc42d66c4ee7aec9711a2ab9ff041db731c92be47a3841647b8f3"
	if b.SHA256 != want || len(b.Items) == 0 {
		t.Errorf("sha256 %s with %d items, want %s", b.SHA256, len(b.Items), want)
	}
}

// TestNotUTF8: a bank saved as GBK ("ANSI" on a Chinese Windows) is
// refused at the first byte that is not UTF-8, with how to save it again.
func TestNotUTF8(t *testing.T) {
	t.Parallel()
	data := []byte("id: small\ntitle: {zh: \"\xD7\xD4\xB2\xE9\"}\n")
	_, err := bank.Parse("gbk.yaml", data, i18n.ZH)
	testkit.Problems(t, err, testkit.At(2, 14, "不是 UTF-8 编码"))
}
