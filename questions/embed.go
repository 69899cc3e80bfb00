// Package questions holds the default question bank, embedded in the
// binary so that tangping runs with no files beside it.
package questions

import _ "embed"

// DefaultFile is the file name of the default bank in this folder.
const DefaultFile = "tangping-default.yaml"

//go:embed tangping-default.yaml
var defaultBank []byte

// Default returns the default bank's file name and bytes. The bytes are a
// copy, so no caller can change what another one sees.
func Default() (string, []byte) {
	return "questions/" + DefaultFile, append([]byte(nil), defaultBank...)
}
