// Package autosave owns a questionnaire in progress: the answers given so
// far, where the person stopped, and how that is kept on disk under the
// user's state directory so that a crash, a kill or a closed window loses
// no answer already given.
package autosave

import (
	"errors"
	"maps"
	"path/filepath"
	"runtime"
	"time"

	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// State is one questionnaire in progress.
type State struct {
	BankID     string            `json:"bank"`
	BankSHA256 string            `json:"bank_sha256"`
	Lang       string            `json:"lang"`
	Respondent result.Respondent `json:"respondent"`
	StartedAt  time.Time         `json:"started_at"`
	Cursor     int               `json:"cursor"`  // index of the question on screen
	Answers    map[string]int    `json:"answers"` // item id -> raw 0..4
	MS         map[string]int64  `json:"ms"`      // item id -> ms spent
	UpdatedAt  time.Time         `json:"updated_at"`
}

// Store persists progress. Save must be durable when it returns nil: the
// TUI calls it after every answer and before the next question is shown.
type Store interface {
	Save(State) error
}

// AppName is the folder under the platform's state directory.
const AppName = "tangping"

// Dir returns tangping's state directory: $XDG_STATE_HOME/tangping, or
// the platform's equivalent under home (the same defaults as
// github.com/adrg/xdg). getenv and home are injected so that tests and SSH
// sessions can redirect it; nothing here reads the process environment.
func Dir(getenv func(string) string, home string, lang i18n.Lang) (string, error) {
	return dirFor(runtime.GOOS, getenv, home, lang)
}

func dirFor(goos string, getenv func(string) string, home string, lang i18n.Lang) (string, error) {
	// The XDG spec says relative paths are invalid and must be ignored.
	if d := getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, AppName), nil
	}
	if goos == "windows" {
		if d := getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, AppName), nil
		}
	}
	if home == "" {
		return "", errors.New(lang.T(
			"找不到保存进度的目录：HOME 和 XDG_STATE_HOME 都没有设置。请设置其中一个，例如 export XDG_STATE_HOME=$PWD/state。",
			"cannot find where to keep progress: neither HOME nor XDG_STATE_HOME is set. Set one of them, e.g. export XDG_STATE_HOME=$PWD/state."))
	}
	switch goos {
	case "darwin", "ios":
		return filepath.Join(home, "Library", "Application Support", AppName), nil
	case "windows":
		return filepath.Join(home, "AppData", "Local", AppName), nil
	case "plan9":
		return filepath.Join(home, "lib", "state", AppName), nil
	}
	return filepath.Join(home, ".local", "state", AppName), nil
}

// Home returns the user's home directory from the injected environment.
func Home(getenv func(string) string) string {
	if h := getenv("HOME"); h != "" {
		return h
	}
	return getenv("USERPROFILE")
}

// Answered counts the answers given so far.
func (s State) Answered() int { return len(s.Answers) }

// Memory is a Store that keeps every saved state in memory, in order: for
// tests and for runs that must leave nothing on disk.
type Memory struct{ Saves []State }

// Save records a copy of s.
func (m *Memory) Save(s State) error {
	s.Answers, s.MS = maps.Clone(s.Answers), maps.Clone(s.MS)
	m.Saves = append(m.Saves, s)
	return nil
}

// Last is the state saved last; the zero State when nothing was saved.
func (m *Memory) Last() State {
	if len(m.Saves) == 0 {
		return State{}
	}
	return m.Saves[len(m.Saves)-1]
}
