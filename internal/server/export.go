package server

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/store"
)

// OpenData opens serve's database, for export and `tangping group
// --data`, which may run while servers do (SQLite's WAL lets them read
// alongside one): the database in data directory data, or the
// PostgreSQL database data names.
func OpenData(ctx context.Context, data string, l i18n.Lang) (store.Store, error) {
	if store.IsURL(data) {
		return store.OpenPostgres(ctx, data)
	}
	dir := data
	path := filepath.Join(dir, DBFile)
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, diag.Because(l.T(
				fmt.Sprintf("%s 里没有会话数据（找不到 %s）。请用 tangping serve 启动时的 --data 目录。", dir, DBFile),
				fmt.Sprintf("no session data in %s (no %s). Use the --data directory tangping serve ran with.", dir, DBFile)), err)
		}
		return nil, err
	}
	return store.OpenSQLite(path)
}

// Results returns the completed results in the data directory dir, of
// one session or of every session ("").
func Results(ctx context.Context, dir, session string, l i18n.Lang) ([]*result.Result, error) {
	st, err := OpenData(ctx, dir, l)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	if session != "" {
		if err := knownSession(ctx, st, session, l); err != nil {
			return nil, err
		}
	}
	done, err := st.Results(ctx, session, 0)
	if err != nil {
		return nil, err
	}
	out := make([]*result.Result, len(done))
	for i, c := range done {
		out[i] = c.Result
	}
	return out, nil
}

// UnknownSessionError is returned by Results and Export when the session
// named does not exist in the data directory; its message names those
// that do.
type UnknownSessionError struct{ msg string }

func (e *UnknownSessionError) Error() string { return e.msg }

func knownSession(ctx context.Context, st store.Store, session string, l i18n.Lang) error {
	all, err := st.Sessions(ctx)
	if err != nil {
		return err
	}
	var names []string
	for _, se := range all {
		if se.Name == session {
			return nil
		}
		names = append(names, se.Name)
	}
	if len(names) == 0 {
		return &UnknownSessionError{l.T(
			fmt.Sprintf("没有名为 %q 的会话：这个数据目录里还没有任何会话。", session),
			fmt.Sprintf("no session named %q: this data directory has no sessions yet.", session))}
	}
	return &UnknownSessionError{l.T(
		fmt.Sprintf("没有名为 %q 的会话。现有的会话：%s。请用 --session 指定其中一个，或不加 --session 导出全部。", session, strings.Join(names, "、")),
		fmt.Sprintf("no session named %q. Sessions here: %s. Name one with --session, or leave it out to export them all.", session, strings.Join(names, ", ")))}
}

// Export writes every completed result of session ("" = every session)
// in dir to outDir as result JSON files, atomically with mode 0600, named
// as the live profile names its sources. It returns the files written.
func Export(ctx context.Context, dir, session, outDir string, l i18n.Lang) ([]string, error) {
	rs, err := Results(ctx, dir, session, l)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, r := range rs {
		path := filepath.Join(outDir, Source(r))
		if err := result.WriteFile(path, r); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// StoredSession is the session named session in st, or an
// UnknownSessionError naming the sessions that exist.
func StoredSession(ctx context.Context, st store.Store, session string, l i18n.Lang) (store.Session, error) {
	se, err := st.Session(ctx, session)
	if !errors.Is(err, store.ErrNotFound) {
		return se, err
	}
	all, err := st.Sessions(ctx)
	if err != nil {
		return se, err
	}
	var names []string
	for _, x := range all {
		names = append(names, x.Name)
	}
	return se, &UnknownSessionError{l.T(
		fmt.Sprintf("没有名为 %q 的会话（现有：%s）。请用 --session 指定其中一个，或用 --code 给出会议码。", session, strings.Join(names, "、")),
		fmt.Sprintf("no session named %q (there are: %s). Name one with --session, or give the code with --code.", session, strings.Join(names, ", ")))}
}
