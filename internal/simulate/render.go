package simulate

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/texttable"
	"github.com/tangping-dev/tangping/internal/textwrap"
)

// KindName is the heading of a kind of respondent in lang.
func KindName(kind string, l i18n.Lang) string {
	switch kind {
	case Attentive:
		return l.T("认真作答", "attentive")
	case Random:
		return l.T("随机作答", "random")
	case StraightLine:
		return l.T("全选同一项", "one option")
	case AllNever:
		return l.T("全选从不", "all Never")
	case Ideal:
		return l.T("全选最理想", "all ideal")
	}
	return kind
}

// RuleName names a rule and its cut-off in a few words.
func RuleName(r bank.Rule, l i18n.Lang) string {
	switch r.Check {
	case bank.CheckIMCount:
		return l.T(fmt.Sprintf("偏理想化 ≥%d 题", r.AtLeast), fmt.Sprintf("idealised ≥%d items", r.AtLeast))
	case bank.CheckInconsistentPairs:
		return l.T(fmt.Sprintf("不一致 ≥%d 对差 ≥%d", r.AtLeast, r.Difference), fmt.Sprintf("inconsistent ≥%d pairs Δ≥%d", r.AtLeast, r.Difference))
	case bank.CheckLongestRun:
		return l.T(fmt.Sprintf("连续相同 ≥%d 题", r.AtLeast), fmt.Sprintf("same answer ≥%d in a row", r.AtLeast))
	case bank.CheckMedianMS:
		return l.T(fmt.Sprintf("过快 <%d 毫秒", r.Below), fmt.Sprintf("too fast <%d ms", r.Below))
	}
	return r.Check
}

// Text renders the report as a plain-text table: one row per rule and
// one for any flag, one column per kind of respondent.
func Text(r *Report, b *bank.Bank, l i18n.Lang) string {
	var w strings.Builder
	m := r.Options.Model
	para := func(s string) { fmt.Fprintln(&w, textwrap.Hang(s, "", 80)) }
	fmt.Fprintf(&w, "%s %s  sha256 %s\n", b.ID, b.Version, b.SHA256)
	para(l.T(
		fmt.Sprintf("模型：每人总体水平 θ ~ N(%g, %g)，各表现偏离 SD %g，每题噪声 σ = %g，四舍五入并截在 0–4；正向题反向计分；印象管理题围绕 %g（SD %g）；阅读速度中位数 %g 字/秒。每类 %d 人，种子 %d。",
			m.TraitMean, m.TraitSD, m.BehaviourSD, m.Sigma, m.IMMean, m.IMSD, m.ReadRate, r.Options.N, r.Options.Seed),
		fmt.Sprintf("Model: each person's level θ ~ N(%g, %g), behaviour deviations SD %g, noise σ = %g per answer, rounded and kept on 0–4; active items reversed; IM items around %g (SD %g); median reading rate %g characters/s. %d respondents per kind, seed %d.",
			m.TraitMean, m.TraitSD, m.BehaviourSD, m.Sigma, m.IMMean, m.IMSD, m.ReadRate, r.Options.N, r.Options.Seed)))
	para(l.T("“认真作答”一列是误报率，其余各列是检出率。只有认真作答者带有用时，其余各类的“过快”记为 —。",
		"The attentive column is the false-alarm rate; the others are detection rates. Only attentive respondents have answer times, so too-fast shows — for the others."))
	fmt.Fprintln(&w)

	rows := [][]string{{l.T("规则", "rule")}}
	for _, g := range r.Groups {
		rows[0] = append(rows[0], KindName(g.Kind, l))
	}
	for _, ru := range r.Rules {
		row := []string{RuleName(ru, l)}
		for _, g := range r.Groups {
			if ru.Check == bank.CheckMedianMS && !g.Timed {
				row = append(row, "—")
				continue
			}
			row = append(row, pct(g.Flags[ru.Check].Rate()))
		}
		rows = append(rows, row)
	}
	any := []string{l.T("任一提示", "any flag")}
	for _, g := range r.Groups {
		any = append(any, pct(g.Any.Rate()))
	}
	rows = append(rows, any)
	w.WriteString(texttable.Columns(rows))

	fmt.Fprintln(&w)
	if !r.UsedDefaultModel() {
		para(l.T("目标是按默认模型（σ = 0.9 等）定的；本次用了别的模型参数，以下只供参考。",
			"The targets are defined for the default model (σ = 0.9 and the rest); this run used other settings, so the check below is for reference only."))
	}
	fmt.Fprintln(&w, l.T("目标：", "Targets:"))
	for _, t := range r.Targets() {
		mark := "✓"
		if !t.Met() {
			mark = "✗"
		}
		fmt.Fprintf(&w, "  %s %s\n", mark, TargetText(t, l))
	}
	return w.String()
}

// TargetText says what a target asks and what was measured.
func TargetText(t Target, l i18n.Lang) string {
	op := "≥"
	if t.Max {
		op = "≤"
	}
	what := l.T("任一提示", "any flag")
	if t.Check == bank.CheckInconsistentPairs {
		what = l.T("“前后作答不一致”提示", "the inconsistency flag")
	}
	return l.T(fmt.Sprintf("%s者得到%s %s %s：模拟为 %s", KindName(t.Kind, l), what, op, pct(t.Limit), pct(t.Got.Rate())),
		fmt.Sprintf("%s respondents with %s %s %s: simulated %s", KindName(t.Kind, l), what, op, pct(t.Limit), pct(t.Got.Rate())))
}

func pct(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }

// JSON is the report as data: rates are fractions, counts are exact.
func JSON(r *Report, b *bank.Bank) ([]byte, error) {
	type count struct {
		Hits int     `json:"hits"`
		N    int     `json:"n"`
		Rate float64 `json:"rate"`
	}
	c := func(x Count) count { return count{x.Hits, x.N, x.Rate()} }
	type group struct {
		Kind  string           `json:"kind"`
		Timed bool             `json:"timed"`
		Flags map[string]count `json:"flags"`
		Any   count            `json:"any"`
	}
	type target struct {
		Kind  string  `json:"kind"`
		Check string  `json:"check,omitempty"`
		Limit float64 `json:"limit"`
		Max   bool    `json:"max"`
		Got   count   `json:"got"`
		Met   bool    `json:"met"`
	}
	out := struct {
		Bank struct {
			ID      string `json:"id"`
			Version string `json:"version"`
			SHA256  string `json:"sha256"`
		} `json:"bank"`
		N            int         `json:"n"`
		Seed         uint64      `json:"seed"`
		Model        Model       `json:"model"`
		DefaultModel bool        `json:"default_model"`
		Rules        []bank.Rule `json:"rules"`
		Groups       []group     `json:"groups"`
		Targets      []target    `json:"targets"`
	}{N: r.Options.N, Seed: r.Options.Seed, Model: r.Options.Model, DefaultModel: r.UsedDefaultModel(), Rules: r.Rules}
	out.Bank.ID, out.Bank.Version, out.Bank.SHA256 = b.ID, b.Version, b.SHA256
	for _, g := range r.Groups {
		x := group{Kind: g.Kind, Timed: g.Timed, Flags: map[string]count{}, Any: c(g.Any)}
		for k, v := range g.Flags {
			x.Flags[k] = c(v)
		}
		out.Groups = append(out.Groups, x)
	}
	for _, t := range r.Targets() {
		out.Targets = append(out.Targets, target{t.Kind, t.Check, t.Limit, t.Max, c(t.Got), t.Met()})
	}
	data, err := json.MarshalIndent(out, "", "  ")
	return append(data, '\n'), err
}
