package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/server"
	"github.com/tangping-dev/tangping/internal/store"
)

// outputFlag adds -o/--output, the one spelling of "write to this file"
// on every command (docs/verification.md). --out, the old spelling of
// score, take and group, is kept as a hidden alias.
func outputFlag(f *pflag.FlagSet, p *string, usage string) {
	f.StringVarP(p, "output", "o", "", usage)
	prev := f.GetNormalizeFunc()
	f.SetNormalizeFunc(func(f *pflag.FlagSet, name string) pflag.NormalizedName {
		if name == "out" {
			name = "output"
		}
		return prev(f, name)
	})
}

// output is where a command's document goes: standard output for "" or
// "-" (never a file named "-"), else a file written atomically with mode
// 0600.
type output struct {
	path string      // "" for standard output
	info fs.FileInfo // the file now at path, when there is one
}

func (o *output) stdout() bool { return o.path == "" }

// is reports whether fi, an input just opened, is the output file: the
// same file whatever the path (a symbolic or a hard link).
func (o *output) is(fi fs.FileInfo) bool {
	return o.info != nil && fi != nil && os.SameFile(o.info, fi)
}

// outputFor resolves an -o value and refuses one that names an input:
// writing there would replace what is being read (a result replaced by
// its own HTML report, exit 0). inputs are the paths the command reads;
// "-" and "" among them are standard input and ignored.
func (a *App) outputFor(path string, inputs ...string) (*output, error) {
	if path == "" || path == "-" {
		return &output{}, nil
	}
	o := &output{path: path}
	if st, err := os.Stat(path); err == nil && !st.IsDir() {
		o.info = st
	}
	for _, in := range inputs {
		if in == "" || in == "-" {
			continue
		}
		same := samePath(in, path)
		if !same && o.info != nil {
			if st, err := os.Stat(in); err == nil {
				same = os.SameFile(st, o.info)
			}
		}
		if same {
			return nil, a.overwriteErr(path, in)
		}
	}
	return o, nil
}

// dataFiles are the files of serve's database in data, a data directory
// (none for a postgres:// URL): no output may replace them, as no output
// may replace a file it reads (docs/verification.md).
func dataFiles(data string) []string {
	if data == "" || store.IsURL(data) {
		return nil
	}
	db := filepath.Join(data, server.DBFile)
	return []string{db, db + "-wal", db + "-shm"}
}

// overwriteErr refuses to write the output over input in.
func (a *App) overwriteErr(out, in string) error {
	l := a.Lang
	what := l.T("这正是要读取的文件 "+in, "it is the input "+in)
	if !samePath(in, out) {
		what = l.T("它与输入文件 "+in+" 是同一个文件", "it is the same file as the input "+in)
	}
	return badInput(diag.New(out, l.T(
		fmt.Sprintf("不能写到这里：%s，写入会覆盖它。请给输出另起一个文件名。", what),
		fmt.Sprintf("cannot write here: %s, and writing would replace it. Give the output a name of its own.", what))))
}

func samePath(a, b string) bool {
	x, err1 := filepath.Abs(a)
	y, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && x == y
}

// write puts data where o says: standard output, or the file atomically
// with mode 0600. example names a file for the message when o is a
// folder. written reports whether a file was written, for the "wrote …"
// line.
func (a *App) write(o *output, data []byte, example string) (written bool, err error) {
	if o.stdout() {
		_, err := a.Out.Write(data)
		return false, err
	}
	if err := result.WriteAtomic(o.path, data); err != nil {
		return false, outError(a.Lang, o.path, example, err)
	}
	return true, nil
}
