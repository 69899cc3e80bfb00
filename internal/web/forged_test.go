package web

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/server"
)

// A result edited in the session's database is not drawn as the
// participant's report: the phone says so instead of showing figures its
// answers do not give (docs/verification.md).
func TestOwnReportIsRecomputed(t *testing.T) {
	t.Parallel()
	r := open(t, server.Config{}, false)
	p := r.phone()
	p.get("/j/"+testCode).post("/join", url.Values{"code": {testCode}}).must(200, "/about")
	p.post("/about", url.Values{"how": {"anon"}}).must(200, "/q/1")
	for range r.bank.Items {
		p.answer(1)
	}
	p.post("/submit", nil).must(200, "/result")
	p.get("/report").must(200, "/report")
	if !strings.Contains(p.body, r.bank.Title.In("zh")) {
		t.Fatalf("the genuine report is not drawn:\n%s", excerpt(p.body))
	}

	// Edit D1's stored score to 10 in the database, as someone with the
	// file (or a shared PostgreSQL) could.
	db, err := sql.Open("sqlite", filepath.Join(r.dir, server.DBFile))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	var seq int64
	var doc string
	if err := db.QueryRowContext(ctx, "SELECT seq, doc FROM results").Scan(&seq, &doc); err != nil {
		t.Fatal(err)
	}
	var res result.Result
	if err := json.Unmarshal([]byte(doc), &res); err != nil {
		t.Fatal(err)
	}
	ten := 10.0
	res.Dimensions[0].Score = &ten
	forged, err := json.Marshal(&res)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "UPDATE results SET doc = ? WHERE seq = ?", string(forged), seq); err != nil {
		t.Fatal(err)
	}

	for _, path := range []string{"/report", "/download/report.html"} {
		p.get(path)
		if p.status != 409 || !strings.Contains(p.body, "对不上") {
			t.Errorf("%s of a forged stored result: status %d, want 409 and the reason:\n%s", path, p.status, excerpt(p.body))
		}
	}
}
