// Package questions holds the released question banks, embedded in the
// binary so that tangping runs with no files beside it and can verify a
// result scored with any released version (docs/verification.md).
//
// Every *.yaml file in this folder is a released bank and stays here for
// good: a result names its bank by the file's sha256, so changing a
// released file's bytes would orphan every result scored with it. A new
// version is a new file. The default bank (what take and score use) is the
// tangping-default bank with the highest version.
package questions

import (
	"embed"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// DefaultID is the id of the bank tangping asks by default.
const DefaultID = "tangping-default"

//go:embed *.yaml
var files embed.FS

// File is one released bank file: its name in this folder and its bytes.
type File struct {
	Name string
	Data []byte
}

// Released returns every embedded bank file in name order. The bytes are
// copies, so no caller can change what another one sees.
func Released() []File {
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		panic(err) // the embedded folder is fixed at build time
	}
	out := make([]File, 0, len(entries))
	for _, e := range entries {
		data, err := files.ReadFile(e.Name())
		if err != nil {
			panic(err)
		}
		out = append(out, File{Name: "questions/" + e.Name(), Data: data})
	}
	return out
}

// Default returns the default bank's file name and bytes: of the released
// banks with id DefaultID, the one with the highest version. Only the
// top-level id and version lines are read; nothing is parsed.
func Default() (string, []byte) {
	var best File
	var bestV []int
	for _, f := range Released() {
		id, v := header(f.Data)
		if id != DefaultID {
			continue
		}
		if pv := parseVersion(v); bestV == nil || less(bestV, pv) {
			best, bestV = f, pv
		}
	}
	return best.Name, best.Data
}

// The header lines, compiled when first used: tangping starts with the
// banks compiled in and reads no header (docs/performance.md).
var (
	idLine      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^id:[ \t]*["']?([^"'\s#]+)`) })
	versionLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^version:[ \t]*["']?([^"'\s#]+)`) })
)

// header reads a bank file's top-level id and version without parsing
// the YAML: the default banks write both on lines of their own.
func header(data []byte) (id, version string) {
	if m := idLine().FindSubmatch(data); m != nil {
		id = string(m[1])
	}
	if m := versionLine().FindSubmatch(data); m != nil {
		version = string(m[1])
	}
	return id, version
}

// VersionLess orders two versions part by part as numbers: 1.9.0 comes
// before 1.10.0.
func VersionLess(a, b string) bool { return less(parseVersion(a), parseVersion(b)) }

// parseVersion splits "1.10.0" into [1 10 0]; a part that is not a number
// counts as 0.
func parseVersion(v string) []int {
	parts := strings.Split(v, ".")
	out := make([]int, len(parts))
	for i, p := range parts {
		out[i], _ = strconv.Atoi(p)
	}
	return out
}

// less orders versions part by part as numbers: 1.9.0 < 1.10.0.
func less(a, b []int) bool {
	for i := range max(len(a), len(b)) {
		x, y := 0, 0
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			return x < y
		}
	}
	return false
}
