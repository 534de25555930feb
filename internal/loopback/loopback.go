package loopback

import (
	"net"
	"strings"
)

// Host reports whether host, a name or an IP address without a port (an
// IPv6 address may keep its pair of brackets), is "localhost" (any case) or a
// loopback address: 127.0.0.0/8 or ::1.
func Host(host string) bool {
	if len(host) > 1 && host[0] == '[' && host[len(host)-1] == ']' {
		host = host[1 : len(host)-1]
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
