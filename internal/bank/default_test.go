package bank_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/questions"
)

func TestDefaultBankLoads(t *testing.T) {
	t.Parallel()
	for _, lang := range []i18n.Lang{i18n.ZH, i18n.EN} {
		b, err := bank.Default(lang)
		if err != nil {
			t.Fatalf("default bank (%s): %v", lang, err)
		}
		if b.ID != "tangping-default" || b.Version != "1.1.0" {
			t.Errorf("id/version = %s %s, want tangping-default 1.1.0", b.ID, b.Version)
		}
		if len(b.SHA256) != 64 {
			t.Errorf("sha256 = %q, want 64 hex digits", b.SHA256)
		}
	}
}

// rawBank is the default bank's YAML read on its own terms, without the
// loader, so that the coverage below does not trust the code it checks.
type rawBank struct {
	Validity struct {
		Pairs [][]string `yaml:"pairs"`
	} `yaml:"validity"`
	Behaviours []struct {
		ID              string           `yaml:"id"`
		Recommendations []map[string]any `yaml:"recommendations"`
	} `yaml:"behaviours"`
	Dimensions []struct {
		ID          string         `yaml:"id"`
		Description map[string]any `yaml:"description"`
	} `yaml:"dimensions"`
	Items []struct {
		ID        string `yaml:"id"`
		Behaviour string `yaml:"behaviour"`
		Dimension string `yaml:"dimension"`
		Keyed     string `yaml:"keyed"`
		IM        bool   `yaml:"im"`
	} `yaml:"items"`
}

func TestDefaultBankCoverage(t *testing.T) {
	t.Parallel()
	_, data := questions.Default()
	var raw rawBank
	if err := yaml.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	perBeh, perDim, active := map[string]int{}, map[string]int{}, map[string]int{}
	pos := map[string]int{}
	im := 0
	for i, it := range raw.Items {
		pos[it.ID] = i
		if it.IM {
			im++
			if it.Behaviour != "" || it.Dimension != "" {
				t.Errorf("IM item %s has behaviour %q / dimension %q", it.ID, it.Behaviour, it.Dimension)
			}
			continue
		}
		perBeh[it.Behaviour]++
		perDim[it.Dimension]++
		if it.Keyed == "active" {
			active[it.Behaviour]++
		}
	}
	for i := 1; i <= 10; i++ {
		id := fmt.Sprintf("B%02d", i)
		if perBeh[id] < 4 {
			t.Errorf("behaviour %s has %d items, want ≥ 4", id, perBeh[id])
		}
		if active[id] > 2 {
			t.Errorf("behaviour %s has %d active items, want ≤ 2", id, active[id])
		}
	}
	for i := 1; i <= 6; i++ {
		id := fmt.Sprintf("D%d", i)
		if perDim[id] < 5 {
			t.Errorf("dimension %s has %d items, want ≥ 5", id, perDim[id])
		}
	}
	if len(perBeh) != 10 || len(perDim) != 6 {
		t.Errorf("items use %d behaviours and %d dimensions, want 10 and 6", len(perBeh), len(perDim))
	}
	if im != 6 {
		t.Errorf("%d IM items, want exactly 6", im)
	}
	t.Logf("%d items; per behaviour %v; per dimension %v; active %v", len(raw.Items), perBeh, perDim, active)

	if len(raw.Validity.Pairs) < 4 {
		t.Errorf("%d consistency pairs, want ≥ 4", len(raw.Validity.Pairs))
	}
	behOf := map[string]string{}
	for _, it := range raw.Items {
		behOf[it.ID] = it.Behaviour
	}
	for _, p := range raw.Validity.Pairs {
		a, b := p[0], p[1]
		if d := pos[b] - pos[a]; d < 10 && -d < 10 {
			t.Errorf("pair %s–%s stands %d apart, want ≥ 10", a, b, d)
		}
		if behOf[a] == "" || behOf[a] != behOf[b] {
			t.Errorf("pair %s–%s joins behaviours %q and %q", a, b, behOf[a], behOf[b])
		}
	}
	for i := 1; i < len(raw.Items); i++ {
		x, y := raw.Items[i-1], raw.Items[i]
		if !x.IM && x.Behaviour == y.Behaviour {
			t.Errorf("items %s and %s of behaviour %s stand next to each other", x.ID, y.ID, x.Behaviour)
		}
	}
	for _, b := range raw.Behaviours {
		if n := len(b.Recommendations); n < 2 || n > 3 {
			t.Errorf("behaviour %s has %d recommendations, want 2–3", b.ID, n)
		}
	}
	for _, d := range raw.Dimensions {
		if len(d.Description) == 0 {
			t.Errorf("dimension %s has no description", d.ID)
		}
	}
}

// TestDefaultBankTextsBilingual walks the whole YAML tree: every text (a
// mapping with a zh or en key) has both, and neither is blank.
func TestDefaultBankTextsBilingual(t *testing.T) {
	t.Parallel()
	_, data := questions.Default()
	var tree any
	if err := yaml.Unmarshal(data, &tree); err != nil {
		t.Fatal(err)
	}
	texts := 0
	var walk func(path string, n any)
	walk = func(path string, n any) {
		switch x := n.(type) {
		case map[string]any:
			_, hasZH := x["zh"]
			_, hasEN := x["en"]
			if hasZH || hasEN {
				texts++
				for _, l := range []string{"zh", "en"} {
					if s, _ := x[l].(string); s == "" {
						t.Errorf("%s: no %s text", path, l)
					}
				}
				return
			}
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				walk(path+"."+k, x[k])
			}
		case []any:
			for i, v := range x {
				walk(fmt.Sprintf("%s[%d]", path, i), v)
			}
		}
	}
	walk("", tree)
	// 46 item texts alone; the whole bank has far more.
	if texts < 46 {
		t.Errorf("found %d texts, want at least the 46 item texts", texts)
	}
}
