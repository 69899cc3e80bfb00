package render

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/group"
	"github.com/tangping-dev/tangping/internal/group/synth"
	"github.com/tangping-dev/tangping/internal/i18n"
)

// fixtureReport is a group of n synthetic results (a fixed seed, scored
// by the real engine against the default bank), plus one unreadable file
// and one duplicate, so that every section of the report shows.
func fixtureReport(t *testing.T, n int, o group.Options) *group.Report {
	t.Helper()
	b, err := bank.Default(o.Lang)
	if err != nil {
		t.Fatal(err)
	}
	a := group.New(b, o)
	g := synth.New(b, 11)
	for i := range n {
		r := g.Next()
		a.Add(fmt.Sprintf("results/r%03d.json", i+1), &r)
		if i == 0 {
			a.Add("copy/r001.json", &r)
		}
	}
	a.Skip("results/broken.json", o.Lang.T("文件不完整（被截断）", "the file is truncated"))
	return a.Report()
}

// Golden files of the text, Markdown and HTML group reports, colour
// stripped, at pinned widths: testdata/TestGolden/NAME.golden. Refresh
// with go test -update after reading the diff.
func TestGolden(t *testing.T) {
	t.Parallel()
	text := func(w int) func(*group.Report) string {
		return func(r *group.Report) string { return Text(r, TextOptions{Width: w, Dark: true}) }
	}
	html := func(r *group.Report) string {
		var b bytes.Buffer
		if err := HTML(&b, r); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	for _, tc := range []struct {
		name   string
		n      int
		opt    group.Options
		width  int // 0: not laid out for a terminal
		render func(*group.Report) string
	}{
		{"text-unit-zh-80", 40, group.Options{Lang: i18n.ZH, By: group.ByUnit}, 80, text(80)},
		{"text-zh-60", 40, group.Options{Lang: i18n.ZH}, 60, text(60)},
		{"text-role-en-80", 40, group.Options{Lang: i18n.EN, By: group.ByRole}, 80, text(80)},
		{"text-small-zh-80", 4, group.Options{Lang: i18n.ZH}, 80, text(80)},
		{"text-exact-unit-zh-80", 40, group.Options{Lang: i18n.ZH, By: group.ByUnit, Exact: true}, 80, text(80)},
		{"md-items-zh", 120, group.Options{Lang: i18n.ZH}, 0, Markdown},
		{"md-unit-zh", 40, group.Options{Lang: i18n.ZH, By: group.ByUnit}, 0, Markdown},
		{"md-en", 40, group.Options{Lang: i18n.EN}, 0, Markdown},
		{"html-unit-zh", 40, group.Options{Lang: i18n.ZH, By: group.ByUnit}, 0, html},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ansi.Strip(tc.render(fixtureReport(t, tc.n, tc.opt)))
			if tc.width > 0 {
				for i, line := range strings.Split(got, "\n") {
					if w := ansi.StringWidth(line); w > tc.width {
						t.Errorf("line %d is %d cells wide, more than %d: %q", i+1, w, tc.width, line)
					}
				}
			}
			golden.RequireEqual(t, got)
		})
	}
}
