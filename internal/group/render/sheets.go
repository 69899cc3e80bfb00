package render

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tangping-dev/tangping/internal/group"
)

// cellText renders a value for CSV. Text that a spreadsheet would take
// for a formula (a unit named "=HYPERLINK(…)", say) gets a leading
// apostrophe, the usual guard against formula injection.
func cellText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		if x != "" && strings.ContainsRune("=+-@\t\r", rune(x[0])) {
			return "'" + x
		}
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// CSV writes the report as one tidy table, UTF-8 with a byte-order mark
// so that Excel and WPS open the Chinese text correctly. The kind column
// says what each row is.
func CSV(w io.Writer, r *group.Report) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	recs := records(r)
	cols := csvColumns(maxBands(recs))
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // what Excel writes and expects
	if err := cw.Write(cols); err != nil {
		return err
	}
	row := make([]string, len(cols))
	for _, x := range recs {
		for i, c := range cols {
			row[i] = cellText(x[c])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
