package result

import (
	"strings"
	"time"

	json "github.com/goccy/go-json"

	"github.com/tangping-dev/tangping/internal/i18n"
)

type wire struct {
	SchemaVersion   *int              `json:"schema_version"`
	ID              *string           `json:"id"`
	Instrument      *Instrument       `json:"instrument"`
	Lang            *string           `json:"lang"`
	Respondent      *Respondent       `json:"respondent"`
	StartedAt       *time.Time        `json:"started_at"`
	CompletedAt     *time.Time        `json:"completed_at"`
	Answers         *[]Answer         `json:"answers"`
	Behaviours      *[]Behaviour      `json:"behaviours"`
	Dimensions      *[]Dimension      `json:"dimensions"`
	Validity        *Validity         `json:"validity"`
	Recommendations *[]Recommendation `json:"recommendations"`
}

// fastDecode decodes a well-formed current result in one pass with
// go-json, about three times faster than encoding/json on result files
// (group reads 100,000 of them); ok is false whenever anything is off, and
// Decode's careful encoding/json path then says exactly what.
func fastDecode(name string, data []byte, lang i18n.Lang) (*Result, bool) {
	var w wire
	if json.Unmarshal(data, &w) != nil || w.SchemaVersion == nil || *w.SchemaVersion != SchemaVersion ||
		w.ID == nil || w.Instrument == nil || w.Lang == nil || w.Respondent == nil || w.StartedAt == nil ||
		w.CompletedAt == nil || w.Answers == nil || w.Behaviours == nil || w.Dimensions == nil ||
		w.Validity == nil || w.Recommendations == nil {
		return nil, false
	}
	r := &Result{SchemaVersion: *w.SchemaVersion, ID: *w.ID, Instrument: *w.Instrument, Lang: *w.Lang,
		Respondent: *w.Respondent, StartedAt: *w.StartedAt, CompletedAt: *w.CompletedAt, Answers: *w.Answers,
		Behaviours: *w.Behaviours, Dimensions: *w.Dimensions, Validity: *w.Validity, Recommendations: *w.Recommendations}
	if r.check(name, data, lang) != nil {
		return nil, false
	}
	r.detach()
	return r, true
}

// detach copies every string of r into memory of its own. go-json's
// strings share the buffer they were decoded from, so a caller that keeps
// one short string (group keeps each result's id) would otherwise keep the
// whole file alive: 1.4 GB instead of 76 MB over 100,000 results.
func (r *Result) detach() {
	c := strings.Clone
	r.ID, r.Lang = c(r.ID), c(r.Lang)
	r.Instrument = Instrument{ID: c(r.Instrument.ID), Version: c(r.Instrument.Version), SHA256: c(r.Instrument.SHA256)}
	r.Respondent.Name, r.Respondent.Unit, r.Respondent.Role = c(r.Respondent.Name), c(r.Respondent.Unit), c(r.Respondent.Role)
	for i := range r.Answers {
		r.Answers[i].Item = c(r.Answers[i].Item)
	}
	for i := range r.Behaviours {
		b := &r.Behaviours[i]
		b.ID, b.Name, b.BandLabel = c(b.ID), c(b.Name), c(b.BandLabel)
	}
	for i := range r.Dimensions {
		d := &r.Dimensions[i]
		d.ID, d.Name, d.BandLabel = c(d.ID), c(d.Name), c(d.BandLabel)
	}
	for i := range r.Validity.Flags {
		r.Validity.Flags[i] = c(r.Validity.Flags[i])
	}
	for i := range r.Recommendations {
		r.Recommendations[i] = Recommendation{For: c(r.Recommendations[i].For), Text: c(r.Recommendations[i].Text)}
	}
}
