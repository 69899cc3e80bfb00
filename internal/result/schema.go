package result

import _ "embed"

//go:embed result.schema.json
var schema []byte

// Schema returns the JSON Schema of the result document.
func Schema() []byte { return append([]byte(nil), schema...) }
