package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2/bubbletea"

	"github.com/tangping-dev/tangping/internal/autosave"
	"github.com/tangping-dev/tangping/internal/bank"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/store"
)

// Why a participant's questionnaire ended; it decides the last line
// their terminal shows.
type reason int

const (
	reasonNone     reason = iota // the participant quit (or the model ended)
	reasonDropped                // the connection went away
	reasonIdle                   // no key for IdleTimeout
	reasonTakeover               // the same participant connected again elsewhere
	reasonShutdown               // the trainer stopped the server
	reasonEnded                  // the trainer ended the session; downloads stay open a while
	reasonFailed                 // the questionnaire itself failed (a panic, logged); answers given are saved
)

// liveSession is one participant's questionnaire on screen.
type liveSession struct {
	prog *tea.Program
	done chan struct{}

	// claim is the store's claim of this screen on the participant (0
	// until made); the heartbeat reads it to notice a newer claim.
	claim atomic.Int64

	mu      sync.Mutex
	why     reason
	idle    *time.Timer
	timeout time.Duration
}

// stop ends the questionnaire for why; the first reason wins. A session
// registered but not yet running sees the reason before it starts.
func (ls *liveSession) stop(why reason) {
	ls.mu.Lock()
	if ls.why == reasonNone {
		ls.why = why
	}
	prog := ls.prog
	ls.mu.Unlock()
	if prog != nil {
		// Quit is a message into the program's loop: it is handled after
		// the Update in progress, so an answer being saved finishes first.
		go prog.Quit()
	}
}

// start records the program; it reports false when the session was
// stopped before it could run.
func (ls *liveSession) start(prog *tea.Program) bool {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	ls.prog = prog
	ls.idle = time.AfterFunc(ls.timeout, func() { ls.stop(reasonIdle) })
	return ls.why == reasonNone
}

func (ls *liveSession) reason() reason {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	return ls.why
}

// claim registers ls as participant id's session. A session of the same
// participant already on screen (a connection that dropped without the
// server noticing yet, or a second terminal) is ended first, and claim
// waits for its last save so the new one starts from it.
func (s *Server) claim(id string, ls *liveSession) {
	s.mu.Lock()
	old := s.live[id]
	s.live[id] = ls
	s.mu.Unlock()
	if old != nil {
		old.stop(reasonTakeover)
		select {
		case <-old.done:
		case <-time.After(5 * time.Second):
		}
	}
}

// closeSuperseded ends the screens here whose participant has since been
// claimed by a screen on another instance, so that a participant who
// moved does not stay counted, or on screen, here until the idle timeout.
func (s *Server) closeSuperseded(ctx context.Context) error {
	s.mu.Lock()
	claimed := map[string]*liveSession{}
	ids := make([]string, 0, len(s.live))
	for id, ls := range s.live {
		if ls.claim.Load() != 0 {
			claimed[id] = ls
			ids = append(ids, id)
		}
	}
	s.mu.Unlock()
	if len(ids) == 0 {
		return nil
	}
	current, err := s.store.Claims(ctx, ids)
	if err != nil {
		return err
	}
	for id, ls := range claimed {
		if c, ok := current[id]; ok && c != ls.claim.Load() {
			ls.stop(reasonTakeover)
		}
	}
	return nil
}

func (s *Server) release(id string, ls *liveSession) {
	s.mu.Lock()
	if s.live[id] == ls {
		delete(s.live, id)
	}
	s.mu.Unlock()
}

