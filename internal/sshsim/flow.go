package sshsim

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"time"
)

// Skip in a Plan leaves a question unanswered.
const Skip = -1

// Plan is what a simulated participant answers: Values[i] is the raw
// answer (0–4) to question i+1, or Skip.
type Plan struct {
	Values []int
}

// RandomPlan answers n questions at random, skipping about one in
// twenty, reproducibly from seed.
func RandomPlan(n int, seed uint64) Plan {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	p := Plan{Values: make([]int, n)}
	for i := range p.Values {
		if r.IntN(20) == 0 {
			p.Values[i] = Skip
		} else {
			p.Values[i] = r.IntN(5)
		}
	}
	return p
}

// Answers is the plan as an answers map over item ids (skips left out).
func (p Plan) Answers(ids []string) map[string]int {
	m := map[string]int{}
	for i, v := range p.Values {
		if v != Skip {
			m[ids[i]] = v
		}
	}
	return m
}

// First is the plan's first k answers, for a participant who stopped there.
func (p Plan) First(k int) Plan { return Plan{Values: p.Values[:k]} }

// key is the key that gives raw answer v: the scale runs 0–4 on keys 1–5.
func key(v int) string {
	if v == Skip {
		return "s"
	}
	return fmt.Sprint(v + 1)
}

// Question is the header of question i (1-based) of n, as the TUI shows it.
func Question(i, n int) string { return fmt.Sprintf("第 %d/%d 题", i, n) }

var resumeRe = regexp.MustCompile(`续答码：([A-Z0-9]{5}-[A-Z0-9]{5}|[A-Z0-9]{6})`)

// Timeout bounds each wait for a screen.
const Timeout = 60 * time.Second

// Welcome waits for the welcome screen and returns the resume code on it.
func (t *Terminal) Welcome() (string, error) {
	text, err := t.WaitFor("the welcome screen with a resume code", resumeRe.MatchString, Timeout)
	if err != nil {
		return "", err
	}
	return resumeRe.FindStringSubmatch(text)[1], nil
}

// Start goes from the welcome screen through "about you" (left blank:
// anonymous) to the first question.
func (t *Terminal) Start(n int) error {
	if _, err := t.Welcome(); err != nil {
		return err
	}
	if err := t.Send("\r"); err != nil {
		return err
	}
	if _, err := t.WaitText("关于您", Timeout); err != nil {
		return err
	}
	// name (only when the session keeps names) → unit → role → "start";
	// Enter on "start" shows question 1, and a spare Enter there picks
	// nothing.
	if err := t.Send("\r\r\r\r"); err != nil {
		return err
	}
	_, err := t.WaitText(Question(1, n), Timeout)
	return err
}

// Answer answers questions from..to (1-based, inclusive) of p, each once
// its screen shows, and returns the time from each key press to the next
// screen (the next question, or the overview after the last).
func (t *Terminal) Answer(p Plan, from, to int) ([]time.Duration, error) {
	n := len(p.Values)
	lat := make([]time.Duration, 0, to-from+1)
	for i := from; i <= to; i++ {
		if _, err := t.WaitText(Question(i, n), Timeout); err != nil {
			return lat, err
		}
		if t.Think != nil {
			time.Sleep(t.Think()) // reading the question, as a person would
		}
		next := func(s string) bool { return strings.Contains(s, Question(i+1, n)) }
		if i == n {
			next = func(s string) bool { return strings.Contains(s, "总览") }
		}
		t0 := time.Now()
		if err := t.Send(key(p.Values[i-1])); err != nil {
			return lat, err
		}
		if _, err := t.WaitFor(fmt.Sprintf("the screen after question %d", i), next, Timeout); err != nil {
			return lat, err
		}
		lat = append(lat, time.Since(t0))
	}
	return lat, nil
}

// Submit goes from the overview to the result screen: Tab to 提交 and
// Enter, which submits at once when every question is answered and
// otherwise asks once, naming the unanswered ones.
func (t *Terminal) Submit() error {
	if _, err := t.WaitText("总览", Timeout); err != nil {
		return err
	}
	if err := t.Send("\t\r"); err != nil {
		return err
	}
	const saved, confirm = "结果已保存到", "提交问卷"
	screen, err := t.WaitFor(confirm+" or "+saved, func(s string) bool {
		return strings.Contains(s, saved) || strings.Contains(s, confirm)
	}, Timeout)
	if err != nil || strings.Contains(screen, saved) {
		return err
	}
	if err := t.Send("\r"); err != nil {
		return err
	}
	_, err = t.WaitText(saved, Timeout)
	return err
}

// Begin goes from the welcome screen through the first k questions of p
// and returns the resume code: a participant mid-way.
func (t *Terminal) Begin(p Plan, k int) (string, error) {
	code, err := t.Welcome()
	if err != nil {
		return "", err
	}
	if err := t.Start(len(p.Values)); err != nil {
		return code, err
	}
	_, err = t.Answer(p, 1, k)
	return code, err
}

// Take answers the whole questionnaire from the welcome screen to the
// result, then quits. It returns the resume code and the latencies.
func (t *Terminal) Take(p Plan) (code string, lat []time.Duration, err error) {
	n := len(p.Values)
	if code, err = t.Welcome(); err != nil {
		return "", nil, err
	}
	if err = t.Start(n); err != nil {
		return code, nil, err
	}
	if lat, err = t.Answer(p, 1, n); err != nil {
		return code, lat, err
	}
	if err = t.Submit(); err != nil {
		return code, lat, err
	}
	if err = t.Send("q"); err != nil {
		return code, lat, err
	}
	return code, lat, t.WaitClosed(Timeout)
}

// Continue is a returning participant's first step: the welcome back
// screen says k of the plan's questions are answered; "c" carries on at
// the next one.
func (t *Terminal) Continue(p Plan, k int) error {
	n := 0
	for _, v := range p.Values[:k] {
		if v != Skip {
			n++
		}
	}
	if _, err := t.WaitText(fmt.Sprintf("已答 %d/%d 题", n, len(p.Values)), Timeout); err != nil {
		return err
	}
	if err := t.Send("c"); err != nil {
		return err
	}
	_, err := t.WaitText(Question(k+1, len(p.Values)), Timeout)
	return err
}
