// Package palette holds tangping's colours: the one place they are
// written down. The terminal (TUI, text reports) takes the light or dark
// set through lipgloss; the HTML pages' stylesheet is generated from the
// light set (internal/htmlpage), so a colour changed here changes both.
package palette

// Colours is one set of colours as "#RRGGBB".
type Colours struct {
	// Title is headings and the accent rule under them.
	Title string
	// Red, Amber, Teal and Green are the four bands, worst to best.
	Red, Amber, Teal, Green string
	// Grey is secondary text and unscored scales; Track is the empty part
	// of a bar and thin rules.
	Grey, Track string
	// Ink and Paper are the page's text and background. A terminal keeps
	// its own; only the HTML pages use them.
	Ink, Paper string
}

// Light is for a light background, and for paper.
func Light() Colours {
	return Colours{
		Title: "#8E1B1B", Red: "#B3261E", Amber: "#9A5B00", Teal: "#1F6F8B", Green: "#2E7D32",
		Grey: "#6B6B6B", Track: "#C8C8C8", Ink: "#1D1D1F", Paper: "#FFFFFF",
	}
}

// Dark is for a dark terminal background.
func Dark() Colours {
	return Colours{
		Title: "#FF9E94", Red: "#F2847C", Amber: "#F0B45A", Teal: "#6CC3E0", Green: "#83CC86",
		Grey: "#9A9A9A", Track: "#4A4A4A", Ink: "#E8E8E8", Paper: "#1E1E1E",
	}
}

// For returns the set for a dark or a light background.
func For(dark bool) Colours {
	if dark {
		return Dark()
	}
	return Light()
}

// Bands are the four band colours, worst first.
func (c Colours) Bands() [4]string { return [4]string{c.Red, c.Amber, c.Teal, c.Green} }
