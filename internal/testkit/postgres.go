package testkit

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Environment of the PostgreSQL tests (.ci/run sets them):
//
//	TANGPING_TEST_PG_BIN       folder holding initdb and pg_ctl (default: PATH, then /usr/lib/postgresql/*/bin)
//	TANGPING_TEST_PG_URL       use this running server instead (a superuser URL); tests create databases on it
//	TANGPING_TEST_PG_REQUIRED  1: fail instead of skipping when no server can be had (CI)
const (
	envPGBin      = "TANGPING_TEST_PG_BIN"
	envPGURL      = "TANGPING_TEST_PG_URL"
	envPGRequired = "TANGPING_TEST_PG_REQUIRED"
)

// PGHarness gives a test package one throwaway PostgreSQL server, started
// the first time a test needs it and stopped by Run after the last test.
// Declare one per package and call Run from TestMain:
//
//	var pg testkit.PGHarness
//	func TestMain(m *testing.M) { os.Exit(pg.Run(m.Run)) }
type PGHarness struct {
	// Durable keeps fsync on (for benchmarks); tests run without it,
	// which loses nothing unless the machine itself goes down.
	Durable bool

	once sync.Once
	srv  *PGServer
	err  error
}

// Run runs the tests and stops the server if one was started.
func (h *PGHarness) Run(run func() int) int {
	code := run()
	if h.srv != nil {
		h.srv.Stop()
	}
	return code
}

// Need returns the package's server, starting it on first use. Without
// one the test is skipped with the reason, or fails when
// TANGPING_TEST_PG_REQUIRED=1.
func (h *PGHarness) Need(t testing.TB) *PGServer {
	t.Helper()
	h.once.Do(func() { h.srv, h.err = StartPostgres(h.Durable) })
	if h.err != nil {
		if os.Getenv(envPGRequired) == "1" {
			t.Fatalf("no PostgreSQL server for this test (%s=1): %v", envPGRequired, h.err)
		}
		t.Skipf("skipped: no PostgreSQL server can be started: %v", h.err)
	}
	return h.srv
}

// PGServer is a PostgreSQL server for tests: a throwaway one in a
// temporary folder, or the one TANGPING_TEST_PG_URL names.
type PGServer struct {
	bin, dir, data string
	port           int
	asUser         string // run the server's programs as this user ("" = as ourselves)
	admin          string // URL of the maintenance database
	password       string
	dbs            atomic.Int64
	external       bool
	// sentinel stops the server and removes its folder when this
	// process ends, however it ends (a panic or a test timeout skips
	// TestMain's stop): it waits for end-of-file on a pipe whose only
	// writer is this process.
	sentinel *exec.Cmd
	alive    *os.File
}

// StartPostgres initialises and starts a throwaway server on a free
// loopback port, with password authentication (scram-sha-256), so that
// the URLs the tests use carry a password as a real deployment's would.
func StartPostgres(durable bool) (*PGServer, error) {
	if u := os.Getenv(envPGURL); u != "" {
		s := &PGServer{admin: u, external: true}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, u)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", envPGURL, err)
		}
		_ = c.Close(ctx)
		return s, nil
	}
	bin, err := pgBin()
	if err != nil {
		return nil, err
	}
	s := &PGServer{bin: bin}
	if os.Geteuid() == 0 {
		// initdb refuses to run as root: run the server as postgres.
		if _, err := user.Lookup("postgres"); err != nil {
			return nil, errors.New("running as root and there is no postgres user to run the server as")
		}
		if _, err := exec.LookPath("runuser"); err != nil {
			return nil, errors.New("running as root and runuser is missing")
		}
		s.asUser = "postgres"
	}
	if s.dir, err = os.MkdirTemp("", "tangping-pg-"); err != nil {
		return nil, err
	}
	s.data = filepath.Join(s.dir, "data")
	s.password = randomHex(12)
	pwFile := filepath.Join(s.dir, "pw")
	if err := os.WriteFile(pwFile, []byte(s.password+"\n"), 0o600); err != nil {
		s.cleanup()
		return nil, err
	}
	if s.asUser != "" {
		if err := chownTo(s.dir, s.asUser); err != nil {
			s.cleanup()
			return nil, err
		}
		if err := chownTo(pwFile, s.asUser); err != nil {
			s.cleanup()
			return nil, err
		}
	}
	if out, err := s.run("initdb", "-D", s.data, "-U", "tangping", "--pwfile", pwFile, "--auth", "scram-sha-256",
		"-E", "UTF8", "--locale", "C", "--no-sync", "--no-instructions"); err != nil {
		s.cleanup()
		return nil, fmt.Errorf("initdb: %w\n%s", err, out)
	}
	conf := "\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '" + s.dir + "'\nmax_connections = 200\n"
	if !durable {
		conf += "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
	}
	f, err := os.OpenFile(filepath.Join(s.data, "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err == nil {
		_, err = f.WriteString(conf)
		_ = f.Close()
	}
	if err != nil {
		s.cleanup()
		return nil, err
	}
	if err := s.watch(); err != nil {
		s.cleanup()
		return nil, err
	}
	for try := 0; ; try++ {
		if s.port, err = freePort(); err != nil {
			s.cleanup()
			return nil, err
		}
		if err = s.Start(); err == nil {
			break
		}
		if try == 2 {
			s.cleanup()
			return nil, err
		}
	}
	s.admin = s.URL("postgres")
	return s, nil
}

