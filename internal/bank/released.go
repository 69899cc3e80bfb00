package bank

//go:generate go run -tags genbank ./genbank

import "github.com/tangping-dev/tangping/questions"

// releasedBank is a released bank compiled into the binary by genbank:
// tangping starts with no YAML to parse (docs/performance.md). The YAML
// files stay embedded too (questions.Released): `bank show` prints them,
// and the test that keeps the two in step reads them.
type releasedBank struct {
	name, sha256, id, version string
	// build returns a fresh copy of the bank, as a fresh load would: no
	// caller can change what another one sees.
	build func() *Bank
}

// defaultReleased is the default bank: of the released banks with id
// questions.DefaultID, the one with the highest version.
func defaultReleased() (releasedBank, bool) {
	var best releasedBank
	found := false
	for _, r := range released {
		if r.id != questions.DefaultID {
			continue
		}
		if !found || questions.VersionLess(best.version, r.version) {
			best, found = r, true
		}
	}
	return best, found
}
