package autosave

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
)

// maxFileSize bounds a progress file: a real one is a few KiB.
const maxFileSize = 1 << 20

// File keeps the progress of one bank in one file under the state
// directory. The file name carries the bank's id and hash, so a changed
// bank never resumes onto the wrong items.
type File struct {
	Dir        string // the state directory (see Dir)
	BankID     string
	BankSHA256 string
	Lang       i18n.Lang        // language of messages
	Now        func() time.Time // names the file a corrupt one is moved to
}

// Path is where the progress is kept.
func (f *File) Path() string {
	return filepath.Join(f.Dir, "progress", safeName(f.BankID)+"-"+short(f.BankSHA256)+".json")
}

// Save writes s atomically with mode 0600 and returns only once it is on
// disk: file and folder are synced.
func (f *File) Save(s State) error {
	if s.BankID != f.BankID || s.BankSHA256 != f.BankSHA256 {
		return fmt.Errorf("autosave: progress of bank %s (%s) given to the store of bank %s (%s)",
			s.BankID, short(s.BankSHA256), f.BankID, short(f.BankSHA256))
	}
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	if err := f.ensureDirs(); err != nil {
		return err
	}
	// WriteAtomic syncs the file and then the folder, so the new name
	// survives a power cut and not only a killed process.
	if err := result.WriteAtomic(f.Path(), append(data, '\n')); err != nil {
		return f.saveErr(err)
	}
	return nil
}

func (f *File) saveErr(err error) error {
	return fmt.Errorf(f.Lang.T("无法保存作答进度（%w）。请检查磁盘空间和目录 %s 的权限。", "cannot save progress (%w). Check free disk space and the permissions of %s."),
		err, filepath.Dir(f.Path()))
}

// ensureDirs creates the state and progress folders private (0700), and
// makes them private again if something else created them open.
func (f *File) ensureDirs() error {
	for _, d := range []string{f.Dir, filepath.Dir(f.Path())} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return f.saveErr(err)
		}
		if fi, err := os.Stat(d); err == nil && fi.Mode().Perm()&0o077 != 0 {
			if err := os.Chmod(d, 0o700); err != nil {
				return f.saveErr(err)
			}
		}
	}
	return nil
}

// Load returns the saved progress, or nil when there is none. A file that
// cannot be read back is moved aside (never deleted) and reported as a
// *CorruptError, so the caller can say so and start afresh.
func (f *File) Load() (*State, error) {
	path := f.Path()
	data, err := readSmall(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf(f.Lang.T("无法读取作答进度 %s（%w）。请检查该文件的权限，或用 --fresh 重新开始。", "cannot read progress %s (%w). Check the file's permissions, or start over with --fresh."),
			path, err)
	}
	s, why := f.decode(data)
	if why == "" {
		return s, nil
	}
	moved := path + ".corrupt-" + f.now().Format("20060102-150405")
	if err := os.Rename(path, moved); err != nil {
		moved = ""
	}
	return nil, &CorruptError{Path: path, MovedTo: moved, Why: why, Lang: f.Lang}
}

func readSmall(path string) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	// One byte over the limit is enough for decode to say it is too large.
	return io.ReadAll(io.LimitReader(fh, maxFileSize+1))
}

// decode checks a progress file; why says in the interface language what
// is wrong with it, or is empty when it is sound.
func (f *File) decode(data []byte) (*State, string) {
	l := f.Lang
	if len(data) > maxFileSize {
		return nil, l.T("文件过大", "the file is too large")
	}
	var s State
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, l.T("不是有效的 JSON："+err.Error(), "not valid JSON: "+err.Error())
	}
	if s.BankID != f.BankID || s.BankSHA256 != f.BankSHA256 {
		return nil, l.T("文件属于另一份题库", "the file belongs to another bank")
	}
	for id, r := range s.Answers {
		if r < 0 || r > 4 {
			return nil, l.T(fmt.Sprintf("题目 %s 的答案 %d 不在 0–4 之内", id, r), fmt.Sprintf("item %s has answer %d, outside 0–4", id, r))
		}
	}
	for id, ms := range s.MS {
		if ms < 0 {
			return nil, l.T(fmt.Sprintf("题目 %s 的用时为负数", id), fmt.Sprintf("item %s has a negative time", id))
		}
	}
	if s.Answers == nil {
		s.Answers = map[string]int{}
	}
	if s.MS == nil {
		s.MS = map[string]int64{}
	}
	return &s, ""
}

// Clear removes the saved progress; it is not an error when there is none.
func (f *File) Clear() error {
	if err := os.Remove(f.Path()); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

func (f *File) now() time.Time {
	if f.Now != nil {
		return f.Now()
	}
	return time.Now()
}

// CorruptError reports a progress file that could not be read back. The
// file was moved to MovedTo so that nothing is lost.
type CorruptError struct {
	Path, MovedTo, Why string
	Lang               i18n.Lang
}

func (e *CorruptError) Error() string {
	if e.MovedTo == "" {
		return e.Lang.T(
			fmt.Sprintf("上次的作答进度 %s 已损坏（%s），无法继续。请把它移走或删除后再运行；也可以用 --fresh 重新开始。", e.Path, e.Why),
			fmt.Sprintf("the saved progress %s is damaged (%s) and cannot be resumed. Move or delete it and run again, or start over with --fresh.", e.Path, e.Why))
	}
	return e.Lang.T(
		fmt.Sprintf("上次的作答进度 %s 已损坏（%s），无法继续；原文件已另存为 %s。本次将重新开始。", e.Path, e.Why, e.MovedTo),
		fmt.Sprintf("the saved progress %s is damaged (%s) and cannot be resumed; it was kept as %s. Starting afresh.", e.Path, e.Why, e.MovedTo))
}

// safeName keeps a bank id usable as part of a file name.
func safeName(id string) string {
	var b strings.Builder
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "bank"
	}
	return b.String()
}

func short(sha string) string {
	if len(sha) > 16 {
		return sha[:16]
	}
	return sha
}
