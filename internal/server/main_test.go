package server

import (
	"os"
	"testing"

	"github.com/tangping-dev/tangping/internal/testkit"
)

// The parallel tests here mostly wait for frames drawn at the
// questionnaire's pace, not for the CPU; the timing tests stay serial
// and run before them (docs/architecture.md §8).
func TestMain(m *testing.M) {
	testkit.WaitingTests(8)
	os.Exit(m.Run())
}
