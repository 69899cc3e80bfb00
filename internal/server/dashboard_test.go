package server

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/score"
	"github.com/tangping-dev/tangping/internal/sshsim"
	"github.com/tangping-dev/tangping/internal/store"
	"github.com/tangping-dev/tangping/internal/testkit"
)

type fakeSource struct{ snap Snapshot }

func (f *fakeSource) Snapshot(context.Context) (Snapshot, error) { return f.snap, nil }

func results(t *testing.T, n int) []*result.Result {
	b := testkit.DefaultBank(t)
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

var info = JoinInfo{Commands: []string{"ssh -p 23234 localhost"}, Code: "K7M2PQ4X", Session: "s1", HostFP: "SHA256:abc", LoopbackOnly: true, Port: 23234}

// room is a session in full swing: two addresses to join, 20 completed.
func room(t *testing.T) (*fakeSource, JoinInfo) {
	src := &fakeSource{snap: Snapshot{Connected: 12, Counts: store.Counts{Joined: 28, InProgress: 8, Completed: 20}, Results: results(t, 20)}}
	return src, JoinInfo{Commands: []string{"ssh -p 23234 192.168.1.20", "ssh -p 23234 10.0.0.5"}, Code: "K7M2PQ4X", Session: "支部学习-0514",
		HostFP: "SHA256:GzKI2FUKveGrT9G3mYudntmdBjY7KQ/2N6TzDS7HfZU", Port: 23234, DownloadWindow: 2 * time.Minute}
}

func TestDashboardShowsJoinCountsAndProfileOnlyFromK(t *testing.T) {
	t.Parallel()
	b := testkit.DefaultBank(t)
	src := &fakeSource{snap: Snapshot{Connected: 2, Counts: store.Counts{Joined: 6, InProgress: 3, Completed: 4}, Results: results(t, 4)}}
	d := NewDashboard(src, info, b, 5, "zh")
	text := screenOf(t, d, 100, 40)
	for _, want := range []string{"ssh -p 23234 localhost", "会议码 K7M2-PQ4X", "--listen 0.0.0.0:23234",
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

// TestDashboardHeadlineFitsWithoutScrolling: at 80×24 (and on a
// projector's 120×40) the first page shows the join strip, the counts,
// every behaviour by prevalence and every dimension, within the screen.
func TestDashboardHeadlineFitsWithoutScrolling(t *testing.T) {
	t.Parallel()
	src, in := room(t)
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		d := NewDashboard(src, in, testkit.DefaultBank(t), 5, "zh")
		text := screenOf(t, d, sz[0], sz[1])
		lines := strings.Split(text, "\n")
		if len(lines) != sz[1] {
			t.Errorf("%dx%d: %d lines", sz[0], sz[1], len(lines))
		}
		for _, l := range lines {
			if w := ansi.StringWidth(l); w > sz[0] {
				t.Errorf("%dx%d: a line of %d cells: %q", sz[0], sz[1], w, l)
			}
		}
		if !strings.Contains(lines[0], "ssh -p 23234 192.168.1.20") || !strings.Contains(lines[0], "会议码 K7M2-PQ4X") {
			t.Errorf("%dx%d: the first line is not the join strip: %q", sz[0], sz[1], lines[0])
		}
		rep := Profile(d.bank, src.snap.Results, 5, "zh")
		prev := 2.0
		at := -1
		for _, b := range rep.Behaviours {
			if !strings.Contains(text, b.Name) {
				t.Errorf("%dx%d: behaviour %s not on the first page:\n%s", sz[0], sz[1], b.Name, text)
			}
		}
		behs, _ := headline(rep)
		for _, b := range behs {
			i := strings.Index(text, b.name)
			if b.x > prev || i < at {
				t.Errorf("%dx%d: behaviours not in order of prevalence at %s", sz[0], sz[1], b.name)
			}
			prev, at = b.x, i
		}
		for _, m := range rep.Dimensions {
			if !strings.Contains(text, m.Name) {
				t.Errorf("%dx%d: dimension %s not on the first page", sz[0], sz[1], m.Name)
			}
		}
	}
}

// TestDashboardNeverBreaksTheSSHCommand: however narrow the terminal,
// the command is on one line, whole, or cut with an ellipsis, never
// wrapped onto the next.
func TestDashboardNeverBreaksTheSSHCommand(t *testing.T) {
	t.Parallel()
	src, in := room(t)
	for _, w := range []int{30, 40, 46, 60, 80, 120} {
		d := NewDashboard(src, in, testkit.DefaultBank(t), 5, "zh")
		lines := strings.Split(screenOf(t, d, w, 24), "\n")
		found := false
		for _, l := range lines[:2] {
			found = found || strings.Contains(l, "ssh -p 23234 192.168.1.20") || w < 26 && strings.Contains(l, "ssh -p 23234")
		}
		if !found {
			t.Errorf("width %d: the command is not whole on a line of its own: %q", w, lines[:2])
		}
	}
}

// TestDashboardPages: details show the whole profile with where the view
// is; the join page every address, the session and the fingerprint.
func TestDashboardPages(t *testing.T) {
	t.Parallel()
	src, in := room(t)
	d := NewDashboard(src, in, testkit.DefaultBank(t), 5, "zh")
	screenOf(t, d, 80, 24)
	d.Update(tea.KeyPressMsg{Code: '2', Text: "2"})
	text := ansi.Strip(d.View().Content)
	below := regexp.MustCompile(`下面还有 (\d+) 行`)
	m := below.FindStringSubmatch(text)
	if !strings.Contains(text, "作答提示") || m == nil {
		t.Fatalf("the details page:\n%s", text)
	}
	d.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	if m2 := below.FindStringSubmatch(ansi.Strip(d.View().Content)); m2 == nil || m2[1] == m[1] {
		t.Errorf("↓ did not scroll the details:\n%s", ansi.Strip(d.View().Content))
	}
	d.Update(tea.KeyPressMsg{Code: tea.KeyRight})
	text = ansi.Strip(d.View().Content)
	for _, want := range []string{"ssh -p 23234 10.0.0.5", "支部学习-0514", "SHA256:GzKI2FUKveGrT9G3mYudntmdBjY7KQ/2N6TzDS7HfZU"} {
		if !strings.Contains(text, want) {
			t.Errorf("the join page lacks %q:\n%s", want, text)
		}
	}
	d.Update(tea.KeyPressMsg{Code: '1', Text: "1"})
	if text := ansi.Strip(d.View().Content); !strings.Contains(text, "检出率") {
		t.Errorf("1 did not go back to the overview:\n%s", text)
	}
}

// TestDashboardGolden pins the first page at 80×24 and 120×40, and the
// colours (256) at 80×24.
func TestDashboardGolden(t *testing.T) {
	t.Parallel()
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("overview_zh_%dx%d", sz[0], sz[1]), func(t *testing.T) {
			src, in := room(t)
			src.snap.Guessing = Guessing{Wrong: 7, Recent: []AddrCount{{"192.168.1.23", 7}}}
			golden.RequireEqual(t, screenOf(t, NewDashboard(src, in, testkit.DefaultBank(t), 5, "zh"), sz[0], sz[1]))
		})
	}
	t.Run("overview_en_80x24", func(t *testing.T) {
		src, in := room(t)
		golden.RequireEqual(t, screenOf(t, NewDashboard(src, in, testkit.DefaultBank(t), 5, "en"), 80, 24))
	})
	t.Run("colours_zh_80x24", func(t *testing.T) {
		src, in := room(t)
		d := NewDashboard(src, in, testkit.DefaultBank(t), 5, "zh")
		screenOf(t, d, 80, 24)
		var buf bytes.Buffer
		w := &colorprofile.Writer{Forward: &buf, Profile: colorprofile.ANSI256}
		if _, err := w.WriteString(d.View().Content); err != nil {
			t.Fatal(err)
		}
		golden.RequireEqual(t, buf.String())
	})
}

