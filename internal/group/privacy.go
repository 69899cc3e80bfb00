package group

import (
	"slices"
	"sort"
)

// subgroups applies the privacy rule to the --by subgroups:
//
//  1. A subgroup of K or more results is shown on its own.
//  2. Smaller subgroups are pooled into "其他" (Other).
//  3. If Other has people but fewer than K, the smallest shown subgroups
//     join it until it reaches K. Otherwise the total minus the shown
//     subgroups would give away the small subgroups' figures anyway
//     (complementary suppression, as statistical offices do it).
//  4. If nothing is left to show on its own, Other would merely repeat
//     the whole group, so no subgroup is shown.
//
// The whole group has at least K results here (Report checked).
func (s *section) subgroups(o Options) ([]Group, *Withheld) {
	k := o.MinGroup
	type bucket struct {
		key string
		acc *statsAcc
	}
	var big, small []bucket
	for _, key := range s.groupKeys() {
		b := bucket{key, s.groups[key]}
		if b.acc.n >= k {
			big = append(big, b)
		} else {
			small = append(small, b)
		}
	}
	// Largest first; the smallest shown subgroup is last, ready to join
	// Other. Ties go by name with "not given" last, so the result does not
	// depend on the order results arrived in.
	sort.SliceStable(big, func(i, j int) bool {
		if big[i].acc.n != big[j].acc.n {
			return big[i].acc.n > big[j].acc.n
		}
		return big[i].key != "" && big[j].key == ""
	})

	w := &Withheld{}
	other := newStatsAcc()
	pooled := 0
	for _, b := range small {
		other.merge(b.acc)
		pooled++
	}
	w.Merged = pooled
	for other.n > 0 && other.n < k && len(big) > 0 {
		other.merge(big[len(big)-1].acc)
		big = big[:len(big)-1]
		pooled++
		w.Merged++
		w.Protective++
	}
	if len(big) == 0 {
		return nil, &Withheld{Hidden: len(s.groups), HiddenPeople: s.n}
	}
	out := make([]Group, 0, len(big)+1)
	for _, b := range big {
		out = append(out, Group{Name: s.groupName(b.key, o), Groups: 1, Stats: s.stats(b.acc, o)})
	}
	if other.n > 0 {
		out = append(out, Group{Name: o.Lang.T("其他", "Other"), Other: true, Groups: pooled, Stats: s.stats(other, o)})
	}
	return out, w
}

func (s *section) groupName(key string, o Options) string {
	if key == "" {
		return o.Lang.T("未填写", "not given")
	}
	return key
}

// groupKeys returns the subgroup keys in a fixed order, so that sums
// merge in the same order on every run.
func (s *section) groupKeys() []string {
	keys := make([]string, 0, len(s.groups))
	for k := range s.groups {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
