package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"charm.land/ssh"

	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/store"
)

// DownloadCommand is the one command the server runs: it prints the
// participant's own completed result as JSON.
const DownloadCommand = "result"

// handle serves one SSH session: the questionnaire on a terminal, the
// download command, or a one-line refusal for anything else.
func (s *Server) handle(sess ssh.Session) {
	defer s.contain("session")
	lang := sessionLang(sess)
	addr := host(sess.RemoteAddr())
	cmd := sess.Command()
	switch {
	case len(cmd) == 1 && cmd[0] == DownloadCommand:
		s.download(sess, lang)
		return
	case len(cmd) > 0:
		s.log.Info("refused", "addr", addr, "reason", "exec")
		refuse(sess, lang, fmt.Sprintf("tangping 服务器不执行命令；直接连接即可作答，唯一可用的命令是 %s（下载自己的结果）。", DownloadCommand),
			fmt.Sprintf("the tangping server runs no commands; connect without one to answer. The only command is %s (download your own result).", DownloadCommand))
		return
	}
	if _, ending := s.endsAt(); ending {
		s.ended(sess, lang)
		return
	}
	if _, _, ok := sess.Pty(); !ok {
		s.log.Info("refused", "addr", addr, "reason", "no pty")
		refuse(sess, lang, "需要交互式终端：请用 ssh -t 连接（不要加 -T）。", "a terminal is required: connect with ssh -t (not -T).")
		return
	}
	if !s.sessionSlot() {
		s.log.Warn("refused", "addr", addr, "reason", "full")
		refuse(sess, lang, fmt.Sprintf("会场已满（最多 %d 人同时作答），请稍后再连。", s.cfg.MaxSessions),
			fmt.Sprintf("the session is full (%d people at once); try again shortly.", s.cfg.MaxSessions))
		return
	}
	defer s.releaseSlot()
	// One questionnaire per connection, however many session channels
	// a client opens on it.
	if tc, _ := sess.Context().Value(ctxConn{}).(*conn); tc != nil {
		if !tc.busy.CompareAndSwap(false, true) {
			s.log.Warn("refused", "addr", addr, "reason", "second questionnaire on one connection")
			refuse(sess, lang, "一个连接只能作答一份问卷。", "one questionnaire per connection.")
			return
		}
		defer tc.busy.Store(false)
	}
	p, err := s.participant(sess.Context(), sess.Permissions().Extensions)
	if err != nil {
		s.log.Error("session: participant", "addr", addr, "err", err)
		refuse(sess, lang, StoreTrouble(i18n.ZH), StoreTrouble(i18n.EN))
		return
	}
	s.runParticipant(sess, p, lang)
}

// ended answers a connection after the session has ended: a participant
// who completed is told how to download (and by when); nobody starts or
// continues a questionnaire.
func (s *Server) ended(sess ssh.Session, lang i18n.Lang) {
	p, err := s.known(sess)
	if err == nil && p.Result != nil {
		s.showCompleted(sess, p, lang)
		_ = sess.Exit(0)
		return
	}
	s.log.Info("refused", "addr", host(sess.RemoteAddr()), "reason", "session ended")
	msg := lang.T("本场会话已结束。", "This session has ended. ")
	if err == nil {
		msg += s.nextStep(false, p.ResumeCode, lang)
	} else {
		msg += lang.T("已完成的学员可以下载自己的结果：", "Participants who completed can download their result: ") + s.downloadHint() +
			lang.T("（提示续答码时输入欢迎页上的续答码）", " (enter the resume code from your welcome screen when asked)")
	}
	_, _ = io.WriteString(sess.Stderr(), msg+"\r\n")
	_ = sess.Exit(1)
}

// sessionSlot counts a new questionnaire session in, unless the server
// is full or closing.
func (s *Server) sessionSlot() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing.Load() || s.active >= s.cfg.MaxSessions {
		return false
	}
	s.active++
	s.sessions.Add(1)
	return true
}

func (s *Server) releaseSlot() {
	s.mu.Lock()
	s.active--
	s.mu.Unlock()
	s.sessions.Done()
}

