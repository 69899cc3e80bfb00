package web

import (
	"testing"

	"github.com/tangping-dev/tangping/internal/server"
)

// BenchmarkAnswer is one answer as a phone gives it: the POST, its 303
// and the GET of the next question, in process, on loopback. Its CPU time
// is what an answer costs the server (docs/performance.md).
func BenchmarkAnswer(b *testing.B) {
	r := open(b, server.Config{}, false)
	p := r.phone().join()
	n := len(r.bank.Items)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		k := i % n
		if k == 0 && i > 0 {
			p.get("/q/1")
		}
		p.answer(i % 5)
	}
}
