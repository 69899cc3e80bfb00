// Package verify owns the rule that no stored figure is believed: a
// result's scores, bands, labels, flags, validity figures, names and
// recommendations are recomputed from its answers with its bank (found by
// the sha256 the result names) through the one scoring engine, and must
// equal what the file says (docs/verification.md). It sits above result
// and score, which know nothing of each other's checks.
package verify

import (
	"fmt"
	"io/fs"
	"math"
	"slices"
	"strconv"
	"sync"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/score"
)

// Verifier reads results and checks them against their banks.
type Verifier struct {
	// Banks finds a result's bank by its sha256.
	Banks *bank.Registry
	// AllowUnverified reads a result whose bank cannot be found, marked
	// Unverified, instead of refusing it. A result whose bank is found
	// is always verified.
	AllowUnverified bool
	// Lang is the language of messages.
	Lang i18n.Lang

	mu       sync.Mutex
	engines  map[*bank.Bank]*score.Engine // one scoring engine per bank found
	decoders sync.Pool                    // *result.Decoder, reused across files
	bufs     diag.Buffers
}

// engine is the scoring engine of b, made once per bank: group verifies
// thousands of results of one bank (docs/performance.md).
func (v *Verifier) engine(b *bank.Bank) *score.Engine {
	v.mu.Lock()
	defer v.mu.Unlock()
	e, ok := v.engines[b]
	if !ok {
		if v.engines == nil {
			v.engines = map[*bank.Bank]*score.Engine{}
		}
		e = score.New(b)
		v.engines[b] = e
	}
	return e
}

// Read reads the result file at path (a regular file) and verifies it.
// The bank is nil when the result is unverified.
func (v *Verifier) Read(path string) (r *result.Result, b *bank.Bank, err error) {
	err = v.bufs.ReadRegular(path, result.MaxFileSize, v.Lang, func(data []byte, _ fs.FileInfo) error {
		r, b, err = v.Decode(path, data)
		return err
	})
	return r, b, err
}

// Decode decodes and verifies a result document named name.
func (v *Verifier) Decode(name string, data []byte) (*result.Result, *bank.Bank, error) {
	d, _ := v.decoders.Get().(*result.Decoder)
	if d == nil {
		d = result.NewDecoder()
	}
	r, err := d.Decode(name, data, v.Lang)
	v.decoders.Put(d)
	if err != nil {
		return nil, nil, err
	}
	b, err := v.Check(name, r)
	if err != nil {
		return nil, nil, err
	}
	return r, b, nil
}

// Check verifies a decoded result named name and returns its bank. When
// the bank is not found it fails, or with AllowUnverified marks r
// Unverified and returns a nil bank. Errors are *diag.Error: bad input.
func (v *Verifier) Check(name string, r *result.Result) (*bank.Bank, error) {
	l := v.Lang
	r.Unverified = false
	in := r.Instrument
	b, err := v.Banks.Find(in.SHA256)
	if err != nil {
		return nil, diag.Wrap(name, l.T(
			fmt.Sprintf("评分时所用的题库（sha256 %s）找到了，但无法读取：%v", short(in.SHA256), err),
			fmt.Sprintf("the bank it was scored with (sha256 %s) was found but cannot be read: %v", short(in.SHA256), err)), err)
	}
	if b == nil {
		if v.AllowUnverified {
			r.Unverified = true
			return nil, nil
		}
		return nil, &NoBankError{File: name, Instrument: in, Searched: v.Banks.Searched(), Lang: l}
	}
	if msg := against(v.engine(b), r, l); msg != "" {
		return nil, &MismatchError{File: name, Detail: msg, Lang: l}
	}
	return b, nil
}

// MismatchError is a result whose stored figures are not those its
// answers give. Detail names the first difference with both figures: one
// person's scores, for their own report or the trainer's terminal, never
// for a report others see (Summary; docs/privacy.md).
type MismatchError struct {
	File   string
	Detail string
	Lang   i18n.Lang
}

func (e *MismatchError) Error() string { return e.diag().Error() }

// Unwrap makes the error a *diag.Error to errors.As: bad input, exit 2.
func (e *MismatchError) Unwrap() error { return e.diag() }

func (e *MismatchError) diag() *diag.Error {
	return diag.New(e.File, e.Detail+e.Lang.T(
		"。结果文件中的得分、区间和提示都必须能由作答重新算出；这份文件可能被手工改动过。请用 tangping take 或 score 重新生成。",
		". Every score, band and flag in a result must follow from its answers; this file may have been edited by hand. Generate it again with tangping take or score."))
}