// runParticipant runs the questionnaire for p until they quit, drop,
// idle out, reconnect elsewhere, or the server closes.
func (s *Server) runParticipant(sess ssh.Session, p store.Participant, lang i18n.Lang) {
	var err error
	addr := host(sess.RemoteAddr())
	ls := &liveSession{done: make(chan struct{}), timeout: s.cfg.IdleTimeout}
	defer close(ls.done)
	s.claim(p.ID, ls)
	defer s.release(p.ID, ls)
	// Claim in the database too: the same participant's screen on another
	// instance can no longer save (docs/deployment.md). Re-read after
	// claiming: a session just ended, here or there, may have saved more.
	claim, err := s.store.Claim(context.Background(), p.ID)
	var fresh store.Participant
	if err == nil {
		ls.claim.Store(claim)
		fresh, err = s.store.ByResumeCode(context.Background(), s.session, p.ResumeCode)
	}
	if err != nil {
		s.log.Error("session: reread participant", "participant", short(p.ID), "err", err)
		refuse(sess, lang, "服务器无法读取数据，请告诉培训老师。", "the server cannot read its data; please tell the trainer.")
		return
	}
	p = fresh
	if p.Result != nil {
		s.log.Info("session: already completed", "addr", addr, "participant", short(p.ID))
		s.showCompleted(sess, p, lang)
		return
	}

	pty, winCh, _ := sess.Pty()
	w, h := clampWindow(pty.Window)
	model := guard(s.newModel(s.modelParams(p, lang, ls)), func(panicked any) {
		s.recovered("questionnaire", panicked)
		ls.stop(reasonFailed)
	})
	opts := append(bubbletea.MakeOptions(sess),
		tea.WithWindowSize(w, h), // after MakeOptions: the clamped size wins over the one asked for
		// 30 frames a second, not 60: each of 200 sessions wakes its
		// renderer every frame even when nothing changed; under CPU
		// contention the halved wakeups cut the server's CPU by about 15%
		// and the p99 key → screen time (docs/security.md), for ~9 ms more
		// at the median.
		tea.WithFPS(sessionFPS),
		tea.WithoutSignalHandler(), // signals belong to the server process, not to each session
		tea.WithFilter(ls.filter),
	)
	prog := tea.NewProgram(model, opts...)
	running := ls.start(prog)
	defer ls.stopIdle()
	var runErr error
	if running {
		go ls.watch(sess.Context(), winCh, prog)
		s.log.Info("session start", "addr", addr, "participant", short(p.ID), "resumed", p.Progress != nil, "lang", string(lang))
		_, runErr = prog.Run()
		prog.Kill()
	}
	why := ls.reason()
	s.log.Info("session end", "addr", addr, "participant", short(p.ID), "why", why.String(), "err", runErr)
	if why == reasonDropped {
		return
	}
	s.farewell(sess, p, lang, why)
}

// Window limits: a client may claim any size (a 5000×5000 window took
// gigabytes and half a core to draw); the questionnaire is drawn for at
// most this, whatever the terminal says: a full-screen terminal on a
// 1080p display, about 3.6 MB of the renderer's buffers per session
// (80×24 costs 1 MB). See docs/security.md.
const (
	MaxWindowWidth  = 200
	MaxWindowHeight = 60
	// resizeEvery spaces the resizes a session forwards: a client
	// sending window changes in a loop waits (the SSH library's request
	// loop blocks on the channel) instead of making the server redraw
	// for each.
	resizeEvery = 50 * time.Millisecond
	// sessionFPS is how often a participant's screen may be redrawn.
	sessionFPS = 30
)

func clampWindow(w ssh.Window) (width, height int) {
	return min(max(w.Width, 0), MaxWindowWidth), min(max(w.Height, 0), MaxWindowHeight)
}

// watch forwards window resizes, clamped and spaced, and notices a
// dropped connection.
func (ls *liveSession) watch(ctx context.Context, winCh <-chan ssh.Window, prog *tea.Program) {
	for {
		select {
		case <-ctx.Done():
			ls.stop(reasonDropped)
			return
		case <-ls.done:
			return
		case w, ok := <-winCh:
			if !ok {
				winCh = nil
				continue
			}
			width, height := clampWindow(w)
			prog.Send(tea.WindowSizeMsg{Width: width, Height: height})
			select {
			case <-time.After(resizeEvery):
			case <-ctx.Done():
			case <-ls.done:
			}
		}
	}
}

// filter restarts the idle clock on every key, and keeps a participant's
// ctrl+z from suspending anything (there is no shell to return to).
func (ls *liveSession) filter(_ tea.Model, msg tea.Msg) tea.Msg {
	switch msg.(type) {
	case tea.SuspendMsg:
		return tea.ResumeMsg{}
	case tea.KeyPressMsg, tea.PasteMsg, tea.MouseClickMsg, tea.MouseWheelMsg:
		ls.mu.Lock()
		if ls.idle != nil {
			ls.idle.Reset(ls.timeout)
		}
		ls.mu.Unlock()
	}
	return msg
}