// participant finds who is connecting: by the resume code they typed,
// else by the key they proved they hold, else a new participant.
func (s *Server) participant(ctx context.Context, ext map[string]string) (store.Participant, error) {
	if code := ext[extResume]; code != "" {
		return s.store.ByResumeCode(ctx, s.session, code)
	}
	fp := ext[extKey]
	if p, err := s.store.ByKey(ctx, s.session, fp); !errors.Is(err, store.ErrNotFound) {
		return p, err
	}
	return s.join(ctx, fp)
}

// join makes a new participant, known by the key fingerprint fp when
// one was proved ("" for none).
func (s *Server) join(ctx context.Context, fp string) (store.Participant, error) {
	for range 8 {
		code, err := newResumeCode()
		if err != nil {
			return store.Participant{}, err
		}
		p := store.Participant{ID: result.NewID(), Session: s.session, ResumeCode: code, KeyFingerprint: fp, CreatedAt: s.cfg.Now()}
		err = s.store.Join(ctx, p)
		if err == nil {
			return p, nil
		}
		if !errors.Is(err, store.ErrTaken) {
			return store.Participant{}, err
		}
		// The same key joined on another connection a moment ago.
		if fp != "" {
			if p, err := s.store.ByKey(ctx, s.session, fp); err == nil {
				return p, nil
			}
		}
	}
	return store.Participant{}, errors.New("no free resume code after 8 tries")
}

// known is the participant a connection's authentication named (by the
// resume code typed, else the key proved), or store.ErrNotFound: never
// a new one.
func (s *Server) known(sess ssh.Session) (store.Participant, error) {
	ext := sess.Permissions().Extensions
	if code := ext[extResume]; code != "" {
		return s.store.ByResumeCode(sess.Context(), s.session, code)
	}
	if fp := ext[extKey]; fp != "" {
		return s.store.ByKey(sess.Context(), s.session, fp)
	}
	return store.Participant{}, store.ErrNotFound
}

// download prints the participant's own result, and nothing else: the
// identity comes from authentication, never from an argument.
func (s *Server) download(sess ssh.Session, lang i18n.Lang) {
	addr := host(sess.RemoteAddr())
	p, err := s.known(sess)
	switch {
	case err == nil && p.Result != nil:
		data, err := result.Encode(p.Result)
		if err == nil {
			_, err = sess.Write(data)
		}
		s.log.Info("result downloaded", "addr", addr, "participant", short(p.ID), "err", err)
	case err == nil || errors.Is(err, store.ErrNotFound):
		s.log.Info("refused", "addr", addr, "reason", "download without a result")
		refuse(sess, lang, "还没有可下载的结果：请在提示“续答码”时输入你欢迎页上的续答码，并先完成问卷。",
			"no result to download: enter the resume code from your welcome screen when asked, and finish the questionnaire first.")
	default:
		s.log.Error("download", "addr", addr, "err", err)
		refuse(sess, lang, "服务器无法读取数据，请告诉培训老师。", "the server cannot read its data; please tell the trainer.")
	}
}

// StoreTrouble is what a participant is told when the database fails
// them.
func StoreTrouble(l i18n.Lang) string {
	return l.T("服务器无法读取或保存数据，请告诉培训老师。", "the server cannot read or save data; please tell the trainer.")
}

// refuse writes one line to the client's stderr and ends the session
// with exit status 1.
func refuse(sess ssh.Session, lang i18n.Lang, zh, en string) {
	msg := lang.T("tangping："+zh, "tangping: "+en)
	if lang == i18n.ZH {
		msg += " / " + en
	}
	_, _ = io.WriteString(sess.Stderr(), msg+"\r\n")
	_ = sess.Exit(1)
}

// sessionLang is the participant's language: from their ssh client's
// LC_ALL / LC_MESSAGES / LANG (OpenSSH sends LANG and LC_* by default on
// most systems), Chinese when none is sent.
func sessionLang(sess ssh.Session) i18n.Lang {
	return i18n.Detect("", envLookup(sess.Environ()))
}

func envLookup(env []string) func(string) string {
	return func(k string) string {
		for i := len(env) - 1; i >= 0; i-- {
			if v, ok := strings.CutPrefix(env[i], k+"="); ok {
				return v
			}
		}
		return ""
	}
}

// short is a participant id as logs show it: enough to follow one
// person's connections, nothing about their answers.
func short(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}
