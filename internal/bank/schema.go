package bank

import _ "embed"

//go:embed bank.schema.json
var schema []byte

// Schema returns the JSON Schema of a bank, as YAML or as `bank show --json`.
func Schema() []byte { return append([]byte(nil), schema...) }
