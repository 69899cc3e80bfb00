package autosave

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/lockfile"
	"github.com/tangping-dev/tangping/internal/result"
)

// lockName is the lock file in the state folder.
const lockName = "take.lock"

// BusyError says that another tangping take is using the state folder.
type BusyError struct {
	Dir    string
	Holder lockfile.Holder // zero when it could not be read
	Lang   i18n.Lang
}

func (e *BusyError) Error() string {
	l, h := e.Lang, e.Holder
	who := l.T("另一个 tangping 进程", "another tangping process")
	if h.PID > 0 {
		who = l.T(fmt.Sprintf("另一个 tangping（进程 %d，启动于 %s）", h.PID, h.Started.Local().Format("2006-01-02 15:04:05")),
			fmt.Sprintf("another tangping (process %d, started %s)", h.PID, h.Started.Local().Format("2006-01-02 15:04:05")))
	}
	return l.T(
		fmt.Sprintf("%s正在使用状态目录 %s 作答。同一个状态目录一次只能有一个 tangping take，否则两边会互相覆盖进度；本次什么也没有改动。请回到那个窗口继续作答，或等它结束后再运行。", who, e.Dir),
		fmt.Sprintf("%s is taking the questionnaire in the state folder %s. Only one tangping take may use a state folder at a time, or each would overwrite the other's progress; nothing was changed. Go back to that window, or run this again once it has ended.", who, e.Dir))
}

// Lock takes the state folder dir for one run of take, before anything
// in it is read or changed (docs/verification.md): a second take on the
// same folder gets a *BusyError and changes nothing. The lock goes with
// the process however it ends, kill -9 included. Holding it, Lock removes
// the temporary files that a killed write left in the progress and
// results folders. started is when this run started, for the message
// another run would show.
func Lock(dir string, started time.Time, lang i18n.Lang) (release func(), err error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	l, err := lockfile.Acquire(filepath.Join(dir, lockName), started)
	var busy *lockfile.BusyError
	switch {
	case errors.As(err, &busy):
		return nil, &BusyError{Dir: dir, Holder: busy.Holder, Lang: lang}
	case errors.Is(err, lockfile.ErrUnsupported):
		return func() {}, nil
	case err != nil:
		return nil, err
	}
	for _, sub := range []string{"progress", "results"} {
		if _, err := result.CleanTemp(filepath.Join(dir, sub)); err != nil {
			l.Release()
			return nil, err
		}
	}
	return l.Release, nil
}
