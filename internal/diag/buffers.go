package diag

import (
	"io/fs"
	"sync"

	"github.com/tangping-dev/tangping/internal/i18n"
)

// Buffers lends read buffers to readers of many files, so that reading
// the next file reuses the memory of the last (group reads 100,000
// results; docs/performance.md). It is safe for concurrent use; the zero
// value is ready.
type Buffers struct{ pool sync.Pool }

// ReadRegular reads path as the package's ReadRegular does, into a lent
// buffer, and calls use with the bytes, which are valid only during the
// call: use must keep nothing of them.
func (b *Buffers) ReadRegular(path string, limit int64, lang i18n.Lang, use func(data []byte, fi fs.FileInfo) error) error {
	buf, _ := b.pool.Get().(*[]byte)
	if buf == nil {
		buf = new([]byte)
	}
	defer b.pool.Put(buf)
	data, fi, err := ReadRegularInto(*buf, path, limit, lang)
	if err != nil {
		return err
	}
	if cap(data) > cap(*buf) {
		*buf = data[:0]
	}
	return use(data, fi)
}
