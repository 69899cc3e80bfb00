// Package xlsx writes a small Office Open XML workbook (.xlsx): sheets of
// text and numbers with cell styles, column widths, row heights, a frozen
// and filtered header row and a print setup. It writes what the group
// report needs and nothing else; it reads nothing.
//
// It exists so that the program does not link a general spreadsheet
// library whose package initialisation every command would pay at start,
// though only `group --format xlsx` writes a workbook
// (docs/performance.md). The tests read its output back with such a
// library; bench/render-reports.sh prints it through LibreOffice.
package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxCellChars is the most characters a cell holds; longer text is cut,
// as spreadsheet programs do.
const MaxCellChars = 32767

// Style is how a cell looks. Colours are RRGGBB hex.
type Style struct {
	Bold         bool
	Fill         string // solid background
	BorderBottom string // a thin line under the cell
	Horizontal   string // "", "left", "center", "right"
	Vertical     string // "", "top", "center", "bottom"
	Wrap         bool
	NumFmt       string // a number format such as "0.0" or "0%"; "" is General
}

// Page is a sheet's print setup.
type Page struct {
	Landscape  bool
	PaperSize  int  // 9 is A4
	FitToWidth bool // one page wide, as many long as it needs
	// Margins in inches: left and right, top and bottom, and the
	// header's and footer's distance from the paper's edge.
	Side, Edge, Band float64
	Header, Footer   string // in the spreadsheet's header codes (&L, &C, &R, &P, &N, &A)
	RepeatHeader     bool   // print the first row on every page
}

// Workbook is a workbook being built; Write writes it.
type Workbook struct {
	sheets  []*Sheet
	styles  []Style
	strs    []string
	strIdx  map[string]int
	numFmts []string
}

// Sheet is one worksheet. Rows are added in order.
type Sheet struct {
	name         string
	widths       []float64 // by column; 0 is the default
	rows         []row
	FreezeHeader bool // keep the first row in view when scrolling
	AutoFilter   bool // a filter button on every column of the first row
	Page         Page
}

type row struct {
	cells  []cell
	height float64 // points; 0 is the default
}

type cell struct {
	kind  byte // 0 empty, 's' shared string, 'n' number
	value string
	style int
}

// New starts an empty workbook.
func New() *Workbook {
	return &Workbook{styles: []Style{{}}, strIdx: map[string]int{}}
}

