package diag

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/tangping-dev/tangping/internal/i18n"
)

// ReadFile reads a user's input file of at most limit bytes and turns
// every failure into an *Error that says what to do. "-" reads stdin.
func ReadFile(path string, limit int64, lang i18n.Lang) ([]byte, error) {
	if path == "-" {
		return ReadFrom(os.Stdin, Stdin, limit, lang)
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, New(path, describe(err, lang))
	}
	if st.IsDir() {
		return nil, New(path, lang.T("这是一个目录，不是文件。请指定一个文件。", "this is a directory, not a file. Name a file."))
	}
	if st.Size() > limit {
		return nil, New(path, tooLarge(limit, lang))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, New(path, describe(err, lang))
	}
	defer f.Close()
	// The size check above says nothing for a device or a pipe
	// (/dev/zero, /dev/stdin, a FIFO report size 0): read at most limit
	// bytes whatever it is, or a mistyped path could fill the memory.
	return ReadFrom(f, path, limit, lang)
}

// Stdin is how messages name standard input.
const Stdin = "(stdin)"

// ReadFrom reads at most limit bytes from r, a stream such as the
// program's standard input, and names it name in errors. Commands pass
// their own input stream, so that tests and SSH sessions can give one.
func ReadFrom(r io.Reader, name string, limit int64, lang i18n.Lang) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, New(name, lang.T("无法读取："+err.Error(), "cannot read: "+err.Error()))
	}
	if int64(len(data)) > limit {
		return nil, New(name, tooLarge(limit, lang))
	}
	return data, nil
}

func tooLarge(limit int64, lang i18n.Lang) string {
	return lang.T(fmt.Sprintf("文件超过 %d 字节，远大于正常大小。请确认选对了文件。", limit),
		fmt.Sprintf("the file is larger than %d bytes, far beyond the usual size. Check that this is the right file.", limit))
}

func describe(err error, lang i18n.Lang) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return lang.T("文件不存在。请检查路径是否正确。", "no such file. Check the path.")
	case errors.Is(err, os.ErrPermission):
		return lang.T("没有读取权限。请检查文件权限。", "permission denied. Check the file's permissions.")
	}
	return lang.T("无法读取："+err.Error(), "cannot read: "+err.Error())
}
