package result

import "github.com/tangping-dev/tangping/internal/textsafe"

// Cleaned is r with invisible format and control characters removed from
// every field (textsafe): what a person typed may reach a trainer's
// screen and files, and a bidirectional override there would show a name
// as something else.
func (r Respondent) Cleaned() Respondent {
	r.Name, r.Unit, r.Role = textsafe.Clean(r.Name), textsafe.Clean(r.Unit), textsafe.Clean(r.Role)
	r.Anonymous = r.Anonymous || r.Name == "" && r.Unit == "" && r.Role == ""
	return r
}
