package diag

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/tangping-dev/tangping/internal/i18n"
)

// ReadFile reads a user's input file of at most limit bytes and turns
// every failure into an *Error that says what to do.
func ReadFile(path string, limit int64, lang i18n.Lang) ([]byte, error) {
	data, _, err := ReadRegular(path, limit, lang)
	return data, err
}

// ReadRegular reads path, which must be a regular file of at most limit
// bytes, and returns its contents and what fstat says of it (so that a
// caller can tell whether it is the file it is about to write). The file
// is opened without blocking and checked before any byte is read: a FIFO,
// a terminal or a device would otherwise hang the read or never end it
// (docs/verification.md). "-" is not standard input here; commands that
// take it read their own input stream with ReadFrom.
func ReadRegular(path string, limit int64, lang i18n.Lang) ([]byte, fs.FileInfo, error) {
	return ReadRegularInto(nil, path, limit, lang)
}

// ReadRegularInto is ReadRegular reading into buf's memory when it is
// large enough, so that a caller reading many files reuses one buffer
// (docs/performance.md). The returned bytes are buf's until the next
// call. The file is read in one read of its size and one that finds its
// end, not in ever-growing pieces.
func ReadRegularInto(buf []byte, path string, limit int64, lang i18n.Lang) ([]byte, fs.FileInfo, error) {
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, nil, Wrap(path, describe(err, lang), err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, Wrap(path, describe(err, lang), err)
	}
	if !st.Mode().IsRegular() {
		return nil, nil, New(path, notRegular(st.Mode(), lang))
	}
	if st.Size() > limit {
		return nil, nil, New(path, tooLarge(limit, lang))
	}
	// One byte more than the size, so that a file that grew since fstat
	// shows without another allocation; the limit still holds.
	if want := int(st.Size()) + 1; cap(buf) < want {
		buf = make([]byte, 0, want)
	}
	data := buf[:0]
	for int64(len(data)) <= limit {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // it grew since fstat
		}
		end := min(int64(cap(data)), limit+1)
		n, err := f.Read(data[len(data):end])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, Wrap(path, describe(err, lang), err)
		}
	}
	if int64(len(data)) > limit {
		// It grew while being read.
		return nil, nil, New(path, tooLarge(limit, lang))
	}
	return data, st, nil
}

// notRegular names what a path is when it is not a regular file.
func notRegular(m fs.FileMode, lang i18n.Lang) string {
	switch {
	case m.IsDir():
		return lang.T("这是一个目录，不是文件。请指定一个文件。", "this is a directory, not a file. Name a file.")
	case m&fs.ModeNamedPipe != 0:
		return lang.T("这是一个命名管道（FIFO），不是普通文件。tangping 只读取普通文件，以免无限等待；请先把内容存成文件。",
			"this is a named pipe (FIFO), not a regular file. tangping reads regular files only, so that it never waits for ever; save the contents to a file first.")
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return lang.T("这是一个设备，不是普通文件。tangping 只读取普通文件；要从标准输入读取，请在支持的地方写 -。",
			"this is a device, not a regular file. tangping reads regular files only; to read standard input, write - where a command accepts it.")
	case m&fs.ModeSocket != 0:
		return lang.T("这是一个套接字，不是普通文件。", "this is a socket, not a regular file.")
	}
	return lang.T("这不是普通文件。tangping 只读取普通文件。", "this is not a regular file. tangping reads regular files only.")
}

// Stdin is how messages name standard input.
const Stdin = "(stdin)"

// ReadFrom reads at most limit bytes from r, a stream such as the
// program's standard input, and names it name in errors. Commands pass
// their own input stream, so that tests and SSH sessions can give one.
// It returns ctx's error as soon as ctx is done, even while r blocks (a
// terminal nobody types into): Ctrl+C ends the wait at once. The read
// itself is then abandoned; the process is about to end.
func ReadFrom(ctx context.Context, r io.Reader, name string, limit int64, lang i18n.Lang) ([]byte, error) {
	type read struct {
		data []byte
		err  error
	}
	done := make(chan read, 1)
	go func() {
		data, err := io.ReadAll(io.LimitReader(r, limit+1))
		done <- read{data, err}
	}()
	var got read
	select {
	case got = <-done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if got.err != nil {
		return nil, Wrap(name, lang.T("无法读取："+got.err.Error(), "cannot read: "+got.err.Error()), got.err)
	}
	if int64(len(got.data)) > limit {
		return nil, New(name, tooLarge(limit, lang))
	}
	return got.data, nil
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
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return lang.T("无法读取："+err.Error(), "cannot read: "+err.Error())
}
