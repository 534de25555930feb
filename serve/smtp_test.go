package serve

import (
	"encoding/json"
	"net"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/smtp"
	"github.com/tailor-email/tailor/smtp/smtptest"
)

func TestEventSendsThroughSMTP(t *testing.T) {
	box := &smtptest.Backend{}
	port := smtptest.Start(t, box, smtptest.Options{})
	s, _ := newServer(t, "", Options{SMTP: &smtp.Config{Host: "127.0.0.1", Port: port}})
	rec := do(s.Handler(), "POST", "/v1/events/mailed", `{"profile":{"id":"c-1","email":"ann@example.com","first_name":"Ann"}}`)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var resp EventResponse
	json.Unmarshal(rec.Body.Bytes(), &resp)
	got := box.Messages()
	if !resp.Sent || len(got) != 1 || len(got[0].To) != 1 || got[0].To[0] != "ann@example.com" ||
		!strings.Contains(string(got[0].Data), "To: <ann@example.com>") {
		t.Fatalf("sent %v, server got %d messages: %+v", resp.Sent, len(got), got)
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
