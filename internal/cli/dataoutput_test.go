package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/server"
	"github.com/tangping-dev/tangping/internal/store"
	"github.com/tangping-dev/tangping/questions"
)

// sessionData is a serve data directory holding session s1: the
// directory, its database file and the file's bytes.
func sessionData(t *testing.T) (data, db string, before []byte) {
	t.Helper()
	data = t.TempDir()
	db = filepath.Join(data, server.DBFile)
	st, err := store.OpenSQLite(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveSession(context.Background(), store.Session{Name: "s1", Code: "K7M2PQ4X", CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if before, err = os.ReadFile(db); err != nil {
		t.Fatal(err)
	}
	return data, db, before
}

// serve join-sheet reads the session's database (for the code) and a
// bank (for the title): -o naming either is refused and writes nothing.
// Before, the sheet replaced the session's database, every answer of the
// room with it, or the bank file.
func TestServeJoinSheetNeverWritesOverItsInputs(t *testing.T) {
	t.Parallel()
	data, db, before := sessionData(t)
	r := runTangping(t, zhEnv, "serve", "join-sheet", "--http", "192.168.1.20:23235", "--data", data, "--session", "s1", "-o", db)
	checkBadInput(t, r, db)
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Errorf("join-sheet -o the session's database changed it (%d bytes, was %d)", len(after), len(before))
	}

	f := questions.Released()[0]
	bankFile := filepath.Join(t.TempDir(), "bank.yaml")
	if err := os.WriteFile(bankFile, f.Data, 0o600); err != nil {
		t.Fatal(err)
	}
	r = runTangping(t, zhEnv, "serve", "join-sheet", "--http", "192.168.1.20:23235", "--code", "K7M2PQ4X", "--bank", bankFile, "-o", bankFile)
	checkBadInput(t, r, bankFile)
	if after, _ := os.ReadFile(bankFile); !bytes.Equal(f.Data, after) {
		t.Errorf("join-sheet -o the bank file replaced it")
	}
}

// group --data reads the session's database: a report written onto it
// is refused, and the database keeps every answer. Before, `group --data
// DIR --format html -o DIR/serve.db` replaced it with the report.
func TestGroupDataNeverWritesOverTheDatabase(t *testing.T) {
	t.Parallel()
	data, db, before := sessionData(t)
	checkBadInput(t, runTangping(t, zhEnv, "group", "--data", data, "--format", "html", "-o", db), db)
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Errorf("group --data -o the database changed it (%d bytes, was %d)", len(after), len(before))
	}
}
