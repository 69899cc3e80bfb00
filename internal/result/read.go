package result

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/i18n"
)

// MaxFileSize bounds a result file; a real one is under 20 KiB.
const MaxFileSize = 4 << 20

// Required lists the top-level fields every result document must hold.
var Required = []string{
	"schema_version", "id", "instrument", "lang", "respondent", "started_at",
	"completed_at", "answers", "behaviours", "dimensions", "validity", "recommendations",
}

// Read reads and checks the result file at path.
func Read(path string, lang i18n.Lang) (*Result, error) {
	data, err := diag.ReadFile(path, MaxFileSize, lang)
	if err != nil {
		return nil, err
	}
	return Decode(path, data, lang)
}

// Decode checks and decodes a result document. When the data is not a
// result it says what it looks like instead: an answers file, a bank, a
// truncated file, a newer tangping's result.
func Decode(name string, data []byte, lang i18n.Lang) (*Result, error) {
	return decode(nil, name, data, lang)
}

func decode(d *Decoder, name string, data []byte, lang i18n.Lang) (*Result, error) {
	fail := func(line, col int, zh, en string) (*Result, error) {
		return nil, diag.At(name, line, col, lang.T(zh, en))
	}
	data, err := diag.Text(name, data, lang)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fail(0, 0, "文件是空的，不是结果文件。", "the file is empty; it is not a result file.")
	}
	if r, ok := fastDecode(d, name, data, lang); ok {
		return r, nil
	}
	return decodeCareful(name, data, lang)
}

// decodeCareful decodes with encoding/json and says exactly what is wrong
// with a document that is not a current result.
func decodeCareful(name string, data []byte, lang i18n.Lang) (*Result, error) {
	fail := func(line, col int, zh, en string) (*Result, error) {
		return nil, diag.At(name, line, col, lang.T(zh, en))
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &te):
			return fail(0, 0, "这是 JSON，但不是 tangping 结果文件（结果应当是一个对象 {…}）。",
				"this is JSON but not a tangping result (a result is an object {...}).")
		case diag.JSONTruncated(data):
			l, c := diag.LineCol(data, int64(len(data)))
			return fail(l, c, "文件不完整：JSON 在这里被截断了。文件可能在复制或保存时中断，请找回完整的文件。",
				"the file is incomplete: the JSON is cut off here. It may have been interrupted while copying or saving; find the whole file.")
		case errors.As(err, &se):
			l, c := diag.JSONErrorPos(data, err)
			return fail(l, c, "不是有效的 JSON（"+err.Error()+"），不是 tangping 结果文件。",
				"not valid JSON ("+err.Error()+"); this is not a tangping result file.")
		}
		return fail(0, 0, "不是有效的 JSON："+err.Error(), "not valid JSON: "+err.Error())
	}
	if top == nil {
		return fail(0, 0, "这是 JSON null，不是 tangping 结果文件。", "this is JSON null, not a tangping result.")
	}
	raw, ok := top["schema_version"]
	if !ok {
		return fail(0, 0, whatInstead(top, lang), whatInstead(top, i18n.EN))
	}
	var ver int
	if err := json.Unmarshal(raw, &ver); err != nil {
		return fail(0, 0, "schema_version 应当是整数。", "schema_version must be a whole number.")
	}
	if ver > SchemaVersion {
		return fail(0, 0, fmt.Sprintf("这是较新版本 tangping 写的结果（schema_version %d，本程序只认识 %d）。请升级 tangping 后再打开。", ver, SchemaVersion),
			fmt.Sprintf("this result was written by a newer tangping (schema_version %d; this one reads %d). Upgrade tangping to open it.", ver, SchemaVersion))
	}
	if ver != SchemaVersion {
		return fail(0, 0, fmt.Sprintf("不支持的 schema_version %d（本程序只认识 %d）。", ver, SchemaVersion),
			fmt.Sprintf("unsupported schema_version %d (this tangping reads %d).", ver, SchemaVersion))
	}
	var missing []string
	for _, k := range Required {
		if v, ok := top[k]; !ok || string(v) == "null" {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		return fail(0, 0, "结果文件缺少必需字段："+strings.Join(missing, ", ")+"。文件可能被手工改动过；请用 tangping take 或 score 重新生成。",
			"the result lacks required fields: "+strings.Join(missing, ", ")+". It may have been edited by hand; generate it again with tangping take or score.")
	}
	var r Result
	if err := json.Unmarshal(data, &r); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			// Offset lies after the bad value; the key, when it can be
			// found, is where a person looks.
			off, ok := diag.JSONKeys(data)[te.Field]
			if !ok {
				off = te.Offset
			}
			l, c := diag.LineCol(data, off)
			return fail(l, c, fmt.Sprintf("字段 %s 的类型不对（应为 %s）。", te.Field, te.Type), fmt.Sprintf("field %s has the wrong type (want %s).", te.Field, te.Type))
		}
		var pe *time.ParseError
		if errors.As(err, &pe) {
			return fail(0, 0, "started_at 或 completed_at 不是 RFC 3339 时间（例如 \"2026-05-01T09:30:00+08:00\"）："+strconv.Quote(pe.Value)+"。文件可能被手工改动过。",
				"started_at or completed_at is not an RFC 3339 time (e.g. \"2026-05-01T09:30:00+08:00\"): "+strconv.Quote(pe.Value)+". The file may have been edited by hand.")
		}
		return fail(0, 0, "无法解析结果："+err.Error(), "cannot decode the result: "+err.Error())
	}
	if err := r.check(name, data, lang); err != nil {
		return nil, err
	}
	return &r, nil
}

