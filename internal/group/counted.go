package group

import "crypto/sha256"

// counted remembers, for each result counted, its id and its sitting and
// the file it came from, so that a copy read later is reported as a
// duplicate of the first. It is the one part of group that grows with
// the number of files, so it is kept small: no string per result, no
// pointers for the collector to follow. An id is keyed by the first 16
// bytes of its SHA-256 and a sitting by the first 16 of its digest (two
// colliding among 10⁸ results: below 10⁻²²); the file names sit end to
// end in one byte slice.
// docs/performance.md, "How group reads".
type counted struct {
	ids      map[[16]byte]uint32
	sittings map[[16]byte]uint32
	names    []byte   // the file names, end to end
	ends     []uint32 // where each name ends in names
}

func newCounted() *counted {
	return &counted{ids: map[[16]byte]uint32{}, sittings: map[[16]byte]uint32{}}
}

func idKey(id string) [16]byte {
	sum := sha256.Sum256([]byte(id))
	return [16]byte(sum[:16])
}

// byID is the file the result with this id was first counted from.
func (c *counted) byID(id string) (string, bool) {
	if id == "" {
		return "", false
	}
	i, ok := c.ids[idKey(id)]
	if !ok {
		return "", false
	}
	return c.name(i), true
}

// bySitting is the file the same sitting was first counted from.
func (c *counted) bySitting(d digest) (string, bool) {
	i, ok := c.sittings[[16]byte(d[:16])]
	if !ok {
		return "", false
	}
	return c.name(i), true
}

// add records a counted result: its id (if any), its sitting (if timed)
// and its file.
func (c *counted) add(source, id string, sit digest, timed bool) {
	if id == "" && !timed {
		return
	}
	i := uint32(len(c.ends))
	c.names = append(c.names, source...)
	c.ends = append(c.ends, uint32(len(c.names)))
	if id != "" {
		c.ids[idKey(id)] = i
	}
	if timed {
		c.sittings[[16]byte(sit[:16])] = i
	}
}

func (c *counted) name(i uint32) string {
	start := uint32(0)
	if i > 0 {
		start = c.ends[i-1]
	}
	return string(c.names[start:c.ends[i]])
}
