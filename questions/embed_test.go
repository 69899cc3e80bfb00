package questions

import (
	"strings"
	"testing"
)

// TestReleasedHeaders: Default reads only the id and version lines; they
// must be there, once, in every released file.
func TestReleasedHeaders(t *testing.T) {
	files := Released()
	if len(files) == 0 {
		t.Fatal("no bank is embedded")
	}
	versions := map[string]string{}
	for _, f := range files {
		id, v := header(f.Data)
		if id == "" || v == "" {
			t.Errorf("%s: no top-level id or version line", f.Name)
		}
		if id == DefaultID {
			if other, ok := versions[v]; ok {
				t.Errorf("%s and %s both say version %s", f.Name, other, v)
			}
			versions[v] = f.Name
		}
	}
	name, data := Default()
	_, dv := header(data)
	for v, f := range versions {
		if less(parseVersion(dv), parseVersion(v)) {
			t.Errorf("the default is %s (%s), but %s has %s", name, dv, f, v)
		}
	}
	if !strings.HasPrefix(name, "questions/") {
		t.Errorf("name %q", name)
	}
}

func TestVersionOrder(t *testing.T) {
	for _, c := range [][2]string{{"1.0.0", "1.1.0"}, {"1.9.0", "1.10.0"}, {"1.0", "1.0.1"}, {"0.9.9", "1.0.0"}} {
		if !less(parseVersion(c[0]), parseVersion(c[1])) || less(parseVersion(c[1]), parseVersion(c[0])) {
			t.Errorf("%s < %s does not hold", c[0], c[1])
		}
	}
	if h, v := header([]byte("# c\nid: \"x\"\nversion: '2.0.1' # note\n")); h != "x" || v != "2.0.1" {
		t.Errorf("header = %q %q", h, v)
	}
}
