package analyse

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestPublishedExample checks the statistics against a published SPSS
// reliability analysis: the ten-person, five-item example of D. J. Denis,
// "Applied Univariate, Bivariate, and Multivariate Statistics" (Wiley),
// whose output reports alpha .633, the item SDs, and for Item_1 a corrected
// item-total correlation of .712 with a scale variance of 108.900 without
// it (and an alpha without it that begins 0.4). The figures are compared
// at the precision printed there.
func TestPublishedExample(t *testing.T) {
	t.Parallel()
	data := [][]int64{
		{10, 12, 15, 11, 12}, {12, 18, 12, 12, 1}, {8, 16, 14, 14, 4}, {6, 8, 16, 8, 6}, {4, 7, 8, 7, 5},
		{6, 6, 3, 7, 3}, {3, 4, 6, 5, 8}, {7, 3, 7, 9, 9}, {8, 9, 4, 10, 10}, {9, 5, 6, 11, 12},
	}
	k := 5
	sum := make([]int64, k)
	prod := make([][]int64, k)
	for i := range prod {
		prod[i] = make([]int64, k)
	}
	for _, row := range data {
		for i, x := range row {
			sum[i] += x
			for j, y := range row {
				prod[i][j] += x * y
			}
		}
	}
	st := stats(int64(len(data)), sum, prod)
	same := func(what string, got float64, want string) {
		t.Helper()
		digits := len(want) - strings.Index(want, ".") - 1 // "0.633" → 3 decimals
		if s := fmt.Sprintf("%.*f", digits, got); s != want {
			t.Errorf("%s = %s, published %s", what, s, want)
		}
	}
	same("alpha", *st.alpha, "0.633")
	for i, want := range []string{"2.71006", "5.05085", "4.74810", "2.71621", "3.80058"} {
		same(fmt.Sprintf("SD of item %d", i+1), math.Sqrt(st.cov[i][i]), want)
	}
	same("item 1 corrected item-total r", *st.restR[0], "0.712")
	varRest := 0.0
	for i := 1; i < k; i++ {
		for j := 1; j < k; j++ {
			varRest += st.cov[i][j]
		}
	}
	same("scale variance without item 1", varRest, "108.900")
	if a := *st.alphaDel[0]; a < 0.4 || a >= 0.5 {
		t.Errorf("alpha without item 1 = %.3f, published 0.4…", a)
	}
}
