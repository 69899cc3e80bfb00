package report

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// Verdicts of one scale's change.
const (
	Better     = "better"
	Worse      = "worse"
	NoChange   = "no_clear_change"
	NotScored  = "not_comparable" // one of the two scores is missing
	stepMargin = 1e-9             // keeps exactly one step from failing on float rounding
)

// Comparison is the change between two results of one person.
type Comparison struct {
	Instrument result.Instrument `json:"instrument"`
	Before     Snapshot          `json:"before"`
	After      Snapshot          `json:"after"`
	Dimensions []ScaleChange     `json:"dimensions"`
	Behaviours []ScaleChange     `json:"behaviours"`
	Resolved   []string          `json:"resolved"`  // flagged before, not after
	New        []string          `json:"new"`       // flagged after, not before
	Remaining  []string          `json:"remaining"` // flagged in both
	// VersionNote is set when the two results come from different versions
	// of one instrument with the same scoring: what compares and what not.
	VersionNote string `json:"version_note,omitempty"`
	// PersonNote is set when the two results may not be one person's: a
	// name on one only, different units, or different names compared
	// with force.
	PersonNote string `json:"person_note,omitempty"`
	// Unverified is true when either result was read without its bank
	// (docs/verification.md): its figures were not recomputed.
	Unverified bool `json:"unverified,omitempty"`
	lang       i18n.Lang
	notice     string
}

// Snapshot names one of the two results.
type Snapshot struct {
	File        string    `json:"file"`
	ID          string    `json:"id"`
	CompletedAt time.Time `json:"completed_at"`
	Flags       []string  `json:"validity_flags"`
	Notes       []string  `json:"validity_notes"`
}

// ScaleChange is one dimension or behaviour, before and after.
type ScaleChange struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Before  *float64 `json:"before"`
	After   *float64 `json:"after"`
	Change  *float64 `json:"change"` // after − before
	Step    float64  `json:"step"`   // one answer step: 100 ÷ 4 ÷ items
	Verdict string   `json:"verdict"`
	// Shown scores and band labels, for display.
	BeforeShown, AfterShown int    `json:"-"`
	BeforeLabel, AfterLabel string `json:"-"`
}

// PairError is a refusal to compare two results; the CLI maps it to exit 2.
type PairError struct{ Msg string }

func (e *PairError) Error() string { return e.Msg }

// CheckPair refuses two results that cannot be compared: the same
// result twice, different instruments, different versions of one
// instrument unless their scoring is the same (see Versions), and, unless
// force is set, two results that name different people or an AFTER
// completed before BEFORE. banks are the banks the
// caller has at hand (any order, nil entries ignored); each result's bank
// is found among them by sha256. Messages are in lang and name both files.
func CheckPair(before, after *result.Result, beforeName, afterName string, lang i18n.Lang, force bool, banks ...*bank.Bank) error {
	_, _, err := checkPair(before, after, beforeName, afterName, lang, force, banks)
	return err
}

// checkPair is CheckPair that also returns the notes the comparison
// carries: on a cross-version pair, and on a pair that may not be one
// person's.
func checkPair(before, after *result.Result, beforeName, afterName string, lang i18n.Lang, force bool, banks []*bank.Bank) (versionNote, personNote string, err error) {
	versionNote, err = checkInstruments(before, after, beforeName, afterName, lang, banks)
	if err != nil {
		return "", "", err
	}
	if personNote, err = samePerson(before.Respondent, after.Respondent, beforeName, afterName, lang, force); err != nil {
		return "", "", err
	}
	if after.CompletedAt.Before(before.CompletedAt) && !force {
		f := "2006-01-02 15:04"
		if after.CompletedAt.Format(f) == before.CompletedAt.Format(f) {
			f += ":05" // "completed at 09:42, before 09:42" explains nothing
		}
		return "", "", &PairError{lang.T(
			fmt.Sprintf("顺序似乎反了：%s（之后）完成于 %s，早于 %s（之前，%s）。请交换两个文件的位置；如确实要这样比较，加 --force。", afterName, after.CompletedAt.Format(f), beforeName, before.CompletedAt.Format(f)),
			fmt.Sprintf("the order looks reversed: %s (AFTER) was completed on %s, before %s (BEFORE, %s). Swap the two files, or add --force to compare them this way.", afterName, after.CompletedAt.Format(f), beforeName, before.CompletedAt.Format(f)))}
	}
	return versionNote, personNote, nil
}

