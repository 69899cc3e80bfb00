// Package answers owns the answers file, the input of `tangping score`:
// a bank id, an optional respondent and a map of item id to answer 0–4.
// It checks every answer against the bank and reports all problems at
// once, each at its line and column.
package answers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// MaxFileSize bounds an answers file; a real one is a few KiB.
const MaxFileSize = 1 << 20

// File is a parsed, checked answers file.
type File struct {
	Bank       string
	Lang       i18n.Lang // empty when the file names none
	Respondent result.Respondent
	StartedAt  time.Time // zero when the file gives none
	Answers    map[string]int
}

// fields are the top-level keys an answers file may hold.
var fields = []string{"bank", "lang", "respondent", "started_at", "answers"}

type respondentIn struct {
	Anonymous *bool  `json:"anonymous"`
	Name      string `json:"name"`
	Unit      string `json:"unit"`
	Role      string `json:"role"`
}

// Parse reads an answers file named name and checks it against b.
func Parse(name string, data []byte, b *bank.Bank, lang i18n.Lang) (*File, error) {
	data, err := diag.Text(name, data, lang)
	if err != nil {
		return nil, err
	}
	e := &diag.Error{File: name}
	if len(bytes.TrimSpace(data)) == 0 {
		e.Add(0, 0, lang.T("文件是空的。答卷文件的格式见 docs/scoring.md 或 questions/examples/。", "the file is empty. See docs/scoring.md or questions/examples/ for the answers file format."))
		return nil, e.OrNil()
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		line, col := diag.JSONErrorPos(data, err)
		e.Add(line, col, notJSON(data, err, lang))
		return nil, e.OrNil()
	}
	keys := diag.JSONKeys(data)
	at := func(path string) (int, int) {
		off, ok := keys[path]
		if !ok {
			return 0, 0
		}
		return diag.LineCol(data, off)
	}
	add := func(path, zh, en string) {
		l, c := at(path)
		e.Add(l, c, lang.T(zh, en))
	}
	if top == nil {
		add("", "这是 JSON，但不是答卷：答卷应当是一个对象 {…}。", "this is JSON but not an answers file: it must be an object {...}.")
		return nil, e.OrNil()
	}
	if _, ok := top["schema_version"]; ok {
		add("schema_version", "这是一个结果文件，不是答卷。查看它请用 tangping report。", "this is a result file, not an answers file. Use tangping report to read it.")
		return nil, e.OrNil()
	}
	// Two "answers" objects would silently keep only the second one's
	// answers: the first one's would be lost without a word.
	for _, k := range duplicateKeys(data) {
		add(k, fmt.Sprintf("字段 %q 出现了两次：只会保留后一个，前一个的内容会丢失。请合并成一个。", k),
			fmt.Sprintf("field %q appears twice: only the second would be kept and the first one's content lost. Merge them into one.", k))
	}
	unknown := []string{}
	for k := range top {
		if !contains(fields, k) {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		add(k, fmt.Sprintf("未知字段 %q。答卷只能包含：%s。", k, strings.Join(fields, ", ")),
			fmt.Sprintf("unknown field %q. An answers file may hold only: %s.", k, strings.Join(fields, ", ")))
	}
	f := &File{Respondent: result.Respondent{Anonymous: true}, Answers: map[string]int{}}
	if raw, ok := top["bank"]; ok {
		if err := json.Unmarshal(raw, &f.Bank); err != nil {
			add("bank", "bank 应当是题库 id 字符串。", "bank must be the bank's id, a string.")
		} else if f.Bank != b.ID {
			add("bank", fmt.Sprintf("答卷属于题库 %q，但评分用的是题库 %q。请用 --bank 指定正确的题库。", f.Bank, b.ID),
				fmt.Sprintf("the answers are for bank %q, but scoring uses bank %q. Name the right bank with --bank.", f.Bank, b.ID))
		}
	}
	if raw, ok := top["lang"]; ok {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			add("lang", "lang 应当是 \"zh\" 或 \"en\"。", "lang must be \"zh\" or \"en\".")
		} else if l, ok := i18n.Parse(s); !ok || (s != "zh" && s != "en") {
			add("lang", fmt.Sprintf("不支持的语言 %q：请写 \"zh\" 或 \"en\"。", s), fmt.Sprintf("unsupported language %q: write \"zh\" or \"en\".", s))
		} else {
			f.Lang = l
		}
	}
	if raw, ok := top["respondent"]; ok && string(raw) != "null" {
		var r respondentIn
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			add("respondent", "respondent 应当是 {\"name\": \"…\", \"unit\": \"…\", \"role\": \"…\", \"anonymous\": true|false}，字段都是可选的。",
				"respondent must be {\"name\": \"...\", \"unit\": \"...\", \"role\": \"...\", \"anonymous\": true|false}; every field is optional.")
		} else {
			f.Respondent = result.Respondent{Name: r.Name, Unit: r.Unit, Role: r.Role}
			f.Respondent.Anonymous = r.Name == "" && r.Unit == "" && r.Role == ""
			if r.Anonymous != nil {
				f.Respondent.Anonymous = *r.Anonymous
			}
		}
	}
	if raw, ok := top["started_at"]; ok {
		if err := json.Unmarshal(raw, &f.StartedAt); err != nil {
			add("started_at", "started_at 应当是 RFC 3339 时间，例如 \"2026-05-01T09:30:00+08:00\"。",
				"started_at must be an RFC 3339 time, e.g. \"2026-05-01T09:30:00+08:00\".")
		}
	}
	raw, ok := top["answers"]
	if !ok {
		add("", "缺少 answers：请写成 \"answers\": {\"Q01\": 3, …}。", "missing answers: write \"answers\": {\"Q01\": 3, ...}.")
		return nil, e.OrNil()
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil || m == nil {
		add("answers", "answers 应当是对象，把题号映射到 0–4，例如 {\"Q01\": 3}。", "answers must be an object mapping item ids to 0–4, e.g. {\"Q01\": 3}.")
		return nil, e.OrNil()
	}
	// json.Unmarshal keeps the last of two equal keys without a word; a
	// form typed in by hand that lists Q01 twice most likely meant Q10.
	for _, id := range duplicateKeys(raw) {
		add("answers."+id, fmt.Sprintf("题目 %s 出现了两次，请只保留一个（另一个是不是别的题号？）。", id),
			fmt.Sprintf("item %s is listed twice; keep one (was the other meant for another item?).", id))
	}
	for id, v := range m {
		p := "answers." + id
		if _, known := b.Item(id); !known {
			add(p, fmt.Sprintf("题库 %s 中没有题目 %q%s。", b.ID, id, hint(id, b, lang)),
				fmt.Sprintf("bank %s has no item %q%s.", b.ID, id, hint(id, b, lang)))
			continue
		}
		r, msgZH, msgEN := value(v)
		if msgZH != "" {
			add(p, fmt.Sprintf("题目 %s 的答案 %s %s", id, string(v), msgZH), fmt.Sprintf("item %s: answer %s %s", id, string(v), msgEN))
			continue
		}
		if r >= 0 {
			f.Answers[id] = r
		}
	}
	if err := e.OrNil(); err != nil {
		return nil, err
	}
	return f, nil
}

