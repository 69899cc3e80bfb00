package diag

import (
	"bytes"
	"unicode/utf8"

	"github.com/tangping-dev/tangping/internal/i18n"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// Text checks that a user's input file is UTF-8 text and returns it
// without a leading UTF-8 byte-order mark. Windows editors (Notepad, WPS)
// write that mark, or save as UTF-16 or GBK, which would otherwise turn
// into a puzzling syntax error or, worse, pass as garbled names.
func Text(name string, data []byte, lang i18n.Lang) ([]byte, error) {
	if bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE) {
		return nil, New(name, lang.T(
			"文件是 UTF-16（“Unicode”）编码，本程序只读 UTF-8。请用记事本或 WPS 打开，另存为时把编码选为“UTF-8”。",
			"the file is encoded as UTF-16 (\"Unicode\"); tangping reads UTF-8 only. Open it in an editor and save it again with the encoding set to UTF-8."))
	}
	data = bytes.TrimPrefix(data, bomUTF8)
	if utf8.Valid(data) {
		return data, nil
	}
	off := 0
	for off < len(data) {
		r, size := utf8.DecodeRune(data[off:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		off += size
	}
	if !utf8.FullRune(data[off:]) {
		// Only the last character is cut short: the file was truncated
		// in the middle of a character, not saved in another encoding.
		// Let the parser report the truncation.
		return data, nil
	}
	line, col := LineCol(data, int64(off))
	return nil, At(name, line, col, lang.T(
		"文件不是 UTF-8 编码（这里的字节无法识别），中文可能是按 GBK/GB2312 保存的。请用记事本或 WPS 打开，另存为时把编码选为“UTF-8”。",
		"the file is not UTF-8 (the bytes here cannot be read); Chinese text may have been saved as GBK/GB2312. Open it in an editor and save it again with the encoding set to UTF-8."))
}