// watch starts the sentinel (see PGServer.sentinel).
func (s *PGServer) watch() error {
	r, w, err := os.Pipe()
	if err != nil {
		return err
	}
	script := `read _; "$0" -D "$1" -m immediate stop >/dev/null 2>&1; rm -rf "$2"`
	args := []string{"-c", script, filepath.Join(s.bin, "pg_ctl"), s.data, s.dir}
	if s.asUser != "" {
		s.sentinel = exec.Command("runuser", append([]string{"-u", s.asUser, "--", "sh"}, args...)...)
	} else {
		s.sentinel = exec.Command("sh", args...)
	}
	s.sentinel.Stdin = r
	err = s.sentinel.Start()
	_ = r.Close()
	if err != nil {
		_ = w.Close()
		return err
	}
	s.alive = w
	return nil
}

// pgBin finds the folder with initdb and pg_ctl.
func pgBin() (string, error) {
	if d := os.Getenv(envPGBin); d != "" {
		return d, nil
	}
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		return filepath.Dir(p), nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "pg_ctl")); err == nil {
			return d, nil
		}
	}
	return "", fmt.Errorf("no PostgreSQL server programs (pg_ctl) on PATH, in /usr/lib/postgresql/*/bin or in $%s; install Debian's postgresql package", envPGBin)
}

func version(dir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return v
}

func (s *PGServer) run(prog string, args ...string) ([]byte, error) {
	path := filepath.Join(s.bin, prog)
	var cmd *exec.Cmd
	if s.asUser != "" {
		cmd = exec.Command("runuser", append([]string{"-u", s.asUser, "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	cmd.Dir = s.dir
	return cmd.CombinedOutput()
}

// Start starts the server (again, after Stop); it waits until the
// server accepts connections.
func (s *PGServer) Start() error {
	if s.external {
		return errors.New("the server of TANGPING_TEST_PG_URL is not ours to start")
	}
	out, err := s.run("pg_ctl", "-D", s.data, "-l", filepath.Join(s.dir, "log"), "-w", "-t", "60",
		"-o", "-p "+strconv.Itoa(s.port), "start")
	if err != nil {
		log, _ := os.ReadFile(filepath.Join(s.dir, "log"))
		return fmt.Errorf("pg_ctl start: %w\n%s\n%s", err, out, lastLines(string(log), 10))
	}
	return nil
}

// Stop stops the server: mode "fast" (the default: sessions are ended,
// as on a restart), "immediate" (as if it crashed). Only a throwaway
// server is stopped, and Stop after Run's final stop is harmless.
func (s *PGServer) Stop(mode ...string) error {
	if s.external {
		return nil
	}
	m := "fast"
	if len(mode) > 0 {
		m = mode[0]
	}
	out, err := s.run("pg_ctl", "-D", s.data, "-w", "-t", "60", "-m", m, "stop")
	if err != nil && !strings.Contains(string(out), "Is server running?") {
		return fmt.Errorf("pg_ctl stop: %w\n%s", err, out)
	}
	if len(mode) == 0 {
		s.cleanup()
	}
	return nil
}

// Restart stops the server (mode as Stop) and starts it again.
func (s *PGServer) Restart(mode string) error {
	if err := s.Stop(mode); err != nil {
		return err
	}
	return s.Start()
}

func (s *PGServer) cleanup() {
	if s.alive != nil {
		_ = s.alive.Close() // the sentinel stops what is left and removes the folder
		_ = s.sentinel.Wait()
		s.alive = nil
	}
	if s.dir != "" {
		_ = os.RemoveAll(s.dir)
	}
}

// URL is the connection URL of database db, password included.
func (s *PGServer) URL(db string) string {
	if s.external {
		u := s.admin
		i := strings.LastIndex(u, "/")
		q := ""
		if j := strings.Index(u[i:], "?"); j >= 0 {
			q = u[i+j:]
		}
		return u[:i+1] + db + q
	}
	return fmt.Sprintf("postgres://tangping:%s@127.0.0.1:%d/%s?sslmode=disable", s.password, s.port, db)
}

// Password is the throwaway server's password (for tests that check it
// never shows).
func (s *PGServer) Password() string { return s.password }

// PID is the throwaway server's main process (postmaster), for
// benchmarks that count its CPU time; 0 for an external server.
func (s *PGServer) PID() int {
	if s.external {
		return 0
	}
	data, err := os.ReadFile(filepath.Join(s.data, "postmaster.pid"))
	if err != nil {
		return 0
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(data), "\n", 2)[0]))
	return pid
}

// Database creates a new, empty database for one test and returns its URL.
func (s *PGServer) Database(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("t%d_%s", s.dbs.Add(1), randomHex(4))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, s.admin)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	return s.URL(name)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func chownTo(path, name string) error {
	u, err := user.Lookup(name)
	if err != nil {
		return err
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return os.Chown(path, uid, gid)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