// samePerson decides whether two results may be one person's, from what
// each says about its respondent (docs/scoring.md, "Comparing two
// results"). Two different names are refused unless force is set; a name
// on one result only, or two different units, can be one person (a
// result taken anonymously, a move to another unit) and give a note. Two
// anonymous results say nothing either way: the cadre compares their own
// files.
func samePerson(b, a result.Respondent, beforeName, afterName string, lang i18n.Lang, force bool) (string, error) {
	bn, an := personKey(b.Name), personKey(a.Name)
	switch {
	case bn != "" && an != "" && bn != an:
		if !force {
			return "", &PairError{lang.T(
				fmt.Sprintf("两份结果不像是同一个人的：%s 的姓名是“%s”，%s 的是“%s”。compare 只比较同一人先后两次的结果；比较两个人的结果没有意义（团体对比请用 tangping group）。如果确是同一人（例如姓名写法不同），加 --force。", beforeName, b.Name, afterName, a.Name),
				fmt.Sprintf("the two results do not look like one person's: %s names %q, %s names %q. compare shows one person's change between two times; two people's results do not compare (for a group, use tangping group). If it is one person (a name written two ways), add --force.", beforeName, b.Name, afterName, a.Name))}
		}
		return lang.T(
			fmt.Sprintf("两份结果的姓名不同（“%s”和“%s”），按 --force 照样比较：只有确是同一人时，这些变化才有意义。", b.Name, a.Name),
			fmt.Sprintf("The two results name different people (%q and %q) and are compared because of --force: the changes mean something only if it is one person.", b.Name, a.Name)), nil
	case (bn == "") != (an == ""):
		named, other := beforeName, afterName
		if bn == "" {
			named, other = afterName, beforeName
		}
		return lang.T(
			fmt.Sprintf("无法确认是同一人：%s 记了姓名，%s 没有。只有确是同一人时，这些变化才有意义。", named, other),
			fmt.Sprintf("Not sure these are one person's: %s gives a name, %s does not. The changes mean something only if it is one person.", named, other)), nil
	case personKey(b.Unit) != "" && personKey(a.Unit) != "" && personKey(b.Unit) != personKey(a.Unit):
		return lang.T(
			fmt.Sprintf("两份结果的单位不同（“%s”和“%s”）：如果不是同一人，这份对比没有意义。", b.Unit, a.Unit),
			fmt.Sprintf("The two results give different units (%q and %q): if they are not one person's, this comparison means nothing.", b.Unit, a.Unit)), nil
	}
	return "", nil
}

// personKey is a name or unit as compared: without spaces of any width,
// letters in one case, so "张 三" and "张三" are one name.
func personKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), "")) // Fields splits at U+3000 too
}

