package smtp_test

import (
	"context"
	"crypto/tls"
	"errors"
	"strings"
	"testing"
	"time"

	gosmtp "github.com/emersion/go-smtp"

	"github.com/tailor-email/tailor/mime"
	"github.com/tailor-email/tailor/mime/mimetest"
	"github.com/tailor-email/tailor/smtp"
	"github.com/tailor-email/tailor/smtp/smtptest"
)

func testMessage() *mime.Message {
	return &mime.Message{
		From:            "Tailor Shop <hello@shop.example>",
		To:              "José Müller <jose@example.com>",
		Subject:         "Grüße: your test send",
		Date:            time.Date(2026, 11, 29, 6, 0, 0, 0, time.UTC),
		ListUnsubscribe: "https://shop.example/u?t=1",
		Text:            "Hi José,\n.\n..dots at line start survive SMTP dot-stuffing\n",
		AMP:             "<!doctype html><html ⚡4email><body>Hi</body></html>",
		HTML:            "<p>Hi José,</p>\n<p>" + strings.Repeat("long line ", 200) + "</p>\n",
	}
}

// checkReceived compares what the server got with msg: the envelope, then
// the bytes (exactly what mime.Append writes), then every part read back.
func checkReceived(t *testing.T, be *smtptest.Backend, msg *mime.Message, from, to, user string) smtptest.Message {
	t.Helper()
	got := be.Messages()
	if len(got) != 1 {
		t.Fatalf("server received %d messages, want 1", len(got))
	}
	r := got[0]
	if r.From != from || len(r.To) != 1 || r.To[0] != to || r.User != user {
		t.Errorf("envelope MAIL FROM %q RCPT TO %q user %q, want %q %q %q", r.From, r.To, r.User, from, to, user)
	}
	want, err := mime.Append(nil, msg)
	if err != nil {
		t.Fatal(err)
	}
	if string(r.Data) != string(want) {
		t.Errorf("received bytes differ from mime.Append output (%d vs %d bytes)", len(r.Data), len(want))
	}
	p, err := mimetest.Parse(r.Data)
	if err != nil {
		t.Fatal(err)
	}
	if d := mimetest.Diff(msg, p); d != nil {
		t.Error(strings.Join(d, "\n"))
	}
	return r
}

func TestSend(t *testing.T) {
	serverTLS, caFile := smtptest.SelfSigned(t)
	tests := []struct {
		name   string
		be     *smtptest.Backend
		server smtptest.Options
		cfg    smtp.Config
		tls    bool
	}{
		{"plain", &smtptest.Backend{}, smtptest.Options{}, smtp.Config{Host: "127.0.0.1"}, false},
		{"plain auth on loopback", &smtptest.Backend{User: "ada", Pass: "s3cret"}, smtptest.Options{Insecure: true},
			smtp.Config{Host: "127.0.0.1", Username: "ada", Password: "s3cret"}, false},
		{"starttls with ca_file and auth", &smtptest.Backend{User: "ada", Pass: "s3cret"}, smtptest.Options{TLS: serverTLS},
			smtp.Config{Host: "127.0.0.1", StartTLS: true, CAFile: caFile, Username: "ada", Password: "s3cret"}, true},
		{"starttls insecure skip verify", &smtptest.Backend{}, smtptest.Options{TLS: serverTLS},
			smtp.Config{Host: "127.0.0.1", StartTLS: true, InsecureSkipVerify: true}, true},
		{"implicit tls with auth", &smtptest.Backend{User: "ada", Pass: "s3cret"}, smtptest.Options{TLS: serverTLS, Implicit: true},
			smtp.Config{Host: "localhost", TLS: true, CAFile: caFile, Username: "ada", Password: "s3cret"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.Port = smtptest.Start(t, tt.be, tt.server)
			msg := testMessage()
			if err := smtp.Send(context.Background(), tt.cfg, msg); err != nil {
				t.Fatal(err)
			}
			r := checkReceived(t, tt.be, msg, "hello@shop.example", "jose@example.com", tt.be.User)
			if r.TLS != tt.tls {
				t.Errorf("message travelled with TLS = %v, want %v", r.TLS, tt.tls)
			}
		})
	}
}

func TestSendFromConfig(t *testing.T) {
	be := &smtptest.Backend{}
	cfg := smtp.Config{Host: "127.0.0.1", Port: smtptest.Start(t, be, smtptest.Options{}), From: "Bounces <bounce@shop.example>"}
	msg := testMessage()
	msg.From = ""
	if err := smtp.Send(context.Background(), cfg, msg); err != nil {
		t.Fatal(err)
	}
	want := *msg
	want.From = cfg.From
	checkReceived(t, be, &want, "bounce@shop.example", "jose@example.com", "")
	if msg.From != "" {
		t.Errorf("Send changed the caller's Message: From = %q", msg.From)
	}
}

