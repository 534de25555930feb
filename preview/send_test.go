package preview_test

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/preview"
	"github.com/tailor-email/tailor/smtp"
	"github.com/tailor-email/tailor/smtp/smtptest"
)

// startInbox runs a real SMTP server on loopback that wants AUTH PLAIN as
// u/p (plain text is allowed on loopback), until the test ends.
func startInbox(t *testing.T) (*smtptest.Backend, int) {
	t.Helper()
	box := &smtptest.Backend{User: "u", Pass: "p"}
	return box, smtptest.Start(t, box, smtptest.Options{Insecure: true})
}

// parts reads a multipart/alternative message into content type -> body.
func parts(t *testing.T, msg *mail.Message) (types []string, bodies map[string]string) {
	t.Helper()
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type %q: %v", msg.Header.Get("Content-Type"), err)
	}
	bodies = map[string]string{}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return types, bodies
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p)
		if p.Header.Get("Content-Transfer-Encoding") == "base64" {
			b, _ = base64.StdEncoding.DecodeString(strings.NewReplacer("\r", "", "\n", "").Replace(string(b)))
		}
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		types = append(types, ct)
		bodies[ct] = string(b)
	}
}

func TestSendTest(t *testing.T) {
	box, port := startInbox(t)
	h, _ := newHandler(t, func(o *preview.Options) {
		o.SMTP = &smtp.Config{Host: "127.0.0.1", Port: port, Username: "u", Password: "p", Timeout: 10 * time.Second}
	})
	token := csrfOf(t, h)
	res, body := do(t, h, "POST", "/email/newsletter/r/c-1001/send", url.Values{"csrf": {token}, "to": {"Me <me@test.example>"}}, nil)
	if res.StatusCode != 200 || !strings.Contains(body, "Sent to") {
		t.Fatalf("send: status %d:\n%.600s", res.StatusCode, body)
	}
	got := box.Messages()
	if len(got) != 1 {
		t.Fatalf("the server got %d messages, want 1", len(got))
	}
	d := got[0]
	if d.From != "hello@shop.example" || len(d.To) != 1 || d.To[0] != "me@test.example" {
		t.Errorf("envelope from %q to %q", d.From, d.To)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(d.Data))
	if err != nil {
		t.Fatal(err)
	}
	if s := msg.Header.Get("Subject"); s != "Ana, ready for something new?" {
		t.Errorf("Subject %q", s)
	}
	if to := msg.Header.Get("To"); !strings.Contains(to, "me@test.example") {
		t.Errorf("To %q", to)
	}
	if msg.Header.Get("List-Unsubscribe") == "" {
		t.Error("no List-Unsubscribe header")
	}
	types, bodies := parts(t, msg)
	if strings.Join(types, ",") != "text/plain,text/html" {
		t.Errorf("parts %v, want text/plain then text/html", types)
	}
	if !strings.Contains(bodies["text/html"], "Fresh in, Ana") || !strings.Contains(bodies["text/plain"], "Fresh in, Ana") {
		t.Errorf("the parts lack Ana's hero:\n%.300s\n%.300s", bodies["text/plain"], bodies["text/html"])
	}
}

func TestSendTestErrors(t *testing.T) {
	_, port := startInbox(t)
	dead, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	deadPort := dead.Addr().(*net.TCPAddr).Port
	dead.Close()
	tests := []struct {
		name   string
		cfg    *smtp.Config
		to     string
		status int
		want   string
	}{
		{"no server configured", nil, "me@test.example", 409, "no SMTP server"},
		{"bad address", &smtp.Config{Host: "127.0.0.1", Port: port, Username: "u", Password: "p"}, "not an address", 400, "not one email address"},
		{"two addresses", &smtp.Config{Host: "127.0.0.1", Port: port, Username: "u", Password: "p"}, "a@x.example, b@x.example", 400, "not one email address"},
		{"header injection", &smtp.Config{Host: "127.0.0.1", Port: port, Username: "u", Password: "p"}, "a@x.example\r\nBcc: b@x.example", 400, "not one email address"},
		{"wrong password", &smtp.Config{Host: "127.0.0.1", Port: port, Username: "u", Password: "x"}, "me@test.example", 502, "send test"},
		{"server down", &smtp.Config{Host: "127.0.0.1", Port: deadPort, Timeout: 5 * time.Second}, "me@test.example", 502, "send test"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, _ := newHandler(t, func(o *preview.Options) { o.SMTP = tt.cfg })
			res, body := do(t, h, "POST", "/email/newsletter/r/c-1001/send", url.Values{"csrf": {csrfOf(t, h)}, "to": {tt.to}}, nil)
			if res.StatusCode != tt.status || !strings.Contains(body, tt.want) {
				t.Errorf("status %d, want %d with %q:\n%.500s", res.StatusCode, tt.status, tt.want, body)
			}
		})
	}
}
