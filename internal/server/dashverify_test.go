package server

import (
	"context"
	"testing"

	gt "github.com/tangping-dev/tangping/internal/group/grouptest"
)

// The projected profile believes no stored figure: a result whose
// scores were edited in the database (shared PostgreSQL, or the SQLite
// file) after it was saved is left out of the dashboard's results, as
// `serve export` and `group --data` leave it out (docs/verification.md).
func TestDashboardRecomputesStoredResults(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	ctx := context.Background()
	rs := gt.Synth(s.cfg.Bank, 11, 6)
	forged := 2
	ten := 10.0
	rs[forged].Dimensions[0].Score = &ten // a D1 its answers do not give
	for _, r := range rs {
		p, err := s.NewParticipant(ctx)
		if err != nil {
			t.Fatal(err)
		}
		claim, err := s.store.Claim(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.store.Complete(ctx, p.ID, claim, r); err != nil {
			t.Fatal(err)
		}
	}
	snap, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, r := range snap.Results {
		ids[r.ID] = true
	}
	if ids[rs[forged].ID] {
		t.Errorf("the dashboard counts a result whose D1 was edited to 10 in the database")
	}
	for i, r := range rs {
		if i != forged && !ids[r.ID] {
			t.Errorf("the dashboard left out result %d, which verifies", i)
		}
	}
}
