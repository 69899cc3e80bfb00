package web

import (
	"testing"

	"github.com/tangping-dev/tangping/internal/server"
	"github.com/tangping-dev/tangping/internal/sshsim"
)

// A shared phone: the first cadre straight-lines through the
// questionnaire in well under a minute, submits, taps "not my phone:
// sign out" and hands the phone on. The next one taps 开始 on the same
// browser: they must become a new participant, not land on the first
// one's result (the join that a double tap repeats is remembered for a
// minute per browser; signing out must forget it).
func TestSignOutForgetsTheJoinOnASharedPhone(t *testing.T) {
	t.Parallel()
	r := open(t, server.Config{}, false)
	a := r.phone().join()
	first := a.resumeCodeOn("/q/1")
	if _, err := a.Complete(sshsim.RandomPlan(len(r.bank.Items), 3).Values); err != nil {
		t.Fatal(err)
	}
	a.post("/leave", nil).must(200, "/")
	b := a.sameJar() // the same phone, the next person
	b.get("/").post("/join", map[string][]string{"code": {testCode}})
	if b.url == "/result" {
		t.Fatalf("the next person on a shared phone was shown the previous person's result")
	}
	b.must(200, "/about").post("/about", map[string][]string{"how": {"anon"}}).must(200, "/q/1")
	if second := b.resumeCode(); second == first {
		t.Fatalf("the next person on a shared phone became the previous participant (%s)", first)
	}
}