// Summary says what failed without any figure.
func (e *MismatchError) Summary() string {
	return e.Lang.T("存下的得分、区间或提示与作答算出的不符，这份文件可能被手工改动过（详情只显示在生成报告的终端上）",
		"its stored scores, bands or flags differ from what its answers give; it may have been edited by hand (details only on the terminal that made this report)")
}

// NoBankError is a result whose bank is in none of the places searched.
type NoBankError struct {
	File       string
	Instrument result.Instrument
	Searched   string
	Lang       i18n.Lang
}

func (e *NoBankError) Error() string {
	return e.diag().Error()
}

// Unwrap makes the error a *diag.Error to errors.As: bad input, exit 2,
// and one reason line in a group report.
func (e *NoBankError) Unwrap() error { return e.diag() }

func (e *NoBankError) diag() *diag.Error {
	in, l := e.Instrument, e.Lang
	return diag.New(e.File, l.T(
		fmt.Sprintf("找不到评分时所用的题库 %s %s（sha256 %s），已查找：%s。无法核对其中的得分。请用 --bank 指定当初作答时使用的题库文件（或用 --banks 指定存放题库的目录）；也可以加 --unverified 不经核对地读取，输出会标明“未核对”。",
			in.ID, in.Version, short(in.SHA256), e.Searched),
		fmt.Sprintf("cannot find the bank it was scored with, %s %s (sha256 %s); searched %s. Its figures cannot be checked. Name the bank file used at the time with --bank (or a folder of banks with --banks), or add --unverified to read it unchecked; every output then says \"unverified\".",
			in.ID, in.Version, short(in.SHA256), e.Searched)))
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12] + "…"
	}
	return h
}

// Against recomputes r from its answers with b, the bank its sha256
// names, and returns the first difference in words, or "" when every
// figure is as stored.
func Against(b *bank.Bank, r *result.Result, l i18n.Lang) string {
	return against(score.New(b), r, l)
}

func against(e *score.Engine, r *result.Result, l i18n.Lang) string {
	b := e.Bank()
	if msg := instrument(b, r, l); msg != "" {
		return msg
	}
	if msg := answers(b, r, l); msg != "" {
		return msg
	}
	// answers holds every item once, in the bank's order: position i is
	// b.Items[i]. Small banks score from arrays on the stack.
	var vb [128]int
	var mb [128]int64
	vals, ms := vb[:0], mb[:0]
	for _, a := range r.Answers {
		x, t := score.Unanswered, int64(score.NoTime)
		if a.Value != nil {
			x = *a.Value
		}
		if a.MS != nil {
			t = *a.MS
		}
		vals, ms = append(vals, x), append(ms, t)
	}
	var fresh result.Result
	e.Figures(&fresh, vals, ms, i18n.Lang(r.Lang))
	var sb, fb [64]row
	if msg := scales(l, "维度", "dimension", dimRows(sb[:0], r.Dimensions), dimRows(fb[:0], fresh.Dimensions)); msg != "" {
		return msg
	}
	if msg := scales(l, "表现", "behaviour", behRows(sb[:0], r.Behaviours), behRows(fb[:0], fresh.Behaviours)); msg != "" {
		return msg
	}
	if msg := validity(l, r.Validity, fresh.Validity); msg != "" {
		return msg
	}
	return recommendations(l, r.Recommendations, fresh.Recommendations)
}

// Input is the scoring input a result was made from: its answers and
// times, in its language, with its id, respondent and times.
func Input(r *result.Result) score.Input {
	in := score.Input{
		ID: r.ID, Lang: i18n.Lang(r.Lang), Respondent: r.Respondent,
		StartedAt: r.StartedAt, CompletedAt: r.CompletedAt,
		Answers: make(map[string]int, len(r.Answers)),
	}
	for _, a := range r.Answers {
		if a.Value != nil {
			in.Answers[a.Item] = *a.Value
		}
		if a.MS != nil {
			if in.MS == nil {
				in.MS = make(map[string]int64, len(r.Answers))
			}
			in.MS[a.Item] = *a.MS
		}
	}
	return in
}

func instrument(b *bank.Bank, r *result.Result, l i18n.Lang) string {
	in := r.Instrument
	if in.ID != b.ID || in.Version != b.Version {
		return l.T(
			fmt.Sprintf("instrument 写的是 %s %s，但它的 sha256 是题库 %s %s（%s）的", in.ID, in.Version, b.ID, b.Version, b.File),
			fmt.Sprintf("instrument says %s %s, but its sha256 is that of bank %s %s (%s)", in.ID, in.Version, b.ID, b.Version, b.File))
	}
	return ""
}

