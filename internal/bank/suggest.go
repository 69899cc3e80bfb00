package bank

import (
	"sort"

	"github.com/tangping-dev/tangping/internal/suggest"
)

// closest returns the candidate nearest to s by edit distance, or "" when
// none is near enough to be a plausible typo.
func closest(s string, candidates []string) string { return suggest.Closest(s, candidates) }

func sortStrings(s []string) { sort.Strings(s) }
