// Package take holds the end-to-end tests of `tangping take`: they build
// the binary once and drive it as a person would, in a pseudo-terminal
// for the TUI and through a pipe for line mode. It has no code of its
// own.
package take