// answers checks that the result lists every item of the bank once, in
// the bank's order, as every tangping writes it.
func answers(b *bank.Bank, r *result.Result, l i18n.Lang) string {
	if len(r.Answers) == len(b.Items) {
		same := true
		for i, it := range b.Items {
			if r.Answers[i].Item != it.ID {
				same = false
				break
			}
		}
		if same {
			return "" // as written: no maps needed to say what is wrong
		}
	}
	inBank := make(map[string]bool, len(b.Items))
	for _, it := range b.Items {
		inBank[it.ID] = true
	}
	listed := make(map[string]bool, len(r.Answers))
	for _, a := range r.Answers {
		if !inBank[a.Item] {
			return l.T(fmt.Sprintf("answers 中有题目 %s，但题库 %s %s 中没有这道题", a.Item, b.ID, b.Version),
				fmt.Sprintf("answers holds item %s, which bank %s %s does not have", a.Item, b.ID, b.Version))
		}
		if listed[a.Item] {
			return l.T(fmt.Sprintf("题目 %s 在 answers 中出现了不止一次", a.Item), fmt.Sprintf("item %s is listed more than once in answers", a.Item))
		}
		listed[a.Item] = true
	}
	for i, it := range b.Items {
		if !listed[it.ID] {
			return l.T(fmt.Sprintf("answers 中缺少题目 %s（未作答的题也应列出，value 为 null）", it.ID),
				fmt.Sprintf("answers lacks item %s (an unanswered item is listed with value null)", it.ID))
		}
		if r.Answers[i].Item != it.ID {
			return l.T(fmt.Sprintf("answers 的顺序与题库不同：第 %d 项应为 %s，现在是 %s", i+1, it.ID, r.Answers[i].Item),
				fmt.Sprintf("answers are not in the bank's order: entry %d should be %s, not %s", i+1, it.ID, r.Answers[i].Item))
		}
	}
	return ""
}

// row is a dimension or a behaviour, for comparing both with one loop.
type row struct {
	id, name, label string
	score           *float64
	band            *int
	flagged         bool
	answered, items int
}

func dimRows(out []row, ds []result.Dimension) []row {
	for _, d := range ds {
		out = append(out, row{d.ID, d.Name, d.BandLabel, d.Score, d.Band, false, d.Answered, d.Items})
	}
	return out
}

func behRows(out []row, bs []result.Behaviour) []row {
	for _, b := range bs {
		out = append(out, row{b.ID, b.Name, b.BandLabel, b.Score, b.Band, b.Flagged, b.Answered, b.Items})
	}
	return out
}

func scales(l i18n.Lang, kindZH, kindEN string, stored, fresh []row) string {
	for i := range min(len(stored), len(fresh)) {
		s, f := stored[i], fresh[i]
		if s.id != f.id {
			for _, x := range stored[:i] {
				if x.id == s.id {
					return l.T(fmt.Sprintf("%s %s 列了不止一次", kindZH, s.id), fmt.Sprintf("%s %s is listed more than once", kindEN, s.id))
				}
			}
			return l.T(fmt.Sprintf("第 %d 个%s是 %s，按题库应为 %s", i+1, kindZH, s.id, f.id),
				fmt.Sprintf("%s %d is %s; the bank has %s there", kindEN, i+1, s.id, f.id))
		}
		if !sameScore(s.score, f.score) {
			a, b := scoreText(s.score, f.score, l)
			return l.T(fmt.Sprintf("%s 存的是 %s，按作答应为 %s", s.id, a, b), fmt.Sprintf("%s is stored as %s but the answers give %s", s.id, a, b))
		}
		diff := func(field string, got, want any) string {
			return l.T(fmt.Sprintf("%s 的 %s 存的是 %v，按作答应为 %v", s.id, field, got, want),
				fmt.Sprintf("%s: %s is stored as %v but the answers give %v", s.id, field, got, want))
		}
		switch {
		case !sameInt(s.band, f.band):
			return diff("band", intText(s.band, l), intText(f.band, l))
		case s.label != f.label:
			return diff("band_label", strconv.Quote(s.label), strconv.Quote(f.label))
		case s.flagged != f.flagged:
			return diff("flagged", s.flagged, f.flagged)
		case s.answered != f.answered:
			return diff("answered", s.answered, f.answered)
		case s.items != f.items:
			return diff("items", s.items, f.items)
		case s.name != f.name:
			return diff("name", strconv.Quote(s.name), strconv.Quote(f.name))
		}
	}
	if len(stored) > len(fresh) {
		extra := stored[len(fresh)]
		for _, x := range stored[:len(fresh)] {
			if x.id == extra.id {
				return l.T(fmt.Sprintf("%s %s 列了不止一次", kindZH, extra.id), fmt.Sprintf("%s %s is listed more than once", kindEN, extra.id))
			}
		}
		return l.T(fmt.Sprintf("多出%s %s：题库中没有它", kindZH, extra.id), fmt.Sprintf("extra %s %s, which the bank does not have", kindEN, extra.id))
	}
	if len(stored) < len(fresh) {
		return l.T(fmt.Sprintf("缺少%s %s", kindZH, fresh[len(stored)].id), fmt.Sprintf("%s %s is missing", kindEN, fresh[len(stored)].id))
	}
	return ""
}

