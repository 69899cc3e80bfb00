package suggest

import "testing"

// TestClosest: one or two slips find the word meant; a word far from
// every candidate, or too short to tell, finds none.
func TestClosest(t *testing.T) {
	t.Parallel()
	names := []string{"fresh", "output", "out", "lang", "session", "bank", "banks"}
	for _, c := range []struct{ in, want string }{
		{"fersh", "fresh"},  // two letters swapped: two edits
		{"outpt", "output"}, // one letter left out
		{"lnag", "lang"},    // swapped
		{"sesion", "session"},
		{"bnak", "bank"},
		{"bananas", ""}, // nothing near
		{"x", ""},       // too short to tell
		{"Q01", ""},
	} {
		if got := Closest(c.in, names); got != c.want {
			t.Errorf("Closest(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if d := distance("躺平", "躺着"); d != 1 {
		t.Errorf("distance counts runes, not bytes: got %d, want 1", d)
	}
}
