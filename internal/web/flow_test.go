package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/server"
	"github.com/tangping-dev/tangping/internal/sshsim"
	"github.com/tangping-dev/tangping/internal/verify"
)

// checkAnswers says whether every answer the store keeps for the
// participant is the plan's, and no other.
func checkAnswers(t *testing.T, r *room, got map[string]int, plan sshsim.Plan) {
	t.Helper()
	var ids []string
	for _, it := range r.bank.Items {
		ids = append(ids, it.ID)
	}
	want := plan.Answers(ids)
	if len(got) != len(want) {
		t.Errorf("%d answers stored, want %d", len(got), len(want))
	}
	for id, v := range want {
		if got[id] != v {
			t.Errorf("%s: stored %d, want %d", id, got[id], v)
		}
	}
}

func resultAnswers(res *result.Result) map[string]int {
	out := map[string]int{}
	for _, a := range res.Answers {
		if a.Value != nil {
			out[a.Item] = *a.Value
		}
	}
	return out
}

// A participant completes the questionnaire on a phone: every answer is
// the one given, the result is scored and kept, and the downloads are
// their own result and report.
func TestCompleteAQuestionnaire(t *testing.T) {
	t.Parallel()
	r := open(t, server.Config{}, false)
	n := len(r.bank.Items)
	plan := sshsim.RandomPlan(n, 7)
	p := r.phone().join()
	for i, v := range plan.Values {
		p.answer(v)
		want := fmt.Sprintf("/q/%d", i+2)
		if i == n-1 {
			want = "/review"
		}
		p.must(200, want)
	}
	code := p.resumeCodeOn("/q/1")
	p.get("/review").must(200, "/review")
	if !strings.Contains(p.body, "提交") {
		t.Fatalf("no submit on the review:\n%s", excerpt(p.body))
	}
	p.post("/submit", nil).must(200, "/result")
	st := r.stored(code)
	if st.Result == nil {
		t.Fatal("no result stored")
	}
	checkAnswers(t, r, resultAnswers(st.Result), plan)
	if msg := verify.Against(r.bank, st.Result, "en"); msg != "" {
		t.Errorf("the stored result does not verify: %s", msg)
	}

	p.get("/download/result.json").must(200, "/download/result.json")
	var got result.Result
	if err := json.Unmarshal([]byte(p.body), &got); err != nil || got.ID != st.Result.ID {
		t.Errorf("download: %v, id %q want %q", err, got.ID, st.Result.ID)
	}
	p.get("/report").must(200, "/report")
	if !strings.Contains(p.body, r.bank.Title.In("zh")) || !strings.Contains(p.body, "<style") {
		t.Errorf("the report page is not the HTML report:\n%s", excerpt(p.body))
	}
	// Back to the first page: the participant is sent to their result.
	p.get("/").must(200, "/result")
}

// resumeCodeOn reads the resume code from page path.
func (p *phone) resumeCodeOn(path string) string {
	p.t.Helper()
	return p.snapshot().get(path).resumeCode()
}

// Reload, the back button and a closed tab lose nothing: a reload shows
// the same page and saves nothing twice; the previous question shows its
// answer; a new tab of the same browser carries on where it stopped.
func TestReloadBackAndClosedTab(t *testing.T) {
	t.Parallel()
	r := open(t, server.Config{}, false)
	p := r.phone().join()
	for _, v := range []int{0, 1, 2, 3, 4} {
		p.answer(v)
	}
	p.must(200, "/q/6")
	code := p.resumeCode()
	before := r.stored(code).Progress
	p.get(p.url).must(200, "/q/6") // reload
	if after := r.stored(code).Progress; !after.UpdatedAt.Equal(before.UpdatedAt) || len(after.Answers) != 5 {
		t.Errorf("a reload saved: %v → %v", before.UpdatedAt, after.UpdatedAt)
	}
	p.get("/q/5").must(200, "/q/5") // back
	if !strings.Contains(p.body, `class="answer chosen" type="submit" name="a" value="5"`) {
		t.Errorf("the previous question does not show its answer (5):\n%s", excerpt(p.body))
	}
	p.answer(1).must(200, "/q/6") // change it
	if v := r.stored(code).Progress.Answers[r.bank.Items[4].ID]; v != 1 {
		t.Errorf("changed answer stored as %d, want 1", v)
	}
	tab := p.sameJar()
	tab.get("/").must(200, "/")
	if !strings.Contains(tab.body, "已答 5/46 题") || !strings.Contains(tab.body, `href="/q/6"`) {
		t.Errorf("a new tab does not offer to carry on at question 6:\n%s", excerpt(tab.body))
	}
	tab.get("/q/6").answer(2).must(200, "/q/7")
	p.get("/q/7").must(200, "/q/7")
	if !strings.Contains(p.body, "已答 6 题") {
		t.Errorf("the first tab does not see the second tab's answer:\n%s", excerpt(p.body))
	}
}

