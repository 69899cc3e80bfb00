package server

import (
	"fmt"
	"net"
	"time"

	"github.com/tangping-dev/tangping/internal/i18n"
)

// host is the address without its port.
func host(addr net.Addr) string {
	if addr == nil {
		return ""
	}
	h, _, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	return h
}

func portOf(a net.Addr) int {
	if t, ok := a.(*net.TCPAddr); ok {
		return t.Port
	}
	return 0
}

// HumanDuration says "30 分钟" / "30 minutes" (or seconds below a minute).
func HumanDuration(d time.Duration, lang i18n.Lang) string {
	if d < time.Minute {
		s := int(d.Round(time.Second).Seconds())
		return lang.T(fmt.Sprintf("%d 秒", s), fmt.Sprintf("%d seconds", s))
	}
	m := int(d.Round(time.Minute).Minutes())
	return lang.T(fmt.Sprintf("%d 分钟", m), fmt.Sprintf("%d minutes", m))
}