// whatInstead names what a JSON object without schema_version looks like.
func whatInstead(top map[string]json.RawMessage, lang i18n.Lang) string {
	has := func(k string) bool { _, ok := top[k]; return ok }
	switch {
	case has("answers") && !has("behaviours"):
		return lang.T("这是一个答卷文件，不是结果。请先评分：tangping score --answers 该文件 --out result.json",
			"this is an answers file, not a result. Score it first: tangping score --answers FILE --out result.json")
	case has("min_group") || (has("skipped") && has("dimensions")):
		// Before the bank case: a group report has items and
		// behaviours too.
		return lang.T("这是一份团体报告（tangping group 的输出），不是个人结果。",
			"this is a group report (output of tangping group), not a personal result.")
	case has("items") && has("behaviours"):
		return lang.T("这是一个题库，不是结果。查看题库请用 tangping bank show。",
			"this is a question bank, not a result. Use tangping bank show to read it.")
	}
	if len(top) == 0 {
		return lang.T("这是一个空的 JSON 对象 {}，不是 tangping 结果文件。", "this is an empty JSON object {}, not a tangping result.")
	}
	keys := make([]string, 0, len(top))
	for k := range top {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) > 6 {
		keys = append(keys[:6], "…")
	}
	return lang.T("这不是 tangping 结果文件（缺少 schema_version；含有字段 "+strings.Join(keys, ", ")+"）。",
		"this is not a tangping result (no schema_version; it has fields "+strings.Join(keys, ", ")+").")
}

// Structural bounds on a result, whatever its bank. A verified result is
// bounded by its bank (docs/verification.md); these keep a result that
// cannot be verified from making a reader's memory grow.
const (
	MaxAnswers  = 1000 // items of a bank
	MaxScales   = 200  // dimensions, and behaviours
	MaxBand     = 1000 // bands of a score
	MaxFlags    = 64   // validity flags raised
	MaxRecs     = 2000 // recommendations
	sha256Chars = 64
)

