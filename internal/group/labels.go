package group

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// knownFlags are the validity flags of the contract, in report order.
var knownFlags = []string{
	result.FlagImpressionManagement, result.FlagInconsistency,
	result.FlagStraightLining, result.FlagTooFast,
}

// flagLabel names a validity flag gently; an unknown flag keeps its id.
func flagLabel(f string, l i18n.Lang) string {
	switch f {
	case result.FlagImpressionManagement:
		return l.T("结果可能偏理想化", "possibly idealised")
	case result.FlagInconsistency:
		return l.T("前后作答不一致", "inconsistent answers")
	case result.FlagStraightLining:
		return l.T("连续相同作答", "same answer in a long run")
	case result.FlagTooFast:
		return l.T("作答过快", "answered very fast")
	}
	return f
}

func alphaNote(why int, l i18n.Lang) string {
	switch why {
	case alphaTooFew:
		return l.T("样本不足", "insufficient sample")
	case alphaNoVariance:
		return l.T("无变异", "no variance")
	case alphaNoItems:
		return l.T("题目不足", "too few items")
	case alphaNoBank:
		return l.T("缺少题库，无法计算", "bank not available")
	}
	return ""
}

// MixedError says that the results come from different instruments or
// versions, how many of each, and where one of each is.
type MixedError struct {
	Lang     i18n.Lang
	Versions []VersionCount
}

// VersionCount is how many results one instrument version has, and the
// first file that holds one.
type VersionCount struct {
	Instrument result.Instrument
	N          int
	First      string
}

func (e *MixedError) Error() string {
	l := e.Lang
	var b strings.Builder
	b.WriteString(l.T("这些结果来自不同的题库或题库版本，放在一起统计没有意义：",
		"these results come from different banks or bank versions; pooling them would be meaningless:"))
	for _, v := range e.Versions {
		name := v.Instrument.ID + " " + v.Instrument.Version
		if e.twin(v.Instrument) {
			// Same id and version, different contents: the hash tells them apart.
			name += fmt.Sprintf(" (sha256 %.12s…)", v.Instrument.SHA256)
		}
		fmt.Fprintf(&b, "\n  %s: %s", name,
			l.T(fmt.Sprintf("%d 份（例如 %s）", v.N, v.First), fmt.Sprintf("%d result(s) (e.g. %s)", v.N, v.First)))
	}
	b.WriteString("\n")
	b.WriteString(l.T("请只选同一题库版本的结果；或加 --allow-mixed，各版本将分开报告。",
		"pick results of one bank version only, or add --allow-mixed to report each version separately."))
	return b.String()
}

// twin reports whether another version listed has in's id and version.
func (e *MixedError) twin(in result.Instrument) bool {
	for _, v := range e.Versions {
		if v.Instrument.ID == in.ID && v.Instrument.Version == in.Version && v.Instrument.SHA256 != in.SHA256 {
			return true
		}
	}
	return false
}

// Err reports results of different instruments or versions when the
// options do not allow mixing them. It is nil otherwise.
func (a *Aggregator) Err() error {
	if a.opt.AllowMixed || len(a.sections) < 2 {
		return nil
	}
	e := &MixedError{Lang: a.opt.Lang}
	for _, s := range a.sections {
		e.Versions = append(e.Versions, VersionCount{Instrument: s.inst, N: s.n, First: s.first})
	}
	sort.Slice(e.Versions, func(i, j int) bool {
		x, y := e.Versions[i].Instrument, e.Versions[j].Instrument
		if x.ID != y.ID {
			return x.ID < y.ID
		}
		if x.Version != y.Version {
			return x.Version < y.Version
		}
		return x.SHA256 < y.SHA256
	})
	return e
}
