package server

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"os"
	"strings"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"github.com/tangping-dev/tangping/internal/result"
	"github.com/tangping-dev/tangping/internal/store"
)

// loadOrCreateHostKey reads the server's host key, generating an ed25519
// key on first start. It is written atomically with mode 0600: the key is
// what lets participants' ssh recognise this server next time.
func loadOrCreateHostKey(path string) (ssh.Signer, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		if data, err = newHostKey(); err != nil {
			return nil, err
		}
		if err := result.WriteAtomic(path, data); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, err
	}
	signer, err := gossh.ParsePrivateKey(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return signer, nil
}

// newHostKey generates an ed25519 host key, PEM-encoded.
func newHostKey() ([]byte, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	block, err := gossh.MarshalPrivateKey(priv, "tangping serve host key")
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(block), nil
}

// sharedHostKey is the host key kept in a shared database: every
// instance on it shows participants one server, so an ssh client that
// reconnects to another instance (behind one name) is not alarmed.
func sharedHostKey(st store.Store) (ssh.Signer, error) {
	data, err := st.HostKey(context.Background(), HostKeyFile, newHostKey)
	if err != nil {
		return nil, err
	}
	return gossh.ParsePrivateKey(data)
}

func fingerprint(s ssh.Signer) string { return gossh.FingerprintSHA256(s.PublicKey()) }

// newSessionCode draws a random 6-digit session code.
func newSessionCode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

// resumeAlphabet leaves out 0/O, 1/I/L: a resume code is read off one
// screen and typed on another.
const resumeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// resumeLen makes 31^6 ≈ 887 million codes, against 10 wrong tries a
// minute per address.
const resumeLen = 6

func newResumeCode() (string, error) {
	b := make([]byte, resumeLen)
	for i := range b {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(resumeAlphabet))))
		if err != nil {
			return "", err
		}
		b[i] = resumeAlphabet[n.Int64()]
	}
	return string(b), nil
}

// normalizeResume accepts a resume code as people type it: any case,
// with spaces or dashes.
func normalizeResume(s string) string {
	s = strings.ToUpper(s)
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\t' {
			return -1
		}
		return r
	}, s)
}

// ValidCode reports whether a trainer-chosen session code is usable:
// 4 to 32 letters or digits, so it survives being read aloud and typed.
func ValidCode(code string) bool {
	if len(code) < 4 || len(code) > 32 {
		return false
	}
	for _, r := range code {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// sessionWithoutAgent is the session channel handler with agent (and X11)
// forwarding requests refused: the library would otherwise say yes to an
// agent request it never uses.
func sessionWithoutAgent(srv *ssh.Server, conn *gossh.ServerConn, ch gossh.NewChannel, ctx ssh.Context) {
	ssh.DefaultSessionHandler(srv, conn, refusingForwarding{ch}, ctx)
}

type refusingForwarding struct{ gossh.NewChannel }

func (r refusingForwarding) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := r.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	go func() {
		defer close(out)
		for req := range reqs {
			switch req.Type {
			case "auth-agent-req@openssh.com", "x11-req":
				_ = req.Reply(false, nil)
				continue
			}
			out <- req
		}
	}()
	return ch, out, nil
}