func TestDashboardFitsANarrowTerminal(t *testing.T) {
	t.Parallel()
	src, in := room(t)
	d := NewDashboard(src, in, testkit.DefaultBank(t), 5, "zh")
	for _, sz := range [][2]int{{40, 20}, {60, 20}} {
		text := screenOf(t, d, sz[0], sz[1])
		lines := strings.Split(text, "\n")
		if len(lines) != sz[1] {
			t.Errorf("%d lines on a %d-line terminal", len(lines), sz[1])
		}
		for _, l := range lines {
			if w := ansi.StringWidth(l); w > sz[0] {
				t.Fatalf("line of %d cells on a %d-cell terminal: %q", w, sz[0], l)
			}
		}
		if !strings.Contains(text, "检出率") || !strings.Contains(text, "政治力强") {
			t.Errorf("%dx%d: want the headline:\n%s", sz[0], sz[1], text)
		}
		if sz[0] == 40 && !regexp.MustCompile(`…还有 \d+ 项（按 2 看详细）`).MatchString(text) {
			t.Errorf("%dx%d: the behaviours that do not fit are not counted:\n%s", sz[0], sz[1], text)
		}
	}
}

func TestDashboardAsksBeforeClosingOnConnectedParticipants(t *testing.T) {
	t.Parallel()
	src, in := room(t)
	src.snap.Connected = 3
	d := NewDashboard(src, in, testkit.DefaultBank(t), 5, "zh")
	screenOf(t, d, 100, 30)
	q := tea.KeyPressMsg{Code: 'q', Text: "q"}
	if _, cmd := d.Update(q); cmd != nil {
		t.Fatal("the first q quit with 3 participants connected")
	}
	if text := ansi.Strip(d.View().Content); !strings.Contains(text, "再按 q 结束会话") || !strings.Contains(text, "还有 2 分钟可下载结果") {
		t.Errorf("no confirmation (with the download window) shown:\n%s", text)
	}
	_, cmd := d.Update(q)
	if cmd == nil {
		t.Fatal("the second q did not quit")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("the second q did not quit")
	}

	src.snap.Connected = 0
	d = NewDashboard(src, in, testkit.DefaultBank(t), 5, "zh")
	screenOf(t, d, 100, 30)
	if _, cmd := d.Update(q); cmd == nil {
		t.Error("with nobody connected q should quit at once")
	}
}

// TestDashboardSaysWhenSomeoneIsGuessing: the trainer sees the count of
// wrong codes and the addresses they come from.
func TestDashboardSaysWhenSomeoneIsGuessing(t *testing.T) {
	t.Parallel()
	src := &fakeSource{snap: Snapshot{Connected: 1}}
	d := NewDashboard(src, info, testkit.DefaultBank(t), 5, "zh")
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