// checkInstruments refuses two results of different instruments, or of
// versions that do not compare, and returns the note a cross-version pair
// carries.
func checkInstruments(before, after *result.Result, beforeName, afterName string, lang i18n.Lang, banks []*bank.Bank) (string, error) {
	bi, ai := before.Instrument, after.Instrument
	if before.ID == after.ID {
		return "", &PairError{lang.T(
			fmt.Sprintf("%s 和 %s 是同一份结果（id %s），比较不出任何变化。请给出同一个人先后两次作答的结果。", beforeName, afterName, shortID(after.ID)),
			fmt.Sprintf("%s and %s are the same result (id %s); comparing them shows no change. Give two results of one person taken at different times.", beforeName, afterName, shortID(after.ID)))}
	}
	if bi.ID != ai.ID {
		return "", &PairError{lang.T(
			fmt.Sprintf("两份结果来自不同的问卷，不能比较：%s 是 %s %s，%s 是 %s %s。请比较同一份问卷的两次结果。", beforeName, bi.ID, bi.Version, afterName, ai.ID, ai.Version),
			fmt.Sprintf("the two results come from different questionnaires and cannot be compared: %s is %s %s, %s is %s %s. Compare two results of the same questionnaire.", beforeName, bi.ID, bi.Version, afterName, ai.ID, ai.Version))}
	}
	note := ""
	if bi.Version != ai.Version {
		var err error
		if note, err = versions(before, after, beforeName, afterName, lang, banks); err != nil {
			return "", err
		}
	} else if bi.SHA256 != ai.SHA256 {
		return "", &PairError{lang.T(
			fmt.Sprintf("两份结果虽然都是 %s %s，但来自内容不同的题库（sha256 %.12s… 与 %.12s…），题目不同，不能比较。", ai.ID, ai.Version, bi.SHA256, ai.SHA256),
			fmt.Sprintf("both results say %s %s but come from banks with different contents (sha256 %.12s… and %.12s…); their items differ and they cannot be compared.", ai.ID, ai.Version, bi.SHA256, ai.SHA256))}
	}
	return note, nil
}

// versions decides a pair from two versions of one instrument
// (docs/validity.md): their scores compare only when both banks are at
// hand and ask the same questions scored the same way; their validity
// flags never compare, since the rules may differ. It returns the note
// the comparison then carries.
func versions(before, after *result.Result, beforeName, afterName string, lang i18n.Lang, banks []*bank.Bank) (string, error) {
	bi, ai := before.Instrument, after.Instrument
	// A bank counts only when its hash, id and version are all the
	// result's: a result whose version was edited finds no bank.
	find := func(in result.Instrument) *bank.Bank {
		for _, b := range banks {
			if b != nil && b.SHA256 == in.SHA256 && b.ID == in.ID && b.Version == in.Version {
				return b
			}
		}
		return nil
	}
	bb, ab := find(bi), find(ai)
	var missing []string
	if bb == nil {
		missing = append(missing, bi.Version)
	}
	if ab == nil {
		missing = append(missing, ai.Version)
	}
	if len(missing) > 0 {
		v := strings.Join(missing, lang.T("、", ", "))
		return "", &PairError{lang.T(
			fmt.Sprintf("两份结果来自 %s 的不同版本（%s 是 %s，%s 是 %s）。只有两个版本的题目和计分完全相同时才能比较，这要对照两个版本的题库，但手头没有 %s 版的题库。请提供该版本的题库文件，或比较同一版本的两次结果。",
				ai.ID, beforeName, bi.Version, afterName, ai.Version, v),
			fmt.Sprintf("the two results come from different versions of %s (%s is %s, %s is %s). They compare only when both versions ask the same questions scored the same way, which takes both versions' banks, and the bank of version %s is not at hand. Provide that version's bank file, or compare two results of one version.",
				ai.ID, beforeName, bi.Version, afterName, ai.Version, v))}
	}
	if !bank.SameScoring(bb, ab) {
		return "", &PairError{lang.T(
			fmt.Sprintf("%s 的 %s 版和 %s 版题目或计分不同（%s、%s），得分不能直接比较。请比较同一版本的两次结果。", ai.ID, bi.Version, ai.Version, beforeName, afterName),
			fmt.Sprintf("versions %s and %s of %s differ in their items or scoring (%s, %s), so their scores cannot be compared. Compare two results of one version.", bi.Version, ai.Version, ai.ID, beforeName, afterName))}
	}
	return lang.T(
		fmt.Sprintf("两份结果来自同一问卷的不同版本（%s → %s）：题目和计分相同，得分可以比较；效度规则不同，两次的作答提示各按各自版本的规则给出，不作比较。", bi.Version, ai.Version),
		fmt.Sprintf("The two results come from different versions of one questionnaire (%s → %s): the same items and scoring, so the scores compare; the validity rules differ, so each result's validity notes follow its own version's rules and are not compared.", bi.Version, ai.Version)), nil
}