func (ls *liveSession) stopIdle() {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if ls.idle != nil {
		ls.idle.Stop()
		ls.idle = nil
	}
}

// farewell is the last line in the participant's terminal, after the
// questionnaire has left the screen.
func (s *Server) farewell(sess ssh.Session, p store.Participant, lang i18n.Lang, why reason) {
	done, _ := s.store.ByResumeCode(context.Background(), s.session, p.ResumeCode)
	var zh, en string
	switch why {
	case reasonEnded:
		zh, en = "培训老师已结束本场会话。", "The trainer has ended the session."
	case reasonShutdown:
		zh, en = "培训老师已关闭会话服务器。", "The trainer has closed the session server."
	case reasonIdle:
		zh, en = fmt.Sprintf("超过 %s 没有操作，连接已断开。", HumanDuration(s.cfg.IdleTimeout, i18n.ZH)),
			fmt.Sprintf("No key for %s; disconnected.", HumanDuration(s.cfg.IdleTimeout, i18n.EN))
	case reasonTakeover:
		zh, en = "你已在另一个终端继续作答，这里的连接已关闭。", "You carried on in another terminal; this one is closed."
	case reasonFailed:
		zh, en = "服务器出了错，问卷已停止；错误已记入日志，请告诉培训老师。", "The server failed and the questionnaire stopped; the error is in its log, please tell the trainer."
	}
	lines := []string{}
	if zh != "" {
		lines = append(lines, lang.T(zh, en))
	}
	lines = append(lines, s.nextStep(done.Result != nil, p.ResumeCode, lang))
	_, _ = io.WriteString(sess, "\r\n"+strings.Join(lines, "\r\n")+"\r\n")
}

// nextStep says what a participant can do now, true to the server's
// state: download while it serves, by when once the session has ended
// (the download window), and never a command for a server that is
// stopping.
func (s *Server) nextStep(completed bool, resumeCode string, lang i18n.Lang) string {
	code := FormatCode(resumeCode)
	until, ending := s.endsAt()
	stopping := s.closing.Load() || ending && !s.cfg.Now().Before(until)
	switch {
	case completed && stopping:
		return lang.T("你的结果保存在培训服务器上；服务器已关闭，请向培训老师索取你的结果文件。",
			"Your result is kept on the trainer's server, which has closed; ask the trainer for your result file.")
	case completed && ending:
		left := until.Sub(s.cfg.Now())
		return lang.T(fmt.Sprintf("请在 %s 前（%s内）下载你的结果：", until.Format("15:04"), HumanDuration(left, i18n.ZH)),
			fmt.Sprintf("Download your result before %s (within %s): ", until.Format("15:04"), HumanDuration(left, i18n.EN))) +
			s.downloadHint() + lang.T("（提示续答码时输入 ", " (when asked for the resume code, enter ") + code + lang.T("）", ")")
	case completed:
		return lang.T("你的结果已保存在培训服务器上。下载：", "Your result is kept on the trainer's server. Download it: ") +
			s.downloadHint() + lang.T("（提示续答码时输入 ", " (when asked for the resume code, enter ") + code + lang.T("）", ")")
	case stopping || ending:
		return lang.T("问卷不能再继续作答了；已作答的每一题都保存在培训服务器上。如果培训老师重新开启本场会话，重新连接（",
			"The questionnaire cannot be continued now; every answer given is kept on the trainer's server. If the trainer opens the session again, reconnect (") +
			s.joinHint() + lang.T("）并输入续答码 ", ") and enter the resume code ") + code + lang.T(" 即可继续。", " to carry on.")
	default:
		return lang.T("已作答的每一题都已保存。重新连接（", "Every answer given is saved. Reconnect (") + s.joinHint() +
			lang.T("）并输入续答码 ", ") and enter the resume code ") + code + lang.T(" 即可继续。", " to carry on.")
	}
}

