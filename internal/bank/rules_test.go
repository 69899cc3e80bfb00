package bank_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/testkit"
)

const (
	smallThresholds = "  thresholds:\n    im_count: 3\n    pair_difference: 3\n    inconsistent_pairs: 1\n    longest_run: 8\n    median_ms: 2000\n"
)

// withRules is the small bank with its thresholds replaced by rules.
func withRules(t *testing.T, rules string) string {
	t.Helper()
	return strings.Replace(readSmall(t), smallThresholds, "  rules:\n"+rules, 1)
}

// lineOf is the 1-based line of the first line of s holding part.
func lineOf(t *testing.T, s, part string) int {
	t.Helper()
	i := strings.Index(s, part)
	if i < 0 {
		t.Fatalf("no %q in the bank", part)
	}
	return strings.Count(s[:i], "\n") + 1
}

// TestRulesLoaded: rules as written are what the loaded bank holds, in
// their order; thresholds are gone.
func TestRulesLoaded(t *testing.T) {
	t.Parallel()
	data := withRules(t, "    - {check: longest_run, at_least: 6}\n    - {check: inconsistent_pairs, difference: 4, at_least: 2}\n")
	b, err := bank.Parse("rules.yaml", []byte(data), i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	want := []bank.Rule{{Check: "longest_run", AtLeast: 6}, {Check: "inconsistent_pairs", Difference: 4, AtLeast: 2}}
	if !slices.Equal(b.Validity.Rules, want) || b.Validity.Thresholds != nil {
		t.Errorf("rules %+v thresholds %+v, want %+v and none", b.Validity.Rules, b.Validity.Thresholds, want)
	}
	if _, ok := b.Validity.Rule("im_count"); ok {
		t.Error("a bank without an im_count rule has one after loading")
	}
	// Notes are needed only for the flags the rules can raise.
	data = strings.Replace(data, "    impression_management: {zh: \"偏理想化\", en: \"Idealised\"}\n", "", 1)
	if _, err := bank.Parse("rules.yaml", []byte(data), i18n.EN); err != nil {
		t.Errorf("a bank without an im_count rule needs its note: %v", err)
	}
}

// TestBrokenRules: every mistake in a rule is reported where it stands,
// with what to write instead.
func TestBrokenRules(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, rules, at, phrase string
	}{
		{"unknown check", "    - {check: longest_rum, at_least: 6}\n", "longest_rum", `unknown check "longest_rum"; did you mean "longest_run"?`},
		{"no check", "    - {at_least: 6}\n", "at_least: 6", "the rule has no check"},
		{"twice", "    - {check: im_count, at_least: 2}\n    - {check: im_count, at_least: 3}\n", "at_least: 3", "check im_count already appears in validity.rules[0]"},
		{"too many IM", "    - {check: im_count, at_least: 5}\n", "at_least: 5", "im_count: at_least must lie between 1 and 4 (the number of impression-management items); it is 5"},
		{"no difference", "    - {check: inconsistent_pairs, at_least: 1}\n", "inconsistent_pairs", "inconsistent_pairs: difference must lie between 1 and 4"},
		{"too many pairs", "    - {check: inconsistent_pairs, difference: 2, at_least: 3}\n", "at_least: 3", "at_least must lie between 1 and 2 (the number of consistency pairs); it is 3"},
		{"below on a count", "    - {check: longest_run, at_least: 6, below: 3}\n", "below: 3", "check longest_run takes no below; remove it"},
		{"at_least on time", "    - {check: median_ms, at_least: 3}\n", "median_ms", "median_ms: below must lie between 1 and 600000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := withRules(t, tc.rules)
			_, err := bank.Parse("rules.yaml", []byte(data), i18n.EN)
			de := testkit.Diag(t, err)
			found := false
			for _, p := range de.Problems {
				found = found || (strings.Contains(p.Msg, tc.phrase) && p.Line == lineOf(t, data, tc.at))
			}
			if !found {
				t.Errorf("want %q on line %d; got %v", tc.phrase, lineOf(t, data, tc.at), err)
			}
		})
	}
	// Thresholds and rules together: which one counts would be a guess.
	data := strings.Replace(readSmall(t), smallThresholds, smallThresholds+"  rules:\n    - {check: longest_run, at_least: 6}\n", 1)
	_, err := bank.Parse("both.yaml", []byte(data), i18n.EN)
	testkit.Problems(t, err, testkit.At(lineOf(t, data, "rules:")+1, 5, "validity may give thresholds or rules, not both"))
}

// TestBrokenCauses: a cause class must name real behaviours and
// dimensions, have prompts, and say when it shows.
func TestBrokenCauses(t *testing.T) {
	t.Parallel()
	good := "causes:\n  - id: c1\n    title: {zh: \"甲\", en: \"A\"}\n    explains: [BA, DB]\n    when: flagged\n    prompts: [{zh: \"问\", en: \"Q\"}]\n    pointer: {zh: \"方向\", en: \"Pointer\"}\n"
	b, err := bank.Parse("causes.yaml", []byte(readSmall(t)+good), i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Causes) != 1 || b.Causes[0].When != "flagged" || !slices.Equal(b.Causes[0].Explains, []string{"BA", "DB"}) {
		t.Errorf("causes = %+v", b.Causes)
	}
	for _, tc := range []struct{ from, to, phrase string }{
		{"[BA, DB]", "[BA, BX]", `cause class c1 refers to unknown behaviour or dimension "BX"`},
		{"when: flagged", "when: sometimes", `when must be always (always listed) or flagged`},
		{"    prompts: [{zh: \"问\", en: \"Q\"}]\n", "", "cause class c1 has no prompts"},
		{"explains: [BA, DB]", "explains: []", "explains nothing, so it would never be shown"},
		{"en: \"Pointer\"", "fr: \"x\"", `causes[0].pointer has no text in language "en"`},
	} {
		data := readSmall(t) + strings.Replace(good, tc.from, tc.to, 1)
		_, err := bank.Parse("causes.yaml", []byte(data), i18n.EN)
		if err == nil || !strings.Contains(err.Error(), tc.phrase) {
			t.Errorf("%s → %s: want %q, got %v", tc.from, tc.to, tc.phrase, err)
		}
	}
}