// Another device carries on with the session code and the resume code;
// a wrong resume code is refused and counted.
func TestResumeOnAnotherDevice(t *testing.T) {
	t.Parallel()
	r := open(t, server.Config{Limits: server.Limits{WrongDelay: time.Millisecond}}, false)
	n := len(r.bank.Items)
	plan := sshsim.RandomPlan(n, 11)
	a := r.phone().join()
	for _, v := range plan.Values[:10] {
		a.answer(v)
	}
	code := a.resumeCode()
	b := r.phone()
	b.get("/").post("/join", url.Values{"code": {testCode}, "resume": {"ZZZZZ-ZZZZZ"}}).must(403, "/join")
	if !strings.Contains(b.body, "没有这个续答码") {
		t.Errorf("a wrong resume code is not explained:\n%s", excerpt(b.body))
	}
	if g := r.srv.Guessing(); g.Wrong != 1 {
		t.Errorf("wrong codes counted %d, want 1", g.Wrong)
	}
	b.post("/join", url.Values{"code": {strings.ToLower(testCode)}, "resume": {strings.ToLower(code)}}).must(200, "/q/11")
	for _, v := range plan.Values[10:] {
		b.answer(v)
	}
	b.must(200, "/review").post("/submit", nil).must(200, "/result")
	checkAnswers(t, r, resultAnswers(r.stored(code).Result), plan)
	a.get("/q/3").must(200, "/result") // the first phone finds it done
}

// Posting twice (a double tap, a resent form) is harmless: one answer,
// one participant, one result.
func TestDoubleSubmitIsHarmless(t *testing.T) {
	t.Parallel()
	r := open(t, server.Config{}, false)
	p := r.phone()
	p.get("/j/" + testCode)
	form := p.form()
	form.Set("code", testCode)
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			q := p.sameJar()
			q.postRaw("/join", form, nil)
		})
	}
	wg.Wait()
	if c := r.counts(); c.Joined != 1 {
		t.Errorf("a double tap on 开始 joined %d participants", c.Joined)
	}
	p.get("/about").post("/about", url.Values{"how": {"anon"}}).must(200, "/q/1")
	resend := p.snapshot()
	p.answer(3).must(200, "/q/2")
	resend.answer(3).must(200, "/q/2")
	code := p.resumeCode()
	if got := r.stored(code).Progress.Answers; len(got) != 1 {
		t.Errorf("%d answers after posting one twice", len(got))
	}
	p.get("/review")
	review := p.snapshot()
	p.post("/submit", nil).must(200, "/result")
	first := r.stored(code).Result
	review.post("/submit", nil).must(200, "/result")
	if again := r.stored(code).Result; again.ID != first.ID || !again.CompletedAt.Equal(first.CompletedAt) {
		t.Errorf("a second submit changed the result: %s → %s", first.ID, again.ID)
	}
	if c := r.counts(); c.Completed != 1 || c.Joined != 1 {
		t.Errorf("counts %+v after a double submit", c)
	}
}

func (r *room) counts() struct{ Joined, Completed int } {
	r.t.Helper()
	s, err := r.srv.Snapshot(context.Background())
	if err != nil {
		r.t.Fatal(err)
	}
	return struct{ Joined, Completed int }{s.Counts.Joined, s.Counts.Completed}
}

// A participant answering on a phone counts as connected on the
// dashboard, and no longer once they have submitted.
func TestPhonesCountAsConnected(t *testing.T) {
	t.Parallel()
	r := open(t, server.Config{}, false)
	a := r.phone().join().answer(2)
	r.phone().join().answer(1)
	if n := r.srv.Connected(); n != 2 {
		t.Errorf("%d connected with two phones answering, want 2", n)
	}
	for range r.bank.Items[1:] {
		a.answer(3)
	}
	a.post("/submit", nil).must(200, "/result")
	if n := r.srv.Connected(); n != 1 {
		t.Errorf("%d connected after one submitted, want 1", n)
	}
}

// In English every page is English: no Chinese but the switch back.
func TestEnglishIsComplete(t *testing.T) {
	t.Parallel()
	r := open(t, server.Config{}, false)
	p := r.phone()
	p.get("/").post("/lang", url.Values{"to": {"en"}, "next": {"/j/" + testCode}}).must(200, "/j/"+testCode)
	han := regexp.MustCompile(`\p{Han}`)
	check := func(page string) {
		t.Helper()
		body := strings.ReplaceAll(p.body, "中文", "")
		if m := han.FindString(body); m != "" {
			i := strings.Index(body, m)
			t.Errorf("%s: Chinese in the English page: …%s…", page, body[max(0, i-80):min(len(body), i+80)])
		}
	}
	check("welcome")
	p.post("/join", url.Values{"code": {"WRONGCODE"}})
	check("wrong code")
	p.post("/join", url.Values{"code": {testCode}}).must(200, "/about")
	check("about")
	p.post("/about", url.Values{"how": {"anon"}}).must(200, "/q/1")
	check("question")
	for range r.bank.Items {
		p.answer(0)
	}
	check("review")
	p.post("/submit", nil).must(200, "/result")
	check("result")
	r.srv.End(time.Minute)
	q := r.phone()
	q.C.Jar = p.C.Jar
	q.get("/nope")
	p.body = q.body
	check("not found")
}
