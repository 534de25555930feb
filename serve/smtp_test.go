package serve

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/reload"
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

// withSMTP returns a copy of the example whose tailor.yaml ends with the
// smtp: section given.
func withSMTP(t *testing.T, section string) string {
	t.Helper()
	dir := exampleDir(t)
	f, err := os.OpenFile(filepath.Join(dir, "tailor.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(section); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestEventSendsThroughWorkspaceSMTP: with no --smtp-*, an event is sent
// through tailor.yaml's smtp:, as the build read it.
func TestEventSendsThroughWorkspaceSMTP(t *testing.T) {
	box := &smtptest.Backend{}
	port := smtptest.Start(t, box, smtptest.Options{})
	s, _ := newServer(t, withSMTP(t, fmt.Sprintf("smtp: {host: 127.0.0.1, port: %d}\n", port)), Options{})
	rec := do(s.Handler(), "POST", "/v1/events/mailed", `{"profile":{"id":"c-1","email":"ann@example.com"}}`)
	if rec.Code != 200 || len(box.Messages()) != 1 {
		t.Fatalf("status %d, %d messages: %s", rec.Code, len(box.Messages()), rec.Body)
	}
}

// TestBadWorkspaceSMTP: an smtp: section that does not decode fails the
// server's start, at its place in tailor.yaml.
func TestBadWorkspaceSMTP(t *testing.T) {
	dir := withSMTP(t, "smtp:\n  host: 127.0.0.1\n  prot: 25\n")
	ws, err := reload.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	lines := strings.Count(readFile(t, filepath.Join(dir, "tailor.yaml")), "\n")
	want := fmt.Sprintf("tailor.yaml:%d:3: ", lines)
	if _, err := New(ws, Options{}); err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("err = %v, want one starting %q", err, want)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