// showCompleted is what a participant who already finished sees on
// reconnecting: where their result is and how to download it.
func (s *Server) showCompleted(sess ssh.Session, p store.Participant, lang i18n.Lang) {
	msg := lang.T("你已完成本场自测。", "You have completed this session's self-check. ") + s.nextStep(true, p.ResumeCode, lang)
	_, _ = io.WriteString(sess, msg+"\r\n")
}

func (s *Server) joinHint() string {
	return JoinCommand(s.cfg.JoinHost, portOf(s.Addr()))
}

func (s *Server) downloadHint() string {
	return s.joinHint() + " " + DownloadCommand + " > tangping-result.json"
}

func (r reason) String() string {
	return [...]string{"quit", "dropped", "idle", "takeover", "shutdown", "ended", "failed"}[r]
}

// ModelParams is what a participant's questionnaire model is built from.
type ModelParams struct {
	Bank       *bank.Bank
	Lang       i18n.Lang
	Now        func() time.Time
	Store      autosave.Store
	Resume     *autosave.State
	ResumeCode string
	Submit     func(result.Result) (savedTo string, err error)
	// CollectNames: the session keeps names (serve --collect-names).
	CollectNames bool
}

// modelParams wires a participant's model to the store: every answer is
// saved to their row before the next question shows, and the result on
// completion.
func (s *Server) modelParams(p store.Participant, lang i18n.Lang, ls *liveSession) ModelParams {
	mp := ModelParams{
		Bank:         s.cfg.Bank,
		Lang:         lang,
		Now:          s.cfg.Now,
		Store:        progressStore{st: s.store, id: p.ID, ls: ls, lang: lang, keep: s.keep},
		CollectNames: s.cfg.CollectNames,
		ResumeCode:   FormatCode(p.ResumeCode),
		Submit: func(r result.Result) (string, error) {
			r.Respondent = s.keep(r.Respondent.Cleaned())
			if err := s.store.Complete(context.Background(), p.ID, ls.claim.Load(), &r); err != nil {
				s.log.Error("saving a result failed", "participant", short(p.ID), "err", err)
				return "", storeError(err, ls, lang)
			}
			s.log.Info("completed", "participant", short(p.ID))
			return lang.T("培训服务器（下载：", "the trainer's server (download: ") + s.downloadHint() +
				lang.T("，续答码 ", ", resume code ") + FormatCode(p.ResumeCode) + lang.T("）", ")"), nil
		},
	}
	if g := p.Progress; g != nil && g.BankSHA256 == s.cfg.Bank.SHA256 {
		mp.Resume = g
	}
	return mp
}

// progressStore is one participant's autosave.Store: it can write only
// that participant's row, and only while its screen holds the claim.
type progressStore struct {
	st   store.Store
	id   string
	ls   *liveSession
	lang i18n.Lang
	keep func(result.Respondent) result.Respondent
}

// keep is what the store may hold of who answered: no name unless the
// trainer chose --collect-names (docs/privacy.md). The questionnaire asks
// for none then; this holds even for a client that sends one.
func (s *Server) keep(r result.Respondent) result.Respondent {
	if s.cfg.CollectNames || r.Name == "" {
		return r
	}
	r.Name = ""
	r.Anonymous = r.Unit == "" && r.Role == ""
	return r
}

func (ps progressStore) Save(g autosave.State) error {
	g.Respondent = ps.keep(g.Respondent.Cleaned())
	return storeError(ps.st.SaveProgress(context.Background(), ps.id, ps.ls.claim.Load(), g), ps.ls, ps.lang)
}

// storeError is what a participant's screen says when a save fails. A
// screen superseded by the same participant's newer one closes; a
// database out of reach gets one short sentence (the answers stay on
// screen, and the next save that reaches it carries all of them).
func storeError(err error, ls *liveSession, lang i18n.Lang) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, store.ErrSuperseded):
		ls.stop(reasonTakeover)
		return errors.New(lang.T("你已在另一个终端继续作答，这里不再保存。", "you carried on in another terminal; this one no longer saves."))
	case errors.Is(err, store.ErrUnavailable):
		return errors.New(lang.T("数据库暂时连不上，答案仍在本屏，连上后随下一题一并保存。",
			"the database is out of reach for a moment; your answers stay on screen and are saved with the next one."))
	}
	return err
}
