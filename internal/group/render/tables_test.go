package render

import "testing"

// TestFixedNoNegativeZero: an alpha of -0.001 (items that barely relate)
// showed as "-0.00" in the tables; it is 0.00 to two decimals.
func TestFixedNoNegativeZero(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		x    float64
		prec int
		want string
	}{
		{-0.001, 2, "0.00"},
		{-0.004999, 2, "0.00"},
		{-0.005001, 2, "-0.01"},
		{-0.02, 1, "0.0"},
		{-3.53, 2, "-3.53"},
		{49.44, 1, "49.4"},
		{0, 2, "0.00"},
	} {
		if got := fixed(tc.x, tc.prec); got != tc.want {
			t.Errorf("fixed(%v, %d) = %q, want %q", tc.x, tc.prec, got, tc.want)
		}
	}
	a := -0.0004
	if got := alphaText(&a, ""); got != "0.00" {
		t.Errorf("alphaText(-0.0004) = %q, want 0.00", got)
	}
}
