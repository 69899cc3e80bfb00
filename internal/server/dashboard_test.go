package server

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/score"
	"github.com/tangping-dev/tangping/internal/sshsim"
	"github.com/tangping-dev/tangping/internal/store"
)

type fakeSource struct{ snap Snapshot }

func (f *fakeSource) Snapshot(context.Context) (Snapshot, error) { return f.snap, nil }

func results(t *testing.T, n int) []*result.Result {
	b := defaultBank(t)
	var out []*result.Result
	for i := range n {
		r := score.Score(b, score.Input{ID: fmt.Sprint("r", i), Lang: "zh", StartedAt: time.Unix(0, 0), CompletedAt: time.Unix(600, 0),
			Answers: sshsim.RandomPlan(len(b.Items), uint64(i)).Answers(ids(b))})
		out = append(out, &r)
	}
	return out
}

func screenOf(t *testing.T, d *Dashboard, w, h int) string {
	t.Helper()
	d.Update(tea.WindowSizeMsg{Width: w, Height: h})
	d.Update(d.refresh())
	return ansi.Strip(d.View().Content)
}

var info = JoinInfo{Commands: []string{"ssh -p 23234 localhost"}, Code: "123456", Session: "s1", HostFP: "SHA256:abc", LoopbackOnly: true, Port: 23234}

func TestDashboardShowsJoinCountsAndProfileOnlyFromK(t *testing.T) {
	b := defaultBank(t)
	src := &fakeSource{snap: Snapshot{Connected: 2, Counts: store.Counts{Joined: 6, InProgress: 3, Completed: 4}, Results: results(t, 4)}}
	d := NewDashboard(src, info, b, 5, "zh")
	text := screenOf(t, d, 100, 40)
	for _, want := range []string{"ssh -p 23234 localhost", "会议码：123456", "--listen 0.0.0.0:23234",
		"在线 2 · 作答中 3 · 已完成 4 · 共 6 人", "团体画像在至少 5 人完成后显示（现在 4 人）"} {
		if !strings.Contains(text, want) {
			t.Errorf("dashboard lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "政治力强") {
		t.Errorf("a dimension is shown below K:\n%s", text)
	}

	src.snap.Counts.Completed, src.snap.Results = 5, results(t, 5)
	d.Update(d.refresh())
	text = ansi.Strip(d.View().Content)
	if !strings.Contains(text, "政治力强") || strings.Contains(text, "团体画像在至少") {
		t.Errorf("at K completed the profile should show:\n%s", text)
	}
}

func TestDashboardFitsANarrowTerminal(t *testing.T) {
	src := &fakeSource{snap: Snapshot{Results: results(t, 6)}}
	d := NewDashboard(src, info, defaultBank(t), 5, "zh")
	text := screenOf(t, d, 40, 20)
	lines := strings.Split(text, "\n")
	if len(lines) > 20 {
		t.Errorf("%d lines on a 20-line terminal", len(lines))
	}
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > 40 {
			t.Fatalf("line of %d cells on a 40-cell terminal: %q", w, l)
		}
	}
}

func TestDashboardAsksBeforeClosingOnConnectedParticipants(t *testing.T) {
	src := &fakeSource{snap: Snapshot{Connected: 3}}
	d := NewDashboard(src, info, defaultBank(t), 5, "zh")
	screenOf(t, d, 100, 30)
	q := tea.KeyPressMsg{Code: 'q', Text: "q"}
	if _, cmd := d.Update(q); cmd != nil {
		t.Fatal("the first q quit with 3 participants connected")
	}
	if text := ansi.Strip(d.View().Content); !strings.Contains(text, "再按一次 q 结束会话") {
		t.Errorf("no confirmation shown:\n%s", text)
	}
	_, cmd := d.Update(q)
	if cmd == nil {
		t.Fatal("the second q did not quit")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("the second q did not quit")
	}

	src.snap.Connected = 0
	d = NewDashboard(src, info, defaultBank(t), 5, "zh")
	screenOf(t, d, 100, 30)
	if _, cmd := d.Update(q); cmd == nil {
		t.Error("with nobody connected q should quit at once")
	}
}

// TestDashboardSaysWhenSomeoneIsGuessing: the trainer sees the count of
// wrong codes and the addresses they come from.
func TestDashboardSaysWhenSomeoneIsGuessing(t *testing.T) {
	src := &fakeSource{snap: Snapshot{Connected: 1}}
	d := NewDashboard(src, info, defaultBank(t), 5, "zh")
	if text := screenOf(t, d, 100, 30); strings.Contains(text, "输错") {
		t.Errorf("a warning with no wrong codes:\n%s", text)
	}
	src.snap.Guessing = Guessing{Wrong: 37, Refused: 2, Recent: []AddrCount{{"192.168.1.23", 35}, {"10.0.0.2", 2}}}
	d.Update(d.refresh())
	text := ansi.Strip(d.View().Content)
	for _, want := range []string{"输错 37 次", "192.168.1.23 ×35", "10.0.0.2 ×2", "拒绝或挤掉的连接 2 个"} {
		if !strings.Contains(text, want) {
			t.Errorf("dashboard lacks %q:\n%s", want, text)
		}
	}
}