// check rejects values that no tangping ever writes. Each problem stands
// at its key. It is the part of reading that needs no bank: figures are
// checked against the answers by internal/verify.
func (r *Result) check(name string, data []byte, lang i18n.Lang) error {
	e := &diag.Error{File: name}
	var keys map[string]int64
	bad := func(path, zh, en string) {
		if len(e.Problems) >= 20 {
			return // a broken file would list every line
		}
		l, c := 0, 0
		if keys == nil {
			keys = diag.JSONKeys(data)
		}
		if off, ok := keys[path]; ok {
			l, c = diag.LineCol(data, off)
		}
		e.Add(l, c, lang.T(zh, en))
	}
	if r.ID == "" {
		// group counts each id once: results without one would all
		// count as duplicates of the first.
		bad("id", "id 是空的：每份结果都有一个随机 id。文件可能被手工改动过；请用 tangping take 或 score 重新生成。",
			"id is empty: every result has a random id. It may have been edited by hand; generate it again with tangping take or score.")
	}
	if r.Instrument.ID == "" || r.Instrument.Version == "" {
		bad("instrument", "instrument 缺少 id 或 version。", "instrument lacks id or version.")
	}
	if !isSHA256(r.Instrument.SHA256) {
		bad("instrument.sha256", "instrument.sha256 应当是 64 位十六进制数（题库文件的 sha256），现在是 "+strconv.Quote(r.Instrument.SHA256)+"。",
			"instrument.sha256 must be 64 hex digits (the bank file's sha256), not "+strconv.Quote(r.Instrument.SHA256)+".")
	}
	tooMany := func(path string, n, limit int) bool {
		if n > limit {
			bad(path, fmt.Sprintf("%s 有 %d 项，超过上限 %d。", path, n, limit), fmt.Sprintf("%s has %d entries, over the limit of %d.", path, n, limit))
			return true
		}
		return false
	}
	if tooMany("answers", len(r.Answers), MaxAnswers) || tooMany("dimensions", len(r.Dimensions), MaxScales) ||
		tooMany("behaviours", len(r.Behaviours), MaxScales) || tooMany("validity.flags", len(r.Validity.Flags), MaxFlags) ||
		tooMany("recommendations", len(r.Recommendations), MaxRecs) {
		return e.OrNil()
	}
	items := make(map[string]bool, len(r.Answers))
	for i, a := range r.Answers {
		if items[a.Item] {
			bad(fmt.Sprintf("answers[%d].item", i), fmt.Sprintf("题目 %s 在 answers 中出现了不止一次。", a.Item), fmt.Sprintf("item %s is listed more than once in answers.", a.Item))
		}
		items[a.Item] = true
		if a.Value != nil && (*a.Value < 0 || *a.Value > 4) {
			bad(fmt.Sprintf("answers[%d].value", i), fmt.Sprintf("题目 %s 的答案 %d 超出 0–4。", a.Item, *a.Value), fmt.Sprintf("item %s has answer %d, outside 0–4.", a.Item, *a.Value))
		}
		if a.MS != nil && *a.MS < 0 {
			bad(fmt.Sprintf("answers[%d].ms", i), fmt.Sprintf("题目 %s 的用时是负数。", a.Item), fmt.Sprintf("item %s has a negative time.", a.Item))
		}
	}
	scale := func(list string, i int, kindZH, kindEN, id string, s *float64, band *int) {
		path := func() string { return fmt.Sprintf("%s[%d]", list, i) }
		if s != nil && (*s < 0 || *s > 100) {
			bad(path()+".score", fmt.Sprintf("%s %s 的得分 %g 超出 0–100。", kindZH, id, *s), fmt.Sprintf("%s %s has score %g, outside 0–100.", kindEN, id, *s))
		}
		if band != nil && (*band < 1 || *band > MaxBand) {
			bad(path()+".band", fmt.Sprintf("%s %s 的区间 %d 超出 1–%d。", kindZH, id, *band, MaxBand), fmt.Sprintf("%s %s has band %d, outside 1–%d.", kindEN, id, *band, MaxBand))
		}
		if (s == nil) != (band == nil) {
			bad(path()+".band", fmt.Sprintf("%s %s 的得分和区间须同时有或同时为 null。", kindZH, id), fmt.Sprintf("%s %s must have both a score and a band, or neither.", kindEN, id))
		}
	}
	ids := make(map[string]bool, len(r.Dimensions)+len(r.Behaviours))
	once := func(list string, i int, kindZH, kindEN, id string) {
		if ids[id] {
			bad(fmt.Sprintf("%s[%d].id", list, i), fmt.Sprintf("%s %s 列了不止一次。", kindZH, id), fmt.Sprintf("%s %s is listed more than once.", kindEN, id))
		}
		ids[id] = true
	}
	for i, d := range r.Dimensions {
		once("dimensions", i, "维度", "dimension", d.ID)
		scale("dimensions", i, "维度", "dimension", d.ID, d.Score, d.Band)
	}
	for i, b := range r.Behaviours {
		once("behaviours", i, "表现", "behaviour", b.ID)
		scale("behaviours", i, "表现", "behaviour", b.ID, b.Score, b.Band)
	}
	v := r.Validity
	if v.MedianMS != nil && *v.MedianMS < 0 {
		bad("validity.median_ms", "validity.median_ms 是负数。", "validity.median_ms is negative.")
	}
	if r.Validity.Flags == nil {
		r.Validity.Flags = []string{}
	}
	// Set only by a reader that could not verify (docs/verification.md).
	r.Unverified = false
	return e.OrNil()
}

func isSHA256(s string) bool {
	if len(s) != sha256Chars {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
