//go:build genbank

package bank

// Under the genbank tag the package holds no compiled banks, so that
// genbank builds whatever state released_gen.go is in; Default then
// parses the embedded YAML.
var released []releasedBank