func validity(l i18n.Lang, s, f result.Validity) string {
	if !slices.Equal(s.Flags, f.Flags) {
		return l.T(fmt.Sprintf("validity.flags 存的是 %v，按作答应为 %v", s.Flags, f.Flags),
			fmt.Sprintf("validity.flags is stored as %v but the answers give %v", s.Flags, f.Flags))
	}
	for _, c := range []struct {
		field     string
		got, want int
	}{{"im_count", s.IMCount, f.IMCount}, {"inconsistent_pairs", s.InconsistentPairs, f.InconsistentPairs}, {"longest_run", s.LongestRun, f.LongestRun}} {
		if c.got != c.want {
			return l.T(fmt.Sprintf("validity.%s 存的是 %d，按作答应为 %d", c.field, c.got, c.want),
				fmt.Sprintf("validity.%s is stored as %d but the answers give %d", c.field, c.got, c.want))
		}
	}
	if !sameScore(s.MedianMS, f.MedianMS) {
		a, b := scoreText(s.MedianMS, f.MedianMS, l)
		return l.T(fmt.Sprintf("validity.median_ms 存的是 %s，按作答用时应为 %s", a, b),
			fmt.Sprintf("validity.median_ms is stored as %s but the answer times give %s", a, b))
	}
	return ""
}

func recommendations(l i18n.Lang, s, f []result.Recommendation) string {
	for i := range min(len(s), len(f)) {
		if s[i] != f[i] {
			return l.T(fmt.Sprintf("recommendations 第 %d 条存的是 %s「%s」，按作答应为 %s「%s」", i+1, s[i].For, s[i].Text, f[i].For, f[i].Text),
				fmt.Sprintf("recommendation %d is stored as %s %q but the answers give %s %q", i+1, s[i].For, s[i].Text, f[i].For, f[i].Text))
		}
	}
	if len(s) != len(f) {
		return l.T(fmt.Sprintf("recommendations 存了 %d 条，按作答应为 %d 条", len(s), len(f)),
			fmt.Sprintf("recommendations holds %d measures but the answers give %d", len(s), len(f)))
	}
	return ""
}

// sameScore compares two stored figures. JSON carries a float64 exactly,
// so only a rounding in the last place is forgiven.
func sameScore(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return math.Abs(*a-*b) <= 1e-9*math.Max(1, math.Abs(*b))
}

// scoreText shows two different figures with as many decimals as it takes
// to tell them apart: "10.0" and "83.3", or "83.33" and "83.34".
func scoreText(a, b *float64, l i18n.Lang) (string, string) {
	if a == nil || b == nil {
		return floatText(a, 1, l), floatText(b, 1, l)
	}
	for prec := 1; prec < 17; prec++ {
		x, y := floatText(a, prec, l), floatText(b, prec, l)
		if x != y {
			return x, y
		}
	}
	return strconv.FormatFloat(*a, 'g', -1, 64), strconv.FormatFloat(*b, 'g', -1, 64)
}

func floatText(x *float64, prec int, l i18n.Lang) string {
	if x == nil {
		return l.T("空（未计分）", "null (unscored)")
	}
	return strconv.FormatFloat(*x, 'f', prec, 64)
}

func sameInt(a, b *int) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func intText(x *int, l i18n.Lang) string {
	if x == nil {
		return l.T("空", "null")
	}
	return strconv.Itoa(*x)
}
