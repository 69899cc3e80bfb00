package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/i18n"
)

// checkLangFlag rejects a --lang that names neither language: falling back
// to Chinese without a word would leave an English reader guessing.
func checkLangFlag(args []string, l i18n.Lang) error {
	f := langFlag(args)
	if f == "" {
		return nil
	}
	if _, ok := i18n.Parse(f); !ok {
		return usagef(l, "不支持的界面语言 %q：--lang 只能是 zh 或 en。", "unsupported interface language %q: --lang takes zh or en.", f)
	}
	return nil
}

// rootArgs: the root command takes no arguments, so a word there is a
// mistyped command; say so, with cobra's suggestion, rather than "takes no
// arguments".
func rootArgs(l i18n.Lang) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return nil
		}
		return unknownCommand(l, cmd, args[0])
	}
}

// unknownCommand says that word is not one of cmd's commands, with the
// nearest ones, for "tangping reprot" and "tangping bank valdate" alike.
func unknownCommand(l i18n.Lang, cmd *cobra.Command, word string) error {
	path := cmd.CommandPath()
	var zh, en string
	if cmd.HasParent() {
		zh = fmt.Sprintf("%q 不是 %s 的命令。", word, path)
		en = fmt.Sprintf("%q is not a command of %s.", word, path)
	} else {
		zh = fmt.Sprintf("%q 不是 tangping 的命令。", word)
		en = fmt.Sprintf("%q is not a tangping command.", word)
	}
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2 // cobra's own default, set lazily
	}
	if s := cmd.SuggestionsFor(word); len(s) > 0 {
		zh += fmt.Sprintf("是不是想用 %s？", strings.Join(s, "、"))
		en += fmt.Sprintf(" Did you mean %s?", strings.Join(s, ", "))
	}
	return badInput(errors.New(l.T(zh+"运行 "+path+" --help 查看所有命令。", en+" Run "+path+" --help for the list of commands.")))
}

// outError explains a failed write of an output file by the path the
// person gave, not by the temporary file the atomic write went through.
// A directory given as the file is bad usage (exit 2); anything else is a
// runtime failure (exit 1).
func outError(l i18n.Lang, path, example string, err error) error {
	if st, serr := os.Stat(path); serr == nil && st.IsDir() {
		eg := filepath.Join(path, example)
		return badInput(diag.New(path, l.T("这是一个目录，不是文件。请写上文件名，例如 "+eg+"。",
			"this is a directory, not a file. Name a file, e.g. "+eg+".")))
	}
	var msg string
	switch {
	case errors.Is(err, fs.ErrPermission):
		msg = l.T("没有写入权限。请换一个位置，或检查目录权限。", "permission denied. Choose another place or check the folder's permissions.")
	case errors.Is(err, syscall.ENOSPC):
		msg = l.T("磁盘空间不足，文件没有写入（原有的同名文件不受影响）。请腾出空间或换一个位置。", "no space left on the disk; nothing was written (a file of that name is left as it was). Free some space or choose another place.")
	default:
		cause := err
		var pe *fs.PathError
		var le *os.LinkError
		if errors.As(err, &pe) {
			cause = pe.Err
		} else if errors.As(err, &le) {
			cause = le.Err
		}
		msg = l.T("无法写入（"+cause.Error()+"）。请检查路径。", "cannot write ("+cause.Error()+"). Check the path.")
	}
	return &exitError{code: ExitFailure, err: diag.Wrap(path, msg, err)}
}