// shortID is the start of a result id, enough to tell results apart.
func shortID(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

// Compare compares two results of one person. It refuses what CheckPair
// refuses; b and banks are the banks at hand for its version check.
// beforeName and afterName are used in messages. b supplies names in lang
// when it is the results' bank.
func Compare(before, after *result.Result, beforeName, afterName string, b *bank.Bank, lang i18n.Lang, force bool, banks ...*bank.Bank) (*Comparison, error) {
	note, personNote, err := checkPair(before, after, beforeName, afterName, lang, force, append([]*bank.Bank{b}, banks...))
	if err != nil {
		return nil, err
	}
	ai := after.Instrument
	db, da := Build(before, b, lang), Build(after, b, lang)
	c := &Comparison{
		Instrument: ai, VersionNote: note, PersonNote: personNote, Unverified: before.Unverified || after.Unverified, lang: lang, notice: da.Notice,
		Before: snapshot(beforeName, before, &db), After: snapshot(afterName, after, &da),
		Resolved: []string{}, New: []string{}, Remaining: []string{},
	}
	for _, x := range da.Dimensions {
		y, _ := findRow(db.Dimensions, x.ID)
		c.Dimensions = append(c.Dimensions, change(y, x, true))
	}
	for _, id := range behaviourIDs(after) {
		x, _ := findRow(da.Behaviours, id)
		y, _ := findRow(db.Behaviours, id)
		c.Behaviours = append(c.Behaviours, change(y, x, false))
		switch {
		case y.Flagged && !x.Flagged:
			c.Resolved = append(c.Resolved, x.Name)
		case !y.Flagged && x.Flagged:
			c.New = append(c.New, x.Name)
		case y.Flagged && x.Flagged:
			c.Remaining = append(c.Remaining, x.Name)
		}
	}
	return c, nil
}

func snapshot(name string, r *result.Result, d *Doc) Snapshot {
	return Snapshot{File: diag.Printable(name), ID: r.ID, CompletedAt: r.CompletedAt, Flags: append([]string{}, r.Validity.Flags...), Notes: append([]string{}, d.Notes...)}
}

// behaviourIDs are the behaviours in the bank's order, which reads better
// in a comparison than either result's ranking.
func behaviourIDs(r *result.Result) []string {
	ids := make([]string, len(r.Behaviours))
	for i, x := range r.Behaviours {
		ids[i] = x.ID
	}
	return ids
}

func findRow(rows []Row, id string) (Row, bool) {
	for _, x := range rows {
		if x.ID == id {
			return x, true
		}
	}
	return Row{ID: id}, false
}

// change judges one scale. A step is what one answer moving by one point
// on one item does to the score: 100 ÷ 4 ÷ (the scale's number of items).
// A change smaller than one step is no clear change; for a dimension a
// rise is better, for a behaviour a fall is.
func change(before, after Row, higherIsBetter bool) ScaleChange {
	sc := ScaleChange{ID: after.ID, Name: after.Name, Before: before.Score, After: after.Score,
		BeforeShown: before.Shown, AfterShown: after.Shown, BeforeLabel: before.Label, AfterLabel: after.Label}
	items := max(after.Items, before.Items, 1)
	sc.Step = 100 / 4 / float64(items)
	if before.Score == nil || after.Score == nil {
		sc.Verdict = NotScored
		return sc
	}
	d := *after.Score - *before.Score
	sc.Change = &d
	switch {
	case math.Abs(d) < sc.Step-stepMargin:
		sc.Verdict = NoChange
	case (d > 0) == higherIsBetter:
		sc.Verdict = Better
	default:
		sc.Verdict = Worse
	}
	return sc
}
