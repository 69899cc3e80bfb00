package bank

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/questions"
)

// Registry finds a bank by the sha256 of its file, which is how a result
// names the bank it was scored with (docs/verification.md). It looks, in
// order, at the released banks embedded in the binary, the bank files
// added with AddFile (--bank), and the *.yaml, *.yml and *.json files of
// the folders added with AddDir (--banks). A bank is parsed only when it
// is first asked for, and only once. It is safe for concurrent use: group
// verifies results on several goroutines.
type Registry struct {
	lang i18n.Lang

	mu      sync.Mutex
	hashed  bool        // the embedded banks' hashes are known
	cands   []candidate // files that may hold a bank, in lookup order
	dirs    []string    // folders not yet listed
	allDirs []string    // every folder added, for Searched
	parsed  map[string]*Bank
	failed  map[string]error
	added   []*Bank // AddFile's banks, in the order given
}

// candidate is a file that may hold a bank: a released bank compiled
// into the binary, or its bytes when they are at hand (embedded), else
// its path to read again when it matches.
type candidate struct {
	name  string
	data  []byte
	sha   string
	build func() *Bank
}

// NewRegistry returns a registry of the embedded banks. Messages are in
// lang.
func NewRegistry(lang i18n.Lang) *Registry {
	return &Registry{lang: lang, parsed: map[string]*Bank{}, failed: map[string]error{}}
}

// AddFile loads the bank at path now, so that a mistyped --bank fails at
// once, and adds it to the lookup.
func (r *Registry) AddFile(path string) (*Bank, error) {
	b, err := Load(path, r.lang)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.parsed[b.SHA256]; !ok {
		r.parsed[b.SHA256] = b
	}
	r.added = append(r.added, b)
	return b, nil
}

// Add puts an already loaded bank in the lookup, ahead of any file with
// its hash: a server adds the bank its session runs with.
func (r *Registry) Add(b *Bank) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.parsed[b.SHA256]; !ok {
		r.parsed[b.SHA256] = b
	}
}

// Added returns the banks added with AddFile, in the order given.
func (r *Registry) Added() []*Bank {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.added)
}

// AddDir adds the bank files in dir to the lookup. The folder must exist
// now; its files are read only when a bank is not found elsewhere.
func (r *Registry) AddDir(dir string) error {
	st, err := os.Stat(dir)
	if err != nil {
		return diag.New(dir, r.lang.T("找不到这个题库目录。请检查路径。", "no such bank folder. Check the path."))
	}
	if !st.IsDir() {
		return diag.New(dir, r.lang.T("这不是目录：--banks 需要一个存放题库文件的目录；单个题库文件请用 --bank。",
			"this is not a folder: --banks takes a folder of bank files; give a single bank file with --bank."))
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.dirs = append(r.dirs, dir)
	r.allDirs = append(r.allDirs, dir)
	return nil
}

// Find returns the bank whose file has the given sha256, or nil when no
// known file has it. The error is for a file that has the hash but does
// not load (a bank folder's file that is not a valid bank).
func (r *Registry) Find(sha string) (*Bank, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if b, ok := r.parsed[sha]; ok {
		return b, nil
	}
	if err, ok := r.failed[sha]; ok {
		return nil, err
	}
	if !r.hashed {
		r.hashed = true
		for _, rb := range released {
			r.cands = append(r.cands, candidate{name: rb.name, sha: rb.sha256, build: rb.build})
		}
		if len(released) == 0 { // built without the compiled banks (genbank)
			for _, f := range questions.Released() {
				r.cands = append(r.cands, candidate{name: f.Name, data: f.Data, sha: hash(f.Data)})
			}
		}
	}
	c, ok := r.lookup(sha)
	for !ok && len(r.dirs) > 0 {
		r.listDir(r.dirs[0])
		r.dirs = r.dirs[1:]
		c, ok = r.lookup(sha)
	}
	if !ok {
		return nil, nil
	}
	b, err := r.load(c)
	if err != nil {
		r.failed[sha] = err
		return nil, err
	}
	r.parsed[sha] = b
	return b, nil
}

func (r *Registry) lookup(sha string) (candidate, bool) {
	for _, c := range r.cands {
		if c.sha == sha {
			return c, true
		}
	}
	return candidate{}, false
}

func (r *Registry) load(c candidate) (*Bank, error) {
	if c.build != nil {
		return c.build(), nil
	}
	if c.data != nil {
		return Parse(c.name, c.data, r.lang)
	}
	b, err := Load(c.name, r.lang)
	if err == nil && b.SHA256 != c.sha {
		// Changed since it was listed: it is no longer the bank asked for.
		return nil, diag.New(c.name, r.lang.T("读取期间文件被改动了。", "the file changed while it was being read."))
	}
	return b, err
}

// listDir hashes the bank files in dir. Files it cannot read are left
// out: a folder of banks may hold other things, and the person is told
// which bank was not found.
func (r *Registry) listDir(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		switch strings.ToLower(filepath.Ext(e.Name())) {
		case ".yaml", ".yml", ".json":
		default:
			continue
		}
		p := filepath.Join(dir, e.Name())
		data, err := diag.ReadFile(p, MaxFileSize, r.lang)
		if err != nil {
			continue
		}
		r.cands = append(r.cands, candidate{name: p, sha: hash(data)})
	}
}

// Searched says where Find looked, for the message when a bank is not
// found: "the built-in banks, --bank a.yaml, --banks dir/".
func (r *Registry) Searched() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	parts := []string{r.lang.T("内置题库", "the built-in banks")}
	for _, b := range r.added {
		parts = append(parts, "--bank "+b.File)
	}
	for _, d := range r.allDirs {
		parts = append(parts, "--banks "+d)
	}
	return strings.Join(parts, r.lang.T("、", ", "))
}

func hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
