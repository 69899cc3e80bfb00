// Package docs holds the checks that the project's documentation points at
// things that exist: every relative link in README.md, README.en.md and
// docs/*.md, every repository path they name in code spans, and every
// docs/*.md a Go comment cites, with the section it names. It has no code
// of its own.
package docs

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// root is the repository's top folder, seen from this package.
const root = "../../.."

// readDocs returns the documents a reader follows: the two READMEs and
// docs/*.md, by path relative to the repository.
func readDocs(t *testing.T) map[string]string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	names = append(names, filepath.Join(root, "README.md"), filepath.Join(root, "README.en.md"))
	docs := make(map[string]string, len(names))
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, n)
		docs[filepath.ToSlash(rel)] = string(b)
	}
	if len(docs) < 10 {
		t.Fatalf("only %d documents found under %s", len(docs), root)
	}
	return docs
}

var (
	mdLink   = regexp.MustCompile(`\]\(([^()\s]+)(?:\s+"[^"]*")?\)`)
	codeSpan = regexp.MustCompile("`([^`\n]+)`")
	// repoPath is a word that names a file or folder of the repository.
	repoPath = regexp.MustCompile(`^(?:\./)?(?:docs|internal|cmd|questions|bench|scripts|\.ci)/[A-Za-z0-9_./-]*$`)
)

// lineOf is the 1-based line of offset i in s.
func lineOf(s string, i int) int { return strings.Count(s[:i], "\n") + 1 }

// TestRelativeLinksResolve: every link of a document that is not a web
// address names a file that exists, relative to the document.
func TestRelativeLinksResolve(t *testing.T) {
	t.Parallel()
	n := 0
	for name, text := range readDocs(t) {
		for _, m := range mdLink.FindAllStringSubmatchIndex(text, -1) {
			target := text[m[2]:m[3]]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") || strings.HasPrefix(target, "#") {
				continue
			}
			file, _, _ := strings.Cut(target, "#")
			n++
			if _, err := os.Stat(filepath.Join(root, filepath.Dir(name), filepath.FromSlash(file))); err != nil {
				t.Errorf("%s:%d: the link %q leads nowhere: %v", name, lineOf(text, m[0]), target, err)
			}
		}
	}
	if n < 50 {
		t.Errorf("only %d relative links checked; the link pattern no longer matches the documents", n)
	}
}

// TestNamedPathsExist: a repository path written in a code span (such as
// `questions/tangping-default-1.1.0.yaml` or `go test ./internal/web/`)
// exists, so that a command copied from the documents finds its file.
func TestNamedPathsExist(t *testing.T) {
	t.Parallel()
	n := 0
	for name, text := range readDocs(t) {
		for _, m := range codeSpan.FindAllStringSubmatchIndex(text, -1) {
			for w := range strings.FieldsSeq(text[m[2]:m[3]]) {
				w = strings.Trim(w, `'",;()`)
				if !repoPath.MatchString(w) {
					continue // not a path, or a pattern (*, …, NAME)
				}
				n++
				if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(strings.TrimSuffix(w, "...")))); err != nil {
					t.Errorf("%s:%d: %q names a path that does not exist", name, lineOf(text, m[0]), w)
				}
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d named paths checked; the path pattern no longer matches the documents", n)
	}
}

// citation is a Go comment's pointer to a file under docs/, and the
// section it names in quotes, if any.
var citation = regexp.MustCompile(`docs/([A-Za-z0-9_-]+\.md)(?:,\s*"([^"]+)")?`)

// TestCommentCitationsResolve: every docs/*.md a Go file cites exists and,
// where the comment names a section, holds that section's title.
func TestCommentCitationsResolve(t *testing.T) {
	t.Parallel()
	docs := readDocs(t)
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		src := string(b)
		rel, _ := filepath.Rel(root, path)
		for _, m := range citation.FindAllStringSubmatchIndex(src, -1) {
			n++
			doc, ok := docs["docs/"+src[m[2]:m[3]]]
			if !ok {
				t.Errorf("%s:%d cites docs/%s, which does not exist", rel, lineOf(src, m[0]), src[m[2]:m[3]])
				continue
			}
			// A quoted section may wrap onto the comment's next line.
			if m[4] >= 0 {
				section := strings.Join(strings.Fields(strings.ReplaceAll(src[m[4]:m[5]], "//", " ")), " ")
				if !strings.Contains(strings.Join(strings.Fields(doc), " "), section) {
					t.Errorf("%s:%d cites docs/%s, \"%s\": no such section there", rel, lineOf(src, m[0]), src[m[2]:m[3]], section)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Errorf("only %d citations checked; the pattern no longer matches the comments", n)
	}
}
