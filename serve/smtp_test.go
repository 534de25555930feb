package serve

import (
	"bufio"
	"encoding/json"
	"net"
	"strings"
	"sync"
	"testing"

	"github.com/tailor-email/tailor/render/mime/smtp"
)

// fakeSMTP is a loopback SMTP server that accepts every message and keeps
// the DATA it received.
type fakeSMTP struct {
	ln   net.Listener
	mu   sync.Mutex
	data []string
}

func startSMTP(t *testing.T) *fakeSMTP {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeSMTP{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go f.session(c)
		}
	}()
	return f
}

func (f *fakeSMTP) session(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	reply := func(s string) { c.Write([]byte(s + "\r\n")) }
	reply("220 localhost ESMTP")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		switch cmd := strings.ToUpper(strings.Fields(line + " x")[0]); cmd {
		case "EHLO", "HELO":
			reply("250 localhost")
		case "DATA":
			reply("354 go ahead")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil || l == ".\r\n" {
					break
				}
				b.WriteString(l)
			}
			f.mu.Lock()
			f.data = append(f.data, b.String())
			f.mu.Unlock()
			reply("250 queued")
		case "QUIT":
			reply("221 bye")
			return
		default:
			reply("250 ok")
		}
	}
}

func TestEventSendsThroughSMTP(t *testing.T) {
	f := startSMTP(t)
	port := f.ln.Addr().(*net.TCPAddr).Port
	s, _ := newServer(t, "", Options{SMTP: &smtp.Config{Host: "127.0.0.1", Port: port}})
	rec := do(s.Handler(), "POST", "/v1/events/mailed", `{"profile":{"id":"c-1","email":"ann@example.com","first_name":"Ann"}}`)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var resp EventResponse
	json.Unmarshal(rec.Body.Bytes(), &resp)
	f.mu.Lock()
	defer f.mu.Unlock()
	if !resp.Sent || len(f.data) != 1 || !strings.Contains(f.data[0], "To: <ann@example.com>") {
		t.Fatalf("sent %v, server got %d messages: %.300q", resp.Sent, len(f.data), f.data)
	}
}

func TestEventSendFailures(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close() // nothing listens there now
	tests := []struct {
		name   string
		cfg    *smtp.Config
		status int
		code   string
	}{
		{"no smtp", nil, 503, "no_smtp"},
		{"server down", &smtp.Config{Host: "127.0.0.1", Port: port}, 502, "send_failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newServer(t, "", Options{SMTP: tt.cfg})
			rec := do(s.Handler(), "POST", "/v1/events/mailed", `{"profile":{"id":"c-1","email":"ann@example.com"}}`)
			if e := apiError(t, rec); rec.Code != tt.status || e.Code != tt.code {
				t.Fatalf("status %d %+v, want %d %s", rec.Code, e, tt.status, tt.code)
			}
		})
	}
}
