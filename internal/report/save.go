package report

import (
	"path/filepath"
	"strings"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// SaveBeside writes the Markdown report, the HTML report and the outline
// next to the result file: for result.json, result.md, result.html and
// result-outline.md, each atomically with mode 0600 (they hold the same
// personal data as the result). It returns the paths written, in that
// order; on error, the paths written before it.
func SaveBeside(r *result.Result, b *bank.Bank, resultPath string, lang i18n.Lang) ([]string, error) {
	base := strings.TrimSuffix(resultPath, filepath.Ext(resultPath))
	page, err := HTML(r, b, lang)
	if err != nil {
		return nil, err
	}
	files := []struct{ path, data string }{
		{base + ".md", Markdown(r, b, lang)},
		{base + ".html", page},
		{base + "-outline.md", OutlineMarkdown(r, b, lang)},
	}
	var done []string
	for _, f := range files {
		if err := result.WriteAtomic(f.path, []byte(f.data)); err != nil {
			return done, err
		}
		done = append(done, f.path)
	}
	return done, nil
}