// value decodes one answer: -1 for null, else 0–4; or a reason in both
// languages why it is not an answer.
func value(raw json.RawMessage) (int, string, string) {
	s := strings.TrimSpace(string(raw))
	if s == "null" {
		return -1, "", ""
	}
	// json.Number takes "3" as readily as 3; an answers file must not,
	// or a quoted value from a spreadsheet export would pass unnoticed.
	if strings.HasPrefix(s, `"`) {
		return 0, "是带引号的文本，不是数字：请去掉引号，写 0–4 的整数。",
			"is text in quotes, not a number: remove the quotes and write a whole number 0–4."
	}
	var n json.Number
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	if err := dec.Decode(&n); err != nil {
		return 0, "不是数字：请写 0–4 的整数（0 从不 … 4 总是），未作答写 null。",
			"is not a number: write a whole number 0–4 (0 never ... 4 always), or null if unanswered."
	}
	i, err := n.Int64()
	if err != nil {
		return 0, "不是整数：请写 0–4 的整数。", "is not a whole number: write a whole number 0–4."
	}
	if i == 5 {
		// the screens number the options 1–5; a file holds 0–4
		return 0, "超出范围：文件里的答案是 0–4（0 从不 … 4 总是），比屏幕上的选项编号 1–5 小 1；屏幕上的 5“总是”在文件里写 4。",
			"is out of range: a file holds answers 0–4 (0 never ... 4 always), one less than the 1–5 the screens show; 5 \"always\" on screen is 4 in a file."
	}
	if i < 0 || i > 4 {
		return 0, "超出范围：只能是 0–4（0 从不 … 4 总是）。", "is out of range: it must be 0–4 (0 never ... 4 always)."
	}
	return int(i), "", ""
}

func hint(id string, b *bank.Bank, lang i18n.Lang) string {
	if len(b.Items) == 0 {
		return ""
	}
	return lang.T(fmt.Sprintf("（题号为 %s … %s）", b.Items[0].ID, b.Items[len(b.Items)-1].ID),
		fmt.Sprintf(" (ids run %s ... %s)", b.Items[0].ID, b.Items[len(b.Items)-1].ID))
}

// duplicateKeys returns the keys that appear more than once in the JSON
// object raw.
func duplicateKeys(raw []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	seen := map[string]bool{}
	var dups []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return dups
		}
		k, _ := t.(string)
		if seen[k] {
			dups = append(dups, k)
		}
		seen[k] = true
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return dups
		}
	}
	return dups
}

func notJSON(data []byte, err error, lang i18n.Lang) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return lang.T("这是 JSON，但不是答卷：答卷应当是一个对象 {…}。", "this is JSON but not an answers file: it must be an object {...}.")
	}
	if diag.JSONTruncated(data) {
		return lang.T("文件不完整（JSON 在结尾处被截断）。请检查文件是否完整复制。", "the file is incomplete (the JSON is cut off at the end). Check that it was copied whole.")
	}
	return lang.T("不是有效的 JSON（"+err.Error()+"）。请检查引号、逗号和括号。", "not valid JSON ("+err.Error()+"). Check quotes, commas and brackets.")
}

func contains(xs []string, s string) bool {
	return slices.Contains(xs, s)
}
