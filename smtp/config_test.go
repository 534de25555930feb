package smtp_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
	"github.com/tailor-email/tailor/smtp"
)

func TestAddr(t *testing.T) {
	tests := []struct {
		cfg  smtp.Config
		want string
	}{
		{smtp.Config{Host: "mail.example"}, "mail.example:25"},
		{smtp.Config{Host: "mail.example", StartTLS: true}, "mail.example:587"},
		{smtp.Config{Host: "mail.example", TLS: true}, "mail.example:465"},
		{smtp.Config{Host: "mail.example", Port: 2525, TLS: true}, "mail.example:2525"},
		{smtp.Config{Host: "::1", Port: 1025}, "[::1]:1025"},
	}
	for _, tt := range tests {
		if got := tt.cfg.Addr(); got != tt.want {
			t.Errorf("%+v.Addr() = %q, want %q", tt.cfg, got, tt.want)
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		cfg  smtp.Config
		want string // "" for valid
	}{
		{"ok", smtp.Config{Host: "mail.example", StartTLS: true, Username: "u", Password: "p"}, ""},
		{"auth on loopback without tls", smtp.Config{Host: "127.0.0.1", Username: "u"}, ""},
		{"auth on localhost without tls", smtp.Config{Host: "localhost", Username: "u"}, ""},
		{"auth on ::1 without tls", smtp.Config{Host: "::1", Username: "u"}, ""},
		{"empty host", smtp.Config{}, "host is empty"},
		{"host with newline", smtp.Config{Host: "a\r\nb"}, "not a host name"},
		{"bad port", smtp.Config{Host: "h", Port: 70000}, "out of range"},
		{"tls and starttls", smtp.Config{Host: "h", TLS: true, StartTLS: true}, "exclusive"},
		{"cleartext auth", smtp.Config{Host: "mail.example", Username: "u", Password: "p"}, "refusing"},
		{"bad from", smtp.Config{Host: "h", From: "not an address"}, "from"},
		{"negative timeout", smtp.Config{Host: "h", Timeout: -time.Second}, "timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Validate() = %v, want an error mentioning %q", err, tt.want)
			}
		})
	}
	if err := (smtp.Config{Host: "mail.example", Username: "u"}).Validate(); !errors.Is(err, smtp.ErrCleartextAuth) {
		t.Errorf("cleartext auth: err = %v, want ErrCleartextAuth", err)
	}
}
