package render

import (
	"encoding/json"
	"fmt"
	"io"
	"math"

	"github.com/tangping-dev/tangping/internal/group"
)

// JSON writes the report as indented JSON (UTF-8, HTML left unescaped).
func JSON(w io.Writer, r *group.Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// rec is one row of the spreadsheet formats: column name → value (string,
// int, float64, or nil for an empty cell). CSV writes all rows in one
// table; XLSX picks rows and columns per sheet.
type rec map[string]any

// Record kinds, the CSV's kind column.
const (
	kindSummary   = "summary"
	kindValidity  = "validity"
	kindDimension = "dimension"
	kindBehaviour = "behaviour"
	kindItem      = "item"
	kindGroup     = "group"
	kindWithheld  = "withheld"
	kindSkipped   = "skipped"
	kindDuplicate = "duplicate"
)

func num(p *float64) any {
	if p == nil {
		return nil
	}
	// Six decimals hide float noise and are plenty for 0–100 scores.
	return math.Round(*p*1e6) / 1e6
}

func bandCols(r rec, bs []group.BandCount) {
	for _, b := range bs {
		r[fmt.Sprintf("band_%d", b.Band)] = b.Count
	}
}

func dimRec(d group.Dimension) rec {
	r := rec{"id": d.ID, "name": d.Name, "n": d.N, "mean": num(d.Mean), "sd": num(d.SD), "median": num(d.Median),
		"min": num(d.Min), "max": num(d.Max), "alpha": num(d.Alpha), "alpha_n": d.AlphaN, "note": d.AlphaNote}
	bandCols(r, d.Bands)
	errCols(r, d.MeanError, nil, d.BandsError)
	return r
}

// errCols fills the ± columns of a protected figure's row.
func errCols(r rec, mean, prevalence, count *float64) {
	r["mean_error"], r["prevalence_error"], r["count_error"] = num(mean), num(prevalence), num(count)
}

func behRec(b group.Behaviour) rec {
	r := rec{"id": b.ID, "name": b.Name, "n": b.N, "mean": num(b.Mean), "sd": num(b.SD), "prevalence": num(b.Prevalence),
		"flagged": b.Flagged, "alpha": num(b.Alpha), "alpha_n": b.AlphaN, "note": b.AlphaNote}
	bandCols(r, b.Bands)
	errCols(r, b.MeanError, b.PrevalenceError, b.BandsError)
	return r
}

func itemRec(it group.Item) rec {
	r := rec{"id": it.ID, "name": it.Text, "behaviour": it.Behaviour, "dimension": it.Dimension, "keyed": it.Keyed,
		"n": it.N, "missing": it.Missing, "mean": num(it.Mean)}
	if it.IM {
		r["behaviour"] = "IM"
	}
	for i, c := range it.Counts {
		r[fmt.Sprintf("answer_%d", i)] = c
	}
	errCols(r, nil, nil, it.CountsError)
	return r
}

// records flattens the report into rows, each tagged with its kind, the
// instrument version (when mixed) and the subgroup ("" = everyone).
func records(r *group.Report) []rec {
	l := r.Lang
	out := []rec{
		{"kind": kindSummary, "id": "n", "n": r.N, "name": heading(r), "note": r.Notice},
		{"kind": kindSummary, "id": "files", "n": r.Files, "name": l.T("读取的结果（文件或数据库记录）", "results read (files or database records)")},
		{"kind": kindSummary, "id": "skipped", "n": len(r.Skipped), "name": l.T("跳过的文件", "files skipped")},
		{"kind": kindSummary, "id": "duplicates", "n": len(r.Duplicates), "name": l.T("重复的结果", "duplicate results")},
		{"kind": kindSummary, "id": "min_group", "n": r.MinGroup, "name": l.T("最小显示人数 K", "smallest group shown, K")},
		{"kind": kindSummary, "id": "protection", "name": r.Protection.Mode, "note": protectionNote(r)},
	}
	sections := []*group.Section{&r.Section}
	if len(r.Versions) > 0 {
		sections = sections[:0]
		for i := range r.Versions {
			sections = append(sections, &r.Versions[i])
		}
	}
	for _, s := range sections {
		ver := ""
		if len(r.Versions) > 0 {
			ver = s.Instrument.ID + " " + s.Instrument.Version
		}
		add := func(kind, group string, x rec) {
			x["kind"], x["version"], x["group"] = kind, ver, group
			out = append(out, x)
		}
		if ver != "" {
			add(kindSummary, "", rec{"id": "n", "n": s.N, "name": s.Title})
		}
		if s.Suppressed {
			add(kindSummary, "", rec{"id": "suppressed", "n": s.N, "note": suppressedNote(s.N, r.MinGroup, l)})
			continue
		}
		addStats := func(group string, st *group.Stats) {
			for _, f := range st.Validity {
				x := rec{"id": f.Flag, "name": f.Label, "n": f.Count}
				if f.Error > 0 {
					x["count_error"] = f.Error
				}
				add(kindValidity, group, x)
			}
			for _, d := range st.Dimensions {
				add(kindDimension, group, dimRec(d))
			}
			for _, b := range st.Behaviours {
				add(kindBehaviour, group, behRec(b))
			}
		}
		addStats("", &s.Stats)
		for _, it := range s.Items {
			add(kindItem, "", itemRec(it))
		}
		for _, g := range s.Groups {
			note := ""
			if g.Other {
				note = l.T(fmt.Sprintf("%d 组合并", g.Groups), fmt.Sprintf("%d groups pooled", g.Groups))
			}
			add(kindGroup, g.Name, rec{"n": g.N, "note": note})
			addStats(g.Name, &g.Stats)
		}
		if n := withheldNote(s, r.MinGroup, l); n != "" {
			add(kindWithheld, "", rec{"n": s.Withheld.Merged + s.Withheld.Hidden, "note": n})
		}
	}
	for _, f := range r.Skipped {
		out = append(out, rec{"kind": kindSkipped, "file": f.File, "note": f.Reason})
	}
	for _, d := range r.Duplicates {
		out = append(out, rec{"kind": kindDuplicate, "file": d.File, "id": d.ID,
			"note": l.T("与 "+d.First+" 是同一份结果", "same result as "+d.First)})
	}
	return out
}

// maxBands is the widest band count of any scale, for the band_N columns.
func maxBands(recs []rec) int {
	n := 0
	for _, x := range recs {
		for b := 1; ; b++ {
			if _, ok := x[fmt.Sprintf("band_%d", b)]; !ok {
				break
			}
			n = max(n, b)
		}
	}
	return n
}

func withBands(cols []string, n int) []string {
	out := append([]string(nil), cols...)
	for b := 1; b <= n; b++ {
		out = append(out, fmt.Sprintf("band_%d", b))
	}
	return out
}

// csvColumns is the one tidy table's header: the kind of row, then every
// field any kind uses. Names are stable for scripts (docs/trainer-guide.md).
func csvColumns(bands int) []string {
	cols := []string{"kind", "version", "group", "id", "name", "n", "mean", "sd", "median", "min", "max",
		"prevalence", "flagged", "alpha", "alpha_n"}
	cols = withBands(cols, bands)
	cols = append(cols, "behaviour", "dimension", "keyed", "missing")
	for i := range 5 {
		cols = append(cols, fmt.Sprintf("answer_%d", i))
	}
	// The ± of protected figures came later: added at the end, so that
	// scripts reading columns by position keep working.
	return append(cols, "file", "note", "mean_error", "prevalence_error", "count_error")
}
