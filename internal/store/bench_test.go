package store

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkSaveProgress is one answer's write, on each back end (the
// PostgreSQL one a throwaway local server with fsync on, so the figure
// includes the commit's flush).
func BenchmarkSaveProgress(b *testing.B) {
	durable := &pgDurable
	for _, be := range []struct {
		name string
		open func(*testing.B) Store
	}{
		{"sqlite", func(b *testing.B) Store {
			s, err := OpenSQLite(b.TempDir() + "/serve.db")
			if err != nil {
				b.Fatal(err)
			}
			return s
		}},
		{"postgres", func(b *testing.B) Store {
			s, err := OpenPostgres(context.Background(), durable.Need(b).Database(b))
			if err != nil {
				b.Fatal(err)
			}
			return s
		}},
	} {
		b.Run(be.name, func(b *testing.B) {
			s := be.open(b)
			defer s.Close()
			ctx := context.Background()
			if err := s.SaveSession(ctx, Session{Name: "s1", Code: "1", CreatedAt: t0}); err != nil {
				b.Fatal(err)
			}
			if err := s.Join(ctx, Participant{ID: "p", Session: "s1", ResumeCode: "P", CreatedAt: t0}); err != nil {
				b.Fatal(err)
			}
			c, _ := s.Claim(ctx, "p")
			g := Progress{Answers: map[string]int{}, MS: map[string]int64{}}
			for i := range 46 {
				g.Answers[fmt.Sprintf("Q%02d", i+1)] = i % 5
				g.MS[fmt.Sprintf("Q%02d", i+1)] = 4000
			}
			b.ResetTimer()
			for i := range b.N {
				g.Cursor = i
				if err := s.SaveProgress(ctx, "p", c, g); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
