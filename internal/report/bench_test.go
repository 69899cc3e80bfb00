package report

import (
	"testing"

	"github.com/tangping-dev/tangping/internal/i18n"
)

func BenchmarkText(b *testing.B) {
	r, bk := fixture(b, "flagged")
	for b.Loop() {
		Text(r, bk, TextOptions{Lang: i18n.ZH, Width: 80})
	}
}

func BenchmarkTextReport(b *testing.B) {
	r, bk := fixture(b, "flagged")
	for b.Loop() {
		TextReport(r, bk, TextOptions{Lang: i18n.ZH, Width: 80})
	}
}

func BenchmarkMarkdown(b *testing.B) {
	r, bk := fixture(b, "flagged")
	for b.Loop() {
		Markdown(r, bk, i18n.ZH)
	}
}

func BenchmarkHTML(b *testing.B) {
	r, bk := fixture(b, "flagged")
	for b.Loop() {
		if _, err := HTML(r, bk, i18n.ZH); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOutline(b *testing.B) {
	r, bk := fixture(b, "flagged")
	for b.Loop() {
		OutlineMarkdown(r, bk, i18n.ZH)
	}
}
