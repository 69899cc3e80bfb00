package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// Golden files of every text format, at pinned widths with colour
// stripped. Refresh with go test -update after reading the diff.
func TestGolden(t *testing.T) {
	t.Parallel()
	text := func(r *result.Result, b *bank.Bank, l i18n.Lang, w int) string {
		return Text(r, b, TextOptions{Lang: l, Width: w, Dark: true}) + "\n"
	}
	textReport := func(r *result.Result, b *bank.Bank, l i18n.Lang, w int) string {
		return TextReport(r, b, TextOptions{Lang: l, Width: w})
	}
	outlineText := func(r *result.Result, b *bank.Bank, l i18n.Lang, w int) string {
		return OutlineText(r, b, TextOptions{Lang: l, Width: w})
	}
	md := func(r *result.Result, b *bank.Bank, l i18n.Lang, _ int) string { return Markdown(r, b, l) }
	outline := func(r *result.Result, b *bank.Bank, l i18n.Lang, _ int) string { return OutlineMarkdown(r, b, l) }
	for _, tc := range []struct {
		file    string
		fixture string
		lang    i18n.Lang
		width   int // 0: not laid out for a terminal
		render  func(*result.Result, *bank.Bank, i18n.Lang, int) string
	}{
		{"text-flagged-zh-80.golden", "flagged", i18n.ZH, 80, text},
		{"text-flagged-zh-60.golden", "flagged", i18n.ZH, 60, text},
		{"text-flagged-zh-40.golden", "flagged", i18n.ZH, 40, text},
		{"text-idealised-en-80.golden", "idealised", i18n.EN, 80, text},
		{"text-idealised-en-40.golden", "idealised", i18n.EN, 40, text},
		{"report-flagged-zh-80.golden", "flagged", i18n.ZH, 80, textReport},
		{"report-clean-zh-60.golden", "clean", i18n.ZH, 60, textReport},
		{"report-idealised-en-80.golden", "idealised", i18n.EN, 80, textReport},
		{"outline-flagged-zh-60.golden", "flagged", i18n.ZH, 60, outlineText},
		{"md-flagged-zh.golden.md", "flagged", i18n.ZH, 0, md},
		{"md-clean-zh.golden.md", "clean", i18n.ZH, 0, md},
		{"md-idealised-en.golden.md", "idealised", i18n.EN, 0, md},
		{"outline-flagged-zh.golden.md", "flagged", i18n.ZH, 0, outline},
		{"outline-clean-zh.golden.md", "clean", i18n.ZH, 0, outline},
		{"outline-idealised-en.golden.md", "idealised", i18n.EN, 0, outline},
		{"outline-flagged-en.golden.md", "flagged", i18n.EN, 0, outline},
	} {
		t.Run(tc.file, func(t *testing.T) {
			r, b := fixture(t, tc.fixture)
			got := ansi.Strip(tc.render(r, b, tc.lang, tc.width))
			if tc.width > 0 {
				checkWidth(t, got, tc.width)
			}
			golden(t, tc.file, got)
		})
	}
}

// checkWidth fails on any line wider than width terminal cells.
func checkWidth(t *testing.T, text string, width int) {
	t.Helper()
	for i, line := range strings.Split(text, "\n") {
		if w := ansi.StringWidth(line); w > width {
			t.Errorf("line %d is %d cells wide, more than %d: %q", i+1, w, width, line)
		}
	}
}

// What the tool must never say (docs/architecture.md): no percentiles or comparisons
// with other cadres, and no organisational sanction as a verdict. Checked
// over every golden file and both HTML pages.
func TestNeverSays(t *testing.T) {
	t.Parallel()
	r, b := fixture(t, "flagged")
	page, _ := HTML(r, b, i18n.ZH)
	outline, _ := OutlineHTML(r, b, i18n.ZH)
	pages := map[string]string{"report.html": page, "outline.html": outline}
	files, _ := filepath.Glob(filepath.Join("testdata", "*golden*"))
	for _, f := range files {
		data, _ := os.ReadFile(f)
		pages[f] = string(data)
	}
	never := []string{"百分位", "百分之", "超过了", "优于", "percentile", "better than", "% of cadres", "than other", "组织处理", "诫勉", "免职", "问责处理", "sanction"}
	for name, text := range pages {
		for _, w := range never {
			if strings.Contains(strings.ToLower(text), strings.ToLower(w)) {
				t.Errorf("%s says %q", name, w)
			}
		}
	}
	if len(pages) < 15 {
		t.Errorf("only %d files checked; the goldens are missing", len(pages))
	}
}
