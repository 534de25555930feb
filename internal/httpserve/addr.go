package httpserve

import (
	"errors"
	"fmt"
	"net"
	"net/http"

	"github.com/tailor-email/tailor/internal/loopback"
)

// ErrNotLoopback is CheckAddr's refusal of an address beyond this machine.
var ErrNotLoopback = errors.New("not a loopback address")

// CheckAddr reports whether a server may listen on addr (host:port). A
// loopback host ("localhost", 127.0.0.0/8, ::1) always may; any other
// host, or none (":8080", every interface), only when remote is set. The
// refusal wraps ErrNotLoopback.
func CheckAddr(addr string, remote bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	if !remote && !loopback.Host(host) {
		return fmt.Errorf("listen on %s: %w", addr, ErrNotLoopback)
	}
	return nil
}

// LoopbackHost reports whether a request's Host (a name or an IP address,
// with or without a port) names this machine.
func LoopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	return loopback.Host(host)
}

// LoopbackOnly passes to next the requests whose Host names this machine
// (see LoopbackHost) and hands the others to refuse. A server that takes
// requests without a token wraps its routes in it: a web page whose own
// name an attacker resolves to 127.0.0.1 then still cannot read its
// answers, because the browser sends that name as the Host.
func LoopbackOnly(next http.Handler, refuse http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !LoopbackHost(r.Host) {
			refuse(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}