func TestSendErrors(t *testing.T) {
	serverTLS, caFile := smtptest.SelfSigned(t)
	tests := []struct {
		name   string
		be     *smtptest.Backend
		server smtptest.Options
		cfg    smtp.Config
		to     string
		check  func(t *testing.T, err error)
	}{
		{"wrong password", &smtptest.Backend{User: "ada", Pass: "s3cret"}, smtptest.Options{Insecure: true},
			smtp.Config{Host: "127.0.0.1", Username: "ada", Password: "wrong"}, "",
			wantSMTPCode(535)},
		{"no auth offered", &smtptest.Backend{}, smtptest.Options{Insecure: true},
			smtp.Config{Host: "127.0.0.1", Username: "ada", Password: "x"}, "",
			wantText("does not offer AUTH")},
		{"auth required", &smtptest.Backend{User: "ada", Pass: "s3cret"}, smtptest.Options{Insecure: true},
			smtp.Config{Host: "127.0.0.1"}, "",
			wantSMTPCode(502)},
		{"untrusted certificate", &smtptest.Backend{}, smtptest.Options{TLS: serverTLS},
			smtp.Config{Host: "127.0.0.1", StartTLS: true}, "",
			func(t *testing.T, err error) {
				var cve *tls.CertificateVerificationError
				if !errors.As(err, &cve) {
					t.Errorf("err = %v, want a certificate verification error", err)
				}
			}},
		{"no starttls offered", &smtptest.Backend{}, smtptest.Options{},
			smtp.Config{Host: "127.0.0.1", StartTLS: true, CAFile: caFile}, "",
			wantText("STARTTLS")},
		{"recipient rejected", &smtptest.Backend{}, smtptest.Options{},
			smtp.Config{Host: "127.0.0.1"}, "reject@example.com",
			wantSMTPCode(550)},
		{"bad ca file", &smtptest.Backend{}, smtptest.Options{TLS: serverTLS},
			smtp.Config{Host: "127.0.0.1", StartTLS: true, CAFile: "/nonexistent/ca.pem"}, "",
			wantText("ca_file")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.Port = smtptest.Start(t, tt.be, tt.server)
			msg := testMessage()
			if tt.to != "" {
				msg.To = tt.to
			}
			err := smtp.Send(context.Background(), tt.cfg, msg)
			if err == nil {
				t.Fatal("Send succeeded")
			}
			tt.check(t, err)
			if n := len(tt.be.Messages()); n != 0 {
				t.Errorf("server received %d messages despite the error", n)
			}
		})
	}
}

func TestSendNilMessage(t *testing.T) {
	if err := smtp.Send(context.Background(), smtp.Config{Host: "127.0.0.1"}, nil); err == nil {
		t.Fatal("Send(nil) succeeded")
	}
}

func wantSMTPCode(code int) func(t *testing.T, err error) {
	return func(t *testing.T, err error) {
		var se *gosmtp.SMTPError
		if !errors.As(err, &se) || se.Code != code {
			t.Errorf("err = %v, want SMTP code %d", err, code)
		}
	}
}

func wantText(s string) func(t *testing.T, err error) {
	return func(t *testing.T, err error) {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("err = %v, want it to mention %q", err, s)
		}
	}
}

// TestSendTimeouts checks that a server that never answers cannot hold Send
// past Config.Timeout or the context.
func TestSendTimeouts(t *testing.T) {
	port := smtptest.Silent(t)
	tests := []struct {
		name string
		cfg  smtp.Config
		ctx  func() (context.Context, context.CancelFunc)
		want error
	}{
		{"config timeout", smtp.Config{Host: "127.0.0.1", Port: port, Timeout: 200 * time.Millisecond},
			func() (context.Context, context.CancelFunc) { return context.Background(), func() {} },
			context.DeadlineExceeded},
		{"context deadline", smtp.Config{Host: "127.0.0.1", Port: port},
			func() (context.Context, context.CancelFunc) {
				return context.WithTimeout(context.Background(), 200*time.Millisecond)
			},
			context.DeadlineExceeded},
		{"context canceled", smtp.Config{Host: "127.0.0.1", Port: port},
			func() (context.Context, context.CancelFunc) {
				ctx, cancel := context.WithCancel(context.Background())
				time.AfterFunc(200*time.Millisecond, cancel)
				return ctx, cancel
			},
			context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := tt.ctx()
			defer cancel()
			done := make(chan error, 1)
			go func() { done <- smtp.Send(ctx, tt.cfg, testMessage()) }()
			select {
			case err := <-done:
				if !errors.Is(err, tt.want) {
					t.Errorf("err = %v, want %v", err, tt.want)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("Send still blocked 10 s after its 200 ms bound")
			}
		})
	}
}
