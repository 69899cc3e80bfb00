package bank

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/goccy/go-yaml/token"

	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/i18n"
)

// Minimum item counts per behaviour and per dimension (docs/architecture.md,
// "Bank minimums").
const (
	MinItemsPerBehaviour = 4
	MinItemsPerDimension = 5
	// MinPairDistance keeps the two items of a consistency pair apart in
	// the order, so the second answer is not an echo of the first.
	MinPairDistance = 10
)

// idPattern is compiled when a bank file is first validated, not at
// every start: the released banks are compiled in (docs/performance.md).
var idPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`) })

// validator checks the meaning of a decoded bank and collects every
// problem with its position.
type validator struct {
	b    *Bank
	pos  map[string]token.Position
	lang i18n.Lang
	err  *diag.Error
}

func (v *validator) add(path, zh, en string) {
	p := v.find(path)
	v.err.Add(p.Line, p.Column, v.lang.T(zh, en))
}

// find returns the position of path, or of its nearest parent that the
// file spells out (a missing field is reported where its parent stands).
func (v *validator) find(path string) token.Position {
	for {
		if p, ok := v.pos[path]; ok {
			return p
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			return v.pos[""]
		}
		path = path[:i]
	}
}

func (v *validator) run() {
	b := v.b
	if b.ID == "" {
		v.add("id", "缺少 id：请给题库一个唯一标识，例如 id: my-bank。", "missing id: give the bank an identifier, e.g. id: my-bank.")
	} else if !idPattern().MatchString(b.ID) {
		v.add("id", fmt.Sprintf("id %q 只能包含英文字母、数字、- 和 _，例如 id: my-bank；中文名称请写在 title 里。", b.ID),
			fmt.Sprintf("id %q may hold only ASCII letters, digits, - and _, e.g. id: my-bank; a name in Chinese belongs in title.", b.ID))
	}
	if b.Version == "" {
		v.add("version", "缺少 version：请写上版本号，例如 version: 1.0.0。", "missing version: add one, e.g. version: 1.0.0.")
	}
	v.languages()
	v.text("title", b.Title)
	v.text("purpose", b.Purpose)
	v.text("recall_window", b.RecallWindow)
	v.scale()
	v.scoring()
	dims := v.dimensions()
	behs := v.behaviours()
	v.items(dims, behs)
	v.validity()
	v.printable(reflect.ValueOf(*b), "")
}

// printable rejects control characters (but newline and tab) in every
// text of the bank: texts reach terminals, where an escape sequence would
// act instead of showing (docs/verification.md).
func (v *validator) printable(x reflect.Value, path string) {
	join := func(k string) string {
		if path == "" {
			return k
		}
		return path + "." + k
	}
	switch x.Kind() {
	case reflect.String:
		for _, r := range x.String() {
			if r != '\n' && r != '\t' && unicode.IsControl(r) {
				v.add(path, fmt.Sprintf("%s 含有控制字符 U+%04X：文本里不能有终端控制字符。", path, r),
					fmt.Sprintf("%s holds the control character U+%04X: texts may not hold terminal control characters.", path, r))
				return
			}
		}
	case reflect.Struct:
		for i := range x.NumField() {
			f := x.Type().Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "" || name == "-" {
				continue
			}
			v.printable(x.Field(i), join(name))
		}
	case reflect.Slice:
		for i := range x.Len() {
			v.printable(x.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
	case reflect.Map:
		iter := x.MapRange()
		for iter.Next() {
			v.printable(iter.Value(), join(iter.Key().String()))
		}
	case reflect.Pointer:
		if !x.IsNil() {
			v.printable(x.Elem(), path)
		}
	}
}

func (v *validator) languages() {
	if len(v.b.Languages) == 0 {
		v.add("languages", "缺少 languages：请列出题库使用的语言，例如 languages: [zh, en]。", "missing languages: list them, e.g. languages: [zh, en].")
		return
	}
	seen := map[string]bool{}
	for i, l := range v.b.Languages {
		p := fmt.Sprintf("languages[%d]", i)
		if l != string(i18n.ZH) && l != string(i18n.EN) {
			v.add(p, fmt.Sprintf("不支持的语言 %q：只能是 zh 或 en。", l), fmt.Sprintf("unsupported language %q: use zh or en.", l))
		}
		if seen[l] {
			v.add(p, fmt.Sprintf("语言 %q 重复列出。", l), fmt.Sprintf("language %q is listed twice.", l))
		}
		seen[l] = true
	}
}

// text checks that t has a non-empty string in every language of the bank.
func (v *validator) text(path string, t Text) {
	if t == nil {
		v.add(path, fmt.Sprintf("缺少 %s：请按语言给出文本，例如 {zh: \"……\", en: \"...\"}。", path),
			fmt.Sprintf("missing %s: give text per language, e.g. {zh: \"……\", en: \"...\"}.", path))
		return
	}
	for _, l := range v.b.Languages {
		if strings.TrimSpace(t[l]) == "" {
			v.add(path, fmt.Sprintf("%s 缺少语言 %q 的文本，请补上 %s: \"……\"。", path, l, l),
				fmt.Sprintf("%s has no text in language %q; add %s: \"...\".", path, l, l))
		}
	}
	for l := range t {
		if !v.declared(l) {
			v.add(path+"."+l, fmt.Sprintf("%s 中的语言 %q 不在 languages 中。请把它加入 languages 或删去。", path, l),
				fmt.Sprintf("language %q in %s is not in languages; add it there or remove it.", l, path))
		}
	}
}

func (v *validator) declared(l string) bool {
	return slices.Contains(v.b.Languages, l)
}

func (v *validator) scale() {
	s := v.b.Scale
	if len(s) != 5 {
		v.add("scale", fmt.Sprintf("scale 应当恰好有 5 个选项（0–4），现在有 %d 个。", len(s)),
			fmt.Sprintf("scale must have exactly 5 anchors (0–4); it has %d.", len(s)))
	}
	for i, a := range s {
		p := fmt.Sprintf("scale[%d]", i)
		if a.Value != i {
			v.add(p+".value", fmt.Sprintf("第 %d 个选项的 value 应为 %d（从 0 起依次递增），现在是 %d。", i+1, i, a.Value),
				fmt.Sprintf("anchor %d must have value %d (counting up from 0); it has %d.", i+1, i, a.Value))
		}
		v.text(p+".label", a.Label)
	}
}

func (v *validator) scoring() {
	s := v.b.Scoring
	if s.MinAnswered < 0 || s.MinAnswered > 1 {
		v.add("scoring.min_answered", fmt.Sprintf("min_answered 是应答比例，须在 0 到 1 之间（默认 0.8），现在是 %g。", s.MinAnswered),
			fmt.Sprintf("min_answered is a share and must lie between 0 and 1 (default 0.8); it is %g.", s.MinAnswered))
	}
	v.text("scoring.notice", s.Notice)
	v.bands("scoring.behaviour_bands", s.BehaviourBands)
	v.bands("scoring.dimension_bands", s.DimensionBands)
	if f := s.BehaviourBands.FlagAt; f != nil && (*f < 0 || *f > 100) {
		v.add("scoring.behaviour_bands.flag_at", fmt.Sprintf("flag_at 须在 0 到 100 之间，现在是 %g。", *f),
			fmt.Sprintf("flag_at must lie between 0 and 100; it is %g.", *f))
	}
	if s.DimensionBands.FlagAt != nil {
		v.add("scoring.dimension_bands.flag_at", "维度不设标记线，请删去 flag_at。", "dimensions are not flagged; remove flag_at.")
	}
}

func (v *validator) bands(path string, bd Bands) {
	cuts := bd.Cuts
	if cuts == nil {
		cuts = DefaultCuts()
	}
	for i, c := range cuts {
		if c <= 0 || c >= 100 {
			v.add(fmt.Sprintf("%s.cuts[%d]", path, i), fmt.Sprintf("分界点须在 0 和 100 之间，现在是 %g。", c),
				fmt.Sprintf("a cut point must lie between 0 and 100; it is %g.", c))
		}
		if i > 0 && c <= cuts[i-1] {
			v.add(fmt.Sprintf("%s.cuts[%d]", path, i), "分界点须从小到大严格递增。", "cut points must strictly increase.")
		}
	}
	if len(bd.Labels) != len(cuts)+1 {
		v.add(path+".labels", fmt.Sprintf("%s：%d 个分界点需要 %d 个区间标签，现在有 %d 个。", path, len(cuts), len(cuts)+1, len(bd.Labels)),
			fmt.Sprintf("%s: %d cut points need %d band labels; there are %d.", path, len(cuts), len(cuts)+1, len(bd.Labels)))
	}
	for i, l := range bd.Labels {
		v.text(fmt.Sprintf("%s.labels[%d]", path, i), l)
	}
}

func (v *validator) uniqueID(path, id string, seen map[string]string, kind string) {
	if id == "" {
		v.add(path, fmt.Sprintf("%s缺少 id。", kind), fmt.Sprintf("%s has no id.", kind))
		return
	}
	if !idPattern().MatchString(id) {
		v.add(path+".id", fmt.Sprintf("id %q 只能包含英文字母、数字、- 和 _，且以英文字母开头。", id),
			fmt.Sprintf("id %q may hold only ASCII letters, digits, - and _, starting with a letter.", id))
	}
	if prev, dup := seen[id]; dup {
		p := v.find(prev)
		v.add(path+".id", fmt.Sprintf("id %q 重复（第 %d 行已用过），请换一个。", id, p.Line),
			fmt.Sprintf("duplicate id %q (already used on line %d); choose another.", id, p.Line))
		return
	}
	seen[id] = path + ".id"
}

func (v *validator) dimensions() map[string]int {
	out := map[string]int{}
	seen := map[string]string{}
	if len(v.b.Dimensions) == 0 {
		v.add("dimensions", "缺少 dimensions：至少需要一个维度。", "missing dimensions: at least one is needed.")
	}
	for i, d := range v.b.Dimensions {
		p := fmt.Sprintf("dimensions[%d]", i)
		v.uniqueID(p, d.ID, seen, v.lang.T("维度", "a dimension"))
		v.text(p+".name", d.Name)
		v.text(p+".description", d.Description)
		for j, r := range d.Recommendations {
			v.text(fmt.Sprintf("%s.recommendations[%d]", p, j), r)
		}
		out[d.ID] = i
	}
	return out
}

func (v *validator) behaviours() map[string]int {
	out := map[string]int{}
	seen := map[string]string{}
	if len(v.b.Behaviours) == 0 {
		v.add("behaviours", "缺少 behaviours：至少需要一种表现。", "missing behaviours: at least one is needed.")
	}
	for i, x := range v.b.Behaviours {
		p := fmt.Sprintf("behaviours[%d]", i)
		v.uniqueID(p, x.ID, seen, v.lang.T("表现", "a behaviour"))
		v.text(p+".name", x.Name)
		v.text(p+".description", x.Description)
		if len(x.Recommendations) == 0 {
			v.add(p, fmt.Sprintf("表现 %s 没有 recommendations：请至少写一条靶向建议。", x.ID),
				fmt.Sprintf("behaviour %s has no recommendations; write at least one.", x.ID))
		}
		for j, r := range x.Recommendations {
			v.text(fmt.Sprintf("%s.recommendations[%d]", p, j), r)
		}
		out[x.ID] = i
	}
	return out
}

func (v *validator) items(dims, behs map[string]int) {
	seen := map[string]string{}
	perDim := map[string]int{}
	perBeh := map[string]int{}
	if len(v.b.Items) == 0 {
		v.add("items", "缺少 items：题库没有题目。", "missing items: the bank has no questions.")
	}
	for i, it := range v.b.Items {
		p := fmt.Sprintf("items[%d]", i)
		v.uniqueID(p, it.ID, seen, v.lang.T("题目", "an item"))
		v.text(p+".text", it.Text)
		if it.Keyed != KeyedFlat && it.Keyed != KeyedActive {
			v.add(p+".keyed", fmt.Sprintf("题目 %s 的 keyed 须为 flat 或 active，现在是 %q。", it.ID, it.Keyed),
				fmt.Sprintf("item %s: keyed must be flat or active; it is %q.", it.ID, it.Keyed))
		}
		if it.IM {
			if it.Behaviour != "" || it.Dimension != "" {
				v.add(p, fmt.Sprintf("题目 %s 是印象管理题（im: true），不能属于任何表现或维度：请删去 behaviour 和 dimension。", it.ID),
					fmt.Sprintf("item %s is an impression-management item (im: true) and belongs to no behaviour or dimension; remove behaviour and dimension.", it.ID))
			}
			continue
		}
		if it.Behaviour == "" {
			v.add(p, fmt.Sprintf("题目 %s 缺少 behaviour（例如 behaviour: B01），或标记为 im: true。", it.ID),
				fmt.Sprintf("item %s has no behaviour (e.g. behaviour: B01); or mark it im: true.", it.ID))
		} else if _, ok := behs[it.Behaviour]; !ok {
			v.add(p+".behaviour", fmt.Sprintf("题目 %s 引用了不存在的表现 %q%s。", it.ID, it.Behaviour, v.hint(it.Behaviour, behs)),
				fmt.Sprintf("item %s refers to unknown behaviour %q%s.", it.ID, it.Behaviour, v.hint(it.Behaviour, behs)))
		}
		if it.Dimension == "" {
			v.add(p, fmt.Sprintf("题目 %s 缺少 dimension（例如 dimension: D1）。", it.ID),
				fmt.Sprintf("item %s has no dimension (e.g. dimension: D1).", it.ID))
		} else if _, ok := dims[it.Dimension]; !ok {
			v.add(p+".dimension", fmt.Sprintf("题目 %s 引用了不存在的维度 %q%s。", it.ID, it.Dimension, v.hint(it.Dimension, dims)),
				fmt.Sprintf("item %s refers to unknown dimension %q%s.", it.ID, it.Dimension, v.hint(it.Dimension, dims)))
		}
		perBeh[it.Behaviour]++
		perDim[it.Dimension]++
	}
	for i, x := range v.b.Behaviours {
		if n := perBeh[x.ID]; n < MinItemsPerBehaviour {
			v.add(fmt.Sprintf("behaviours[%d].id", i), fmt.Sprintf("表现 %s 只有 %d 道题，至少需要 %d 道。", x.ID, n, MinItemsPerBehaviour),
				fmt.Sprintf("behaviour %s has %d items; it needs at least %d.", x.ID, n, MinItemsPerBehaviour))
		}
	}
	for i, d := range v.b.Dimensions {
		if n := perDim[d.ID]; n < MinItemsPerDimension {
			v.add(fmt.Sprintf("dimensions[%d].id", i), fmt.Sprintf("维度 %s 只有 %d 道题，至少需要 %d 道。", d.ID, n, MinItemsPerDimension),
				fmt.Sprintf("dimension %s has %d items; it needs at least %d.", d.ID, n, MinItemsPerDimension))
		}
	}
}

func (v *validator) hint(id string, known map[string]int) string {
	names := make([]string, 0, len(known))
	for k := range known {
		names = append(names, k)
	}
	if s := closest(id, names); s != "" {
		return v.lang.T(fmt.Sprintf("，是不是 %q", s), fmt.Sprintf("; did you mean %q", s))
	}
	return ""
}

func (v *validator) validity() {
	va := v.b.Validity
	index := map[string]int{}
	for i, it := range v.b.Items {
		index[it.ID] = i
	}
	for i, pair := range va.Pairs {
		p := fmt.Sprintf("validity.pairs[%d]", i)
		if len(pair) != 2 {
			v.add(p, fmt.Sprintf("一致性题对应当恰好包含两个题目 id，现在有 %d 个。", len(pair)),
				fmt.Sprintf("a consistency pair must name exactly two item ids; it names %d.", len(pair)))
			continue
		}
		ok := true
		for j, id := range pair {
			if _, found := index[id]; !found {
				v.add(fmt.Sprintf("%s[%d]", p, j), fmt.Sprintf("一致性题对引用了不存在的题目 %q。", id),
					fmt.Sprintf("consistency pair refers to missing item %q.", id))
				ok = false
			}
		}
		if !ok {
			continue
		}
		a, b := v.b.Items[index[pair[0]]], v.b.Items[index[pair[1]]]
		switch {
		case a.ID == b.ID:
			v.add(p, "一致性题对的两个题目不能相同。", "the two items of a consistency pair must differ.")
		case a.IM || b.IM:
			v.add(p, "印象管理题不能用作一致性题对。", "impression-management items cannot form a consistency pair.")
		case a.Behaviour != b.Behaviour:
			v.add(p, fmt.Sprintf("一致性题对须来自同一种表现：%s 属于 %s，%s 属于 %s。", a.ID, a.Behaviour, b.ID, b.Behaviour),
				fmt.Sprintf("a consistency pair must come from one behaviour: %s is %s, %s is %s.", a.ID, a.Behaviour, b.ID, b.Behaviour))
		default:
			if d := abs(index[a.ID] - index[b.ID]); d < MinPairDistance {
				v.add(p, fmt.Sprintf("一致性题对 %s 和 %s 只隔 %d 个位置，至少要隔 %d 个：请在 items 中把它们拉开。", a.ID, b.ID, d, MinPairDistance),
					fmt.Sprintf("pair %s and %s stand %d positions apart; they need at least %d. Move them apart in items.", a.ID, b.ID, d, MinPairDistance))
			}
		}
	}
	imItems := 0
	for _, it := range v.b.Items {
		if it.IM {
			imItems++
		}
	}
	switch {
	case va.Thresholds != nil && va.Rules != nil:
		v.add("validity.rules", "validity 中 thresholds 和 rules 只能写一个：rules 是新写法，请把 thresholds 删去。",
			"validity may give thresholds or rules, not both: rules is the newer form; remove thresholds.")
	case va.Rules != nil:
		v.rules(imItems)
	default:
		v.thresholds(imItems)
	}
	n := va.Notes
	notes := map[string]struct {
		path string
		text Text
	}{
		CheckIMCount:           {"validity.notes.impression_management", n.ImpressionManagement},
		CheckInconsistentPairs: {"validity.notes.inconsistency", n.Inconsistency},
		CheckLongestRun:        {"validity.notes.straight_lining", n.StraightLining},
		CheckMedianMS:          {"validity.notes.too_fast", n.TooFast},
	}
	for _, c := range Checks {
		// A bank with rules needs the notes of the flags it can raise; a
		// bank with thresholds raises all four.
		if _, has := va.Rule(c); has || va.Rules == nil {
			v.text(notes[c].path, notes[c].text)
		}
	}
	v.causes()
}

// thresholds checks the 1.0.0 way of writing the validity rules.
func (v *validator) thresholds(imItems int) {
	va := v.b.Validity
	var t Thresholds
	if va.Thresholds != nil {
		t = *va.Thresholds
	}
	tp := "validity.thresholds."
	if t.IMCount < 0 || (imItems > 0 && t.IMCount > imItems) {
		v.add(tp+"im_count", fmt.Sprintf("im_count 须在 1 到印象管理题数（%d）之间，现在是 %d。", imItems, t.IMCount),
			fmt.Sprintf("im_count must lie between 1 and the number of impression-management items (%d); it is %d.", imItems, t.IMCount))
	}
	if imItems > 0 && t.IMCount == 0 && DefaultIMCount > imItems {
		v.add("items", fmt.Sprintf("只有 %d 道印象管理题，默认阈值 %d 永远达不到：请增加题目或设置 validity.thresholds.im_count。", imItems, DefaultIMCount),
			fmt.Sprintf("only %d impression-management items, so the default threshold %d can never be reached; add items or set validity.thresholds.im_count.", imItems, DefaultIMCount))
	}
	if t.PairDifference < 0 || t.PairDifference > 4 {
		v.add(tp+"pair_difference", fmt.Sprintf("pair_difference 须在 1 到 4 之间，现在是 %d。", t.PairDifference),
			fmt.Sprintf("pair_difference must lie between 1 and 4; it is %d.", t.PairDifference))
	}
	if t.InconsistentPairs < 0 || (len(va.Pairs) > 0 && t.InconsistentPairs > len(va.Pairs)) {
		v.add(tp+"inconsistent_pairs", fmt.Sprintf("inconsistent_pairs 须在 1 到题对数（%d）之间，现在是 %d。", len(va.Pairs), t.InconsistentPairs),
			fmt.Sprintf("inconsistent_pairs must lie between 1 and the number of pairs (%d); it is %d.", len(va.Pairs), t.InconsistentPairs))
	}
	if t.LongestRun < 0 || t.LongestRun == 1 || t.LongestRun > len(v.b.Items) {
		v.add(tp+"longest_run", fmt.Sprintf("longest_run 须在 2 到题目总数（%d）之间，现在是 %d。", len(v.b.Items), t.LongestRun),
			fmt.Sprintf("longest_run must lie between 2 and the number of items (%d); it is %d.", len(v.b.Items), t.LongestRun))
	}
	if t.MedianMS < 0 || t.MedianMS > maxMedianMS {
		v.add(tp+"median_ms", fmt.Sprintf("median_ms 须在 1 到 600000 毫秒之间，现在是 %d。", t.MedianMS),
			fmt.Sprintf("median_ms must lie between 1 and 600000 milliseconds; it is %d.", t.MedianMS))
	}
}

// maxMedianMS bounds a too-fast cut-off: ten minutes per item is no
// longer "fast".
const maxMedianMS = 600000

// rules checks the validity rules list: known checks, each at most once,
// with the settings it needs and no others, in range.
func (v *validator) rules(imItems int) {
	va := v.b.Validity
	seen := map[string]int{}
	for i, r := range va.Rules {
		p := fmt.Sprintf("validity.rules[%d]", i)
		if r.Check == "" {
			v.add(p, "规则缺少 check：可用的有 "+strings.Join(Checks, "、")+"。",
				"the rule has no check; use one of "+strings.Join(Checks, ", ")+".")
			continue
		}
		known := false
		for _, c := range Checks {
			known = known || c == r.Check
		}
		if !known {
			hint := v.lang.T("。", ".")
			if s := closest(r.Check, Checks); s != "" {
				hint = v.lang.T(fmt.Sprintf("，是不是 %q？", s), fmt.Sprintf("; did you mean %q?", s))
			}
			v.add(p+".check", fmt.Sprintf("未知的检查 %q%s可用的有 %s。", r.Check, hint, strings.Join(Checks, "、")),
				fmt.Sprintf("unknown check %q%s Known checks: %s.", r.Check, hint, strings.Join(Checks, ", ")))
			continue
		}
		if prev, dup := seen[r.Check]; dup {
			v.add(p+".check", fmt.Sprintf("检查 %s 已在 validity.rules[%d] 中出现，每种检查只能写一条规则。", r.Check, prev),
				fmt.Sprintf("check %s already appears in validity.rules[%d]; each check takes one rule.", r.Check, prev))
			continue
		}
		seen[r.Check] = i
		need := func(field string, val, lo, hi int, zh, en string) {
			if val < lo || val > hi {
				v.add(p+"."+field, fmt.Sprintf("%s 的 %s 须在 %d 到 %d 之间（%s），现在是 %d。", r.Check, field, lo, hi, zh, val),
					fmt.Sprintf("%s: %s must lie between %d and %d (%s); it is %d.", r.Check, field, lo, hi, en, val))
			}
		}
		unused := func(field string, val int) {
			if val != 0 {
				v.add(p+"."+field, fmt.Sprintf("检查 %s 不用 %s，请删去。", r.Check, field),
					fmt.Sprintf("check %s takes no %s; remove it.", r.Check, field))
			}
		}
		switch r.Check {
		case CheckIMCount:
			need("at_least", r.AtLeast, 1, imItems, "印象管理题的题数", "the number of impression-management items")
			unused("below", r.Below)
			unused("difference", r.Difference)
		case CheckInconsistentPairs:
			need("difference", r.Difference, 1, 4, "作答档差", "answer steps")
			need("at_least", r.AtLeast, 1, len(va.Pairs), "一致性题对的对数", "the number of consistency pairs")
			unused("below", r.Below)
		case CheckLongestRun:
			need("at_least", r.AtLeast, 2, len(v.b.Items), "题目总数", "the number of items")
			unused("below", r.Below)
			unused("difference", r.Difference)
		case CheckMedianMS:
			need("below", r.Below, 1, maxMedianMS, "毫秒", "milliseconds")
			unused("at_least", r.AtLeast)
			unused("difference", r.Difference)
		}
	}
}

// causes checks the outline's root-cause classes, when the bank lists
// its own.
func (v *validator) causes() {
	known := map[string]bool{}
	for _, x := range v.b.Behaviours {
		known[x.ID] = true
	}
	for _, d := range v.b.Dimensions {
		known[d.ID] = true
	}
	seen := map[string]string{}
	for i, c := range v.b.Causes {
		p := fmt.Sprintf("causes[%d]", i)
		v.uniqueID(p, c.ID, seen, v.lang.T("原因类别", "a cause class"))
		v.text(p+".title", c.Title)
		v.text(p+".pointer", c.Pointer)
		if len(c.Prompts) == 0 {
			v.add(p, fmt.Sprintf("原因类别 %s 没有 prompts：请至少写一条引导剖析的提问。", c.ID),
				fmt.Sprintf("cause class %s has no prompts; write at least one question to guide the analysis.", c.ID))
		}
		for j, t := range c.Prompts {
			v.text(fmt.Sprintf("%s.prompts[%d]", p, j), t)
		}
		for j, id := range c.Explains {
			if !known[id] {
				v.add(fmt.Sprintf("%s.explains[%d]", p, j), fmt.Sprintf("原因类别 %s 引用了不存在的表现或维度 %q。", c.ID, id),
					fmt.Sprintf("cause class %s refers to unknown behaviour or dimension %q.", c.ID, id))
			}
		}
		if c.When != "" && c.When != CauseAlways && c.When != CauseFlagged {
			v.add(p+".when", fmt.Sprintf("when 须为 always（总是列出）或 flagged（只在相关表现被标记时列出），现在是 %q。", c.When),
				fmt.Sprintf("when must be always (always listed) or flagged (listed only when a behaviour it explains is flagged); it is %q.", c.When))
		}
		if c.When == CauseFlagged && len(c.Explains) == 0 {
			v.add(p+".explains", fmt.Sprintf("原因类别 %s 设了 when: flagged，却没有列出 explains，因而永远不会出现。", c.ID),
				fmt.Sprintf("cause class %s has when: flagged but explains nothing, so it would never be shown.", c.ID))
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
