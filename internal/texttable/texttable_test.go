package texttable

import "testing"

// TestColumns: Chinese text takes two cells a character, so the figures
// line up under a Chinese heading; no line ends in spaces.
func TestColumns(t *testing.T) {
	t.Parallel()
	got := Columns([][]string{{"规则", "认真作答", ""}, {"IM ≥4", "0.6%", "⚠"}, {"x", "12.5%", ""}})
	want := "规则   认真作答\n" +
		"IM ≥4      0.6%  ⚠\n" +
		"x         12.5%\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}