// AddSheet adds a sheet named name (at most 31 characters, none of
// []:*?/\, unique ignoring case).
func (w *Workbook) AddSheet(name string) (*Sheet, error) {
	if name == "" || utf8.RuneCountInString(name) > 31 || strings.ContainsAny(name, `[]:*?/\`) ||
		strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'") {
		return nil, fmt.Errorf("xlsx: sheet name %q: 1 to 31 characters, none of []:*?/\\ and no quote at either end", name)
	}
	for _, s := range w.sheets {
		if strings.EqualFold(s.name, name) {
			return nil, fmt.Errorf("xlsx: two sheets named %q", name)
		}
	}
	s := &Sheet{name: name}
	w.sheets = append(w.sheets, s)
	return s, nil
}

// Style returns the id of a cell style, the same id for the same style.
func (w *Workbook) Style(s Style) int {
	for i, have := range w.styles {
		if have == s {
			return i
		}
	}
	w.styles = append(w.styles, s)
	return len(w.styles) - 1
}

// SetWidth sets column col's (0-based) width in characters of the
// default font.
func (s *Sheet) SetWidth(col int, width float64) {
	for len(s.widths) <= col {
		s.widths = append(s.widths, 0)
	}
	s.widths[col] = width
}

// AddRow appends a row: each value is nil (an empty cell), a string, an
// integer or a float64 (NaN and infinities are left empty); anything
// else is written as its fmt.Sprint text. styles[i] styles value i (a
// missing entry is the default style); height is the row's height in
// points, 0 for the default.
func (w *Workbook) AddRow(s *Sheet, values []any, styles []int, height float64) {
	r := row{cells: make([]cell, len(values)), height: height}
	for i, v := range values {
		c := cell{}
		if i < len(styles) {
			c.style = styles[i]
		}
		switch x := v.(type) {
		case nil:
		case string:
			c.kind, c.value = 's', w.str(x)
		case int:
			c.kind, c.value = 'n', strconv.Itoa(x)
		case int64:
			c.kind, c.value = 'n', strconv.FormatInt(x, 10)
		case float64:
			if !math.IsNaN(x) && !math.IsInf(x, 0) {
				c.kind, c.value = 'n', strconv.FormatFloat(x, 'f', -1, 64)
			}
		default:
			c.kind, c.value = 's', w.str(fmt.Sprint(x))
		}
		r.cells[i] = c
	}
	s.rows = append(s.rows, r)
}

// str interns a shared string and returns its index as text.
func (w *Workbook) str(s string) string {
	if utf8.RuneCountInString(s) > MaxCellChars {
		s = string([]rune(s)[:MaxCellChars])
	}
	i, ok := w.strIdx[s]
	if !ok {
		i = len(w.strs)
		w.strs = append(w.strs, s)
		w.strIdx[s] = i
	}
	return strconv.Itoa(i)
}

// Write writes the workbook as a zip archive.
func (w *Workbook) Write(out io.Writer) error {
	if len(w.sheets) == 0 {
		return fmt.Errorf("xlsx: a workbook needs a sheet")
	}
	z := zip.NewWriter(out)
	parts := []struct {
		name string
		fill func(*bytes.Buffer)
	}{
		{"[Content_Types].xml", w.contentTypes},
		{"_rels/.rels", rootRels},
		{"docProps/app.xml", appProps},
		{"xl/workbook.xml", w.workbook},
		{"xl/_rels/workbook.xml.rels", w.workbookRels},
		{"xl/styles.xml", w.stylesheet},
		{"xl/sharedStrings.xml", w.sharedStrings},
	}
	for i, s := range w.sheets {
		parts = append(parts, struct {
			name string
			fill func(*bytes.Buffer)
		}{fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), s.xml})
	}
	var b bytes.Buffer
	for _, p := range parts {
		b.Reset()
		b.WriteString(xml.Header)
		p.fill(&b)
		f, err := z.Create(p.name)
		if err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
		if _, err := f.Write(b.Bytes()); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
	}
	if err := z.Close(); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

const (
	nsMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkg  = "http://schemas.openxmlformats.org/package/2006/relationships"
	ctBase = "application/vnd.openxmlformats-officedocument."
)

func (w *Workbook) contentTypes(b *bytes.Buffer) {
	b.WriteString(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="` + ctBase + `spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="` + ctBase + `spreadsheetml.styles+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="` + ctBase + `spreadsheetml.sharedStrings+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="` + ctBase + `extended-properties+xml"/>`)
	for i := range w.sheets {
		fmt.Fprintf(b, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="`+ctBase+`spreadsheetml.worksheet+xml"/>`, i+1)
	}
	b.WriteString(`</Types>`)
}

func rootRels(b *bytes.Buffer) {
	b.WriteString(`<Relationships xmlns="` + nsPkg + `">` +
		`<Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/>` +
		`<Relationship Id="rId2" Type="` + nsRel + `/extended-properties" Target="docProps/app.xml"/>` +
		`</Relationships>`)
}

func appProps(b *bytes.Buffer) {
	b.WriteString(`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
		`<Application>tangping</Application></Properties>`)
}

// Relationship ids in the workbook: the sheets first (rId1…), then the
// styles and the shared strings.
func (w *Workbook) workbookRels(b *bytes.Buffer) {
	b.WriteString(`<Relationships xmlns="` + nsPkg + `">`)
	for i := range w.sheets {
		fmt.Fprintf(b, `<Relationship Id="rId%d" Type="`+nsRel+`/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
	}
	n := len(w.sheets)
	fmt.Fprintf(b, `<Relationship Id="rId%d" Type="`+nsRel+`/styles" Target="styles.xml"/>`, n+1)
	fmt.Fprintf(b, `<Relationship Id="rId%d" Type="`+nsRel+`/sharedStrings" Target="sharedStrings.xml"/>`, n+2)
	b.WriteString(`</Relationships>`)
}

func (w *Workbook) workbook(b *bytes.Buffer) {
	b.WriteString(`<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><bookViews><workbookView/></bookViews><sheets>`)
	for i, s := range w.sheets {
		fmt.Fprintf(b, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, attr(s.name), i+1, i+1)
	}
	b.WriteString(`</sheets>`)
	var names bytes.Buffer
	for i, s := range w.sheets {
		quoted := "'" + strings.ReplaceAll(s.name, "'", "''") + "'"
		if s.AutoFilter && len(s.rows) > 0 {
			fmt.Fprintf(&names, `<definedName name="_xlnm._FilterDatabase" localSheetId="%d" hidden="1">%s!%s</definedName>`,
				i, text(quoted), s.filterRef())
		}
		if s.Page.RepeatHeader {
			fmt.Fprintf(&names, `<definedName name="_xlnm.Print_Titles" localSheetId="%d">%s!$1:$1</definedName>`, i, text(quoted))
		}
	}
	if names.Len() > 0 {
		b.WriteString(`<definedNames>`)
		b.Write(names.Bytes())
		b.WriteString(`</definedNames>`)
	}
	b.WriteString(`</workbook>`)
}

// numFmtID gives every number format a custom id from 164 on, the first
// id a workbook may define.
func (w *Workbook) numFmtID(f string) int {
	if f == "" {
		return 0
	}
	for i, have := range w.numFmts {
		if have == f {
			return 164 + i
		}
	}
	w.numFmts = append(w.numFmts, f)
	return 163 + len(w.numFmts)
}

// stylesheet writes one font, fill and border per style that needs one,
// after the defaults every workbook has (a plain font; no fill and the
// gray125 fill; no border).
func (w *Workbook) stylesheet(b *bytes.Buffer) {
	w.numFmts = w.numFmts[:0]
	type xf struct{ num, font, fill, border int }
	xfs := make([]xf, len(w.styles))
	var fonts, fills, borders []string
	// index adds part to list unless it is there, and returns its
	// position after the skip defaults.
	index := func(list *[]string, part string, skip int) int {
		i := slices.Index(*list, part)
		if i < 0 {
			*list = append(*list, part)
			i = len(*list) - 1
		}
		return i + skip
	}
	for i, s := range w.styles {
		x := xf{num: w.numFmtID(s.NumFmt)}
		if s.Bold {
			x.font = index(&fonts, `<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>`, 1)
		}
		if s.Fill != "" {
			x.fill = index(&fills, `<fill><patternFill patternType="solid"><fgColor rgb="FF`+attr(s.Fill)+`"/></patternFill></fill>`, 2)
		}
		if s.BorderBottom != "" {
			x.border = index(&borders, `<border><left/><right/><top/><bottom style="thin"><color rgb="FF`+attr(s.BorderBottom)+`"/></bottom><diagonal/></border>`, 1)
		}
		xfs[i] = x
	}
	b.WriteString(`<styleSheet xmlns="` + nsMain + `">`)
	if len(w.numFmts) > 0 {
		fmt.Fprintf(b, `<numFmts count="%d">`, len(w.numFmts))
		for i, f := range w.numFmts {
			fmt.Fprintf(b, `<numFmt numFmtId="%d" formatCode="%s"/>`, 164+i, attr(f))
		}
		b.WriteString(`</numFmts>`)
	}
	fmt.Fprintf(b, `<fonts count="%d"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>%s</fonts>`,
		1+len(fonts), strings.Join(fonts, ""))
	fmt.Fprintf(b, `<fills count="%d"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>%s</fills>`,
		2+len(fills), strings.Join(fills, ""))
	fmt.Fprintf(b, `<borders count="%d"><border><left/><right/><top/><bottom/><diagonal/></border>%s</borders>`,
		1+len(borders), strings.Join(borders, ""))
	b.WriteString(`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`)
	fmt.Fprintf(b, `<cellXfs count="%d">`, len(xfs))
	for i, x := range xfs {
		s := w.styles[i]
		fmt.Fprintf(b, `<xf numFmtId="%d" fontId="%d" fillId="%d" borderId="%d" xfId="0"`, x.num, x.font, x.fill, x.border)
		for _, a := range []struct {
			name string
			on   bool
		}{{"applyNumberFormat", x.num != 0}, {"applyFont", x.font != 0}, {"applyFill", x.fill != 0}, {"applyBorder", x.border != 0}} {
			if a.on {
				fmt.Fprintf(b, ` %s="1"`, a.name)
			}
		}
		if s.Horizontal == "" && s.Vertical == "" && !s.Wrap {
			b.WriteString(`/>`)
			continue
		}
		b.WriteString(` applyAlignment="1"><alignment`)
		if s.Horizontal != "" {
			fmt.Fprintf(b, ` horizontal="%s"`, attr(s.Horizontal))
		}
		if s.Vertical != "" {
			fmt.Fprintf(b, ` vertical="%s"`, attr(s.Vertical))
		}
		if s.Wrap {
			b.WriteString(` wrapText="1"`)
		}
		b.WriteString(`/></xf>`)
	}
	b.WriteString(`</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`)
}

func (w *Workbook) sharedStrings(b *bytes.Buffer) {
	fmt.Fprintf(b, `<sst xmlns="`+nsMain+`" count="%d" uniqueCount="%d">`, len(w.strs), len(w.strs))
	for _, s := range w.strs {
		if s != strings.TrimSpace(s) {
			b.WriteString(`<si><t xml:space="preserve">`)
		} else {
			b.WriteString(`<si><t>`)
		}
		b.WriteString(text(s))
		b.WriteString(`</t></si>`)
	}
	b.WriteString(`</sst>`)
}

func (s *Sheet) cols() int {
	n := 0
	for _, r := range s.rows {
		n = max(n, len(r.cells))
	}
	return n
}

// filterRef is the filter's range: every column, every row.
func (s *Sheet) filterRef() string {
	return fmt.Sprintf("$A$1:$%s$%d", ColumnName(max(s.cols(), 1)), max(len(s.rows), 1))
}

func (s *Sheet) xml(b *bytes.Buffer) {
	b.WriteString(`<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">`)
	if s.Page.FitToWidth {
		b.WriteString(`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`)
	}
	if n := s.cols(); n > 0 && len(s.rows) > 0 {
		fmt.Fprintf(b, `<dimension ref="A1:%s%d"/>`, ColumnName(n), len(s.rows))
	}
	b.WriteString(`<sheetViews><sheetView workbookViewId="0">`)
	if s.FreezeHeader {
		b.WriteString(`<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>`)
	}
	b.WriteString(`</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>`)
	var cols bytes.Buffer
	for i, wd := range s.widths {
		if wd > 0 {
			fmt.Fprintf(&cols, `<col min="%d" max="%d" width="%s" customWidth="1"/>`, i+1, i+1, strconv.FormatFloat(wd, 'f', -1, 64))
		}
	}
	if cols.Len() > 0 {
		b.WriteString(`<cols>`)
		b.Write(cols.Bytes())
		b.WriteString(`</cols>`)
	}
	b.WriteString(`<sheetData>`)
	for r, rw := range s.rows {
		fmt.Fprintf(b, `<row r="%d"`, r+1)
		if rw.height > 0 {
			fmt.Fprintf(b, ` ht="%s" customHeight="1"`, strconv.FormatFloat(rw.height, 'f', -1, 64))
		}
		b.WriteString(`>`)
		for c, cl := range rw.cells {
			ref := ColumnName(c+1) + strconv.Itoa(r+1)
			switch {
			case cl.kind == 's':
				fmt.Fprintf(b, `<c r="%s" s="%d" t="s"><v>%s</v></c>`, ref, cl.style, cl.value)
			case cl.kind == 'n':
				fmt.Fprintf(b, `<c r="%s" s="%d"><v>%s</v></c>`, ref, cl.style, cl.value)
			case cl.style != 0:
				fmt.Fprintf(b, `<c r="%s" s="%d"/>`, ref, cl.style)
			}
		}
		b.WriteString(`</row>`)
	}
	b.WriteString(`</sheetData>`)
	if s.AutoFilter && len(s.rows) > 0 {
		fmt.Fprintf(b, `<autoFilter ref="%s"/>`, strings.ReplaceAll(s.filterRef(), "$", ""))
	}
	p := s.Page
	if p.Side > 0 || p.Edge > 0 || p.Band > 0 {
		f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
		fmt.Fprintf(b, `<pageMargins left="%s" right="%s" top="%s" bottom="%s" header="%s" footer="%s"/>`,
			f(p.Side), f(p.Side), f(p.Edge), f(p.Edge), f(p.Band), f(p.Band))
	}
	b.WriteString(`<pageSetup`)
	if p.PaperSize > 0 {
		fmt.Fprintf(b, ` paperSize="%d"`, p.PaperSize)
	}
	if p.FitToWidth {
		b.WriteString(` fitToWidth="1" fitToHeight="0"`)
	}
	if p.Landscape {
		b.WriteString(` orientation="landscape"`)
	}
	b.WriteString(`/>`)
	if p.Header != "" || p.Footer != "" {
		b.WriteString(`<headerFooter>`)
		if p.Header != "" {
			b.WriteString(`<oddHeader>` + text(p.Header) + `</oddHeader>`)
		}
		if p.Footer != "" {
			b.WriteString(`<oddFooter>` + text(p.Footer) + `</oddFooter>`)
		}
		b.WriteString(`</headerFooter>`)
	}
	b.WriteString(`</worksheet>`)
}

// ColumnName is a 1-based column's letters: 1 is A, 27 is AA.
func ColumnName(n int) string {
	var s []byte
	for ; n > 0; n = (n - 1) / 26 {
		s = append([]byte{byte('A' + (n-1)%26)}, s...)
	}
	return string(s)
}

// text escapes s for XML character data; characters XML cannot hold
// become U+FFFD.
func text(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) //nolint:errcheck // a strings.Builder does not fail
	return b.String()
}

func attr(s string) string { return text(s) }
