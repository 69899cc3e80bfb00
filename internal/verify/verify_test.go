package verify_test

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/group/synth"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/testkit"
	"github.com/tangping-dev/tangping/internal/verify"
)

func verifier(lang i18n.Lang) *verify.Verifier {
	return &verify.Verifier{Banks: bank.NewRegistry(lang), Lang: lang}
}

// TestScoredResultsVerify: what the engine writes, read back, verifies.
func TestScoredResultsVerify(t *testing.T) {
	t.Parallel()
	b := testkit.DefaultBank(t)
	v := verifier(i18n.ZH)
	g := synth.New(b, 1)
	for range 200 {
		r := g.Next()
		data, err := result.Encode(&r)
		if err != nil {
			t.Fatal(err)
		}
		got, gb, err := v.Decode("r.json", data)
		if err != nil {
			t.Fatalf("a freshly scored result does not verify: %v", err)
		}
		if gb.SHA256 != b.SHA256 || got.Unverified {
			t.Fatalf("verified against %s, unverified=%v", gb.SHA256, got.Unverified)
		}
	}
}

// TestEveryFigureIsChecked changes each stored figure of a result, one at
// a time, and expects each change to be refused, naming what changed.
func TestEveryFigureIsChecked(t *testing.T) {
	t.Parallel()
	b := testkit.DefaultBank(t)
	r := synth.New(b, 2).Next()
	one := func(x int) *int { return &x }
	num := func(x float64) *float64 { return &x }
	edits := map[string]func(r *result.Result){
		"D1 score":         func(r *result.Result) { r.Dimensions[0].Score = num(*r.Dimensions[0].Score + 0.5) },
		"D1 null score":    func(r *result.Result) { r.Dimensions[0].Score, r.Dimensions[0].Band = nil, nil },
		"D2 band":          func(r *result.Result) { r.Dimensions[1].Band = one(*r.Dimensions[1].Band%4 + 1) },
		"D3 label":         func(r *result.Result) { r.Dimensions[2].BandLabel += "!" },
		"D4 name":          func(r *result.Result) { r.Dimensions[3].Name = "x" },
		"D5 answered":      func(r *result.Result) { r.Dimensions[4].Answered++ },
		"D6 items":         func(r *result.Result) { r.Dimensions[5].Items++ },
		"B01 flagged":      func(r *result.Result) { r.Behaviours[0].Flagged = !r.Behaviours[0].Flagged },
		"B02 score":        func(r *result.Result) { r.Behaviours[1].Score = num(0) },
		"B03 band":         func(r *result.Result) { r.Behaviours[2].Band = one(1 << 40) },
		"dimension twice":  func(r *result.Result) { r.Dimensions = append(r.Dimensions, r.Dimensions[0]) },
		"dimension gone":   func(r *result.Result) { r.Dimensions = r.Dimensions[1:] },
		"behaviours order": func(r *result.Result) { r.Behaviours[0], r.Behaviours[1] = r.Behaviours[1], r.Behaviours[0] },
		"flags":            func(r *result.Result) { r.Validity.Flags = append(r.Validity.Flags, "too_fast") },
		"im_count":         func(r *result.Result) { r.Validity.IMCount++ },
		"pairs":            func(r *result.Result) { r.Validity.InconsistentPairs++ },
		"run":              func(r *result.Result) { r.Validity.LongestRun++ },
		"median":           func(r *result.Result) { r.Validity.MedianMS = num(1) },
		"recs":             func(r *result.Result) { r.Recommendations = r.Recommendations[:len(r.Recommendations)-1] },
		"rec text":         func(r *result.Result) { r.Recommendations[0].Text = "好好干" },
		"answer":           func(r *result.Result) { r.Answers[5].Value = one((*r.Answers[5].Value + 2) % 5) },
		"time":             func(r *result.Result) { r.Answers[5].MS = nil; r.Answers[6].MS = nil; r.Answers[7].MS = nil },
		"unknown item":     func(r *result.Result) { r.Answers = append(r.Answers, result.Answer{Item: "Q99", Value: one(1)}) },
		"item twice":       func(r *result.Result) { r.Answers = append(r.Answers, r.Answers[0]) },
		"item missing":     func(r *result.Result) { r.Answers = r.Answers[1:] },
		"item order":       func(r *result.Result) { r.Answers[0], r.Answers[1] = r.Answers[1], r.Answers[0] },
		"version":          func(r *result.Result) { r.Instrument.Version = "1.0.1" },
		"bank id":          func(r *result.Result) { r.Instrument.ID = "other" },
		"sha":              func(r *result.Result) { r.Instrument.SHA256 = strings.Repeat("ab", 32) },
	}
	v := verifier(i18n.EN)
	for name, edit := range edits {
		var c result.Result
		data, _ := json.Marshal(r)
		if err := json.Unmarshal(data, &c); err != nil {
			t.Fatal(err)
		}
		edit(&c)
		data, _ = result.Encode(&c)
		if _, _, err := v.Decode("r.json", data); err == nil {
			t.Errorf("%s: the edited result verified", name)
		} else if !strings.HasPrefix(err.Error(), "r.json") {
			t.Errorf("%s: the message does not name the file: %v", name, err)
		}
	}
}

// TestUnverifiedIsMarked: without the bank, a result is read only when
// asked, and then marked; the marker in a file is never believed.
func TestUnverifiedIsMarked(t *testing.T) {
	t.Parallel()
	b := testkit.DefaultBank(t)
	r := synth.New(b, 3).Next()
	r.Instrument.SHA256 = strings.Repeat("0", 64)
	r.Unverified = false
	data, _ := result.Encode(&r)
	v := verifier(i18n.EN)
	_, _, err := v.Decode("r.json", data)
	var nb *verify.NoBankError
	if err == nil || !strings.Contains(err.Error(), "--bank") || !strings.Contains(err.Error(), "--unverified") {
		t.Fatalf("got %v", err)
	}
	if !errors.As(err, &nb) {
		t.Errorf("not a NoBankError: %T", err)
	}
	v.AllowUnverified = true
	got, gb, err := v.Decode("r.json", data)
	if err != nil || gb != nil || !got.Unverified {
		t.Errorf("--unverified: %v, bank %v, marked %v", err, gb, got != nil && got.Unverified)
	}
	// A file that says "unverified": true of a result that verifies is
	// verified all the same.
	ok := synth.New(b, 3).Next()
	ok.Unverified = true
	data, _ = result.Encode(&ok)
	got, _, err = v.Decode("r.json", data)
	if err != nil || got.Unverified {
		t.Errorf("a stored marker was believed: %v %v", err, got.Unverified)
	}
}

// TestResultsOfReleasedBanksVerify: results written by tangping before
// verification existed (testdata/released: synthetic results with answer
// times and flags, and `score` outputs in both languages) verify with
// today's engine. A change to internal/score that alters the figures of
// a released bank fails here: old results would stop verifying
// (docs/verification.md).
func TestResultsOfReleasedBanksVerify(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("testdata/released/*.json")
	if err != nil || len(files) < 10 {
		t.Fatalf("testdata: %v, %d files", err, len(files))
	}
	v := verifier(i18n.EN)
	for _, f := range files {
		if _, _, err := v.Read(f); err != nil {
			t.Errorf("%v", err)
		}
	}
}
