package mimetest_test

import (
	"strings"
	"testing"
	"time"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
	"github.com/tailor-email/tailor/mime"
	"github.com/tailor-email/tailor/mime/mimetest"
)

func message() *mime.Message {
	return &mime.Message{
		From: "Tailor Shop <hello@shop.example>", To: "José <jose@example.com>",
		Subject: "Grüße", Date: time.Date(2026, 11, 29, 6, 0, 0, 0, time.UTC),
		MessageID: "a@shop.example", ListUnsubscribe: "https://shop.example/u",
		Headers: [][2]string{{"X-Campaign", "weekly"}},
		Text:    "Hi\nthere", AMP: "<html amp4email></html>", HTML: "<p>Hi</p>",
	}
}

// TestDiffSeesEveryField makes sure Diff is not vacuous: each change to the
// Message after writing it is reported, naming the field.
func TestDiffSeesEveryField(t *testing.T) {
	raw, err := mime.Append(nil, message())
	if err != nil {
		t.Fatal(err)
	}
	p, err := mimetest.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	if d := mimetest.Diff(message(), p); d != nil {
		t.Fatalf("unchanged message differs: %v", d)
	}
	tests := []struct {
		field  string
		change func(m *mime.Message)
	}{
		{"Subject", func(m *mime.Message) { m.Subject = "Grüsse" }},
		{"From", func(m *mime.Message) { m.From = "Other <hello@shop.example>" }},
		{"To", func(m *mime.Message) { m.To = "Jose <jose@example.com>" }},
		{"Date", func(m *mime.Message) { m.Date = m.Date.Add(time.Second) }},
		{"Message-ID", func(m *mime.Message) { m.MessageID = "b@shop.example" }},
		{"List-Unsubscribe", func(m *mime.Message) { m.ListUnsubscribe = "https://shop.example/v" }},
		{"List-Unsubscribe", func(m *mime.Message) { m.ListUnsubscribe = "" }},
		{"X-Campaign", func(m *mime.Message) { m.Headers[0][1] = "daily" }},
		{"part 0", func(m *mime.Message) { m.Text = "Hi\nthere!" }},
		{"part 1", func(m *mime.Message) { m.AMP = "<html ⚡4email></html>" }},
		{"parts", func(m *mime.Message) { m.AMP = "" }},
		{"part 2", func(m *mime.Message) { m.HTML = "<p>Hi</p>\n" }},
	}
	for _, tt := range tests {
		m := message()
		tt.change(m)
		d := mimetest.Diff(m, p)
		if len(d) != 1 || !strings.Contains(d[0], tt.field) {
			t.Errorf("changing %s: Diff = %q, want one line naming it", tt.field, d)
		}
	}
}

func TestLFAndCheckLines(t *testing.T) {
	if got := mimetest.LF("a\r\nb\rc\nd"); got != "a\nb\nc\nd" {
		t.Errorf("LF = %q", got)
	}
	raw := []byte("A: b\r\nLong: " + strings.Repeat("x", 80) + "\r\n\r\nbare\nline\r\n")
	d := mimetest.CheckLines(raw, 78, 998)
	if len(d) != 2 || !strings.Contains(d[0], "line 2 is 86 bytes") || !strings.Contains(d[1], "line 4 does not end in CRLF") {
		t.Errorf("CheckLines = %q", d)
	}
}

func TestParseRejects(t *testing.T) {
	for _, raw := range []string{
		"no header block",
		"Content-Type: text/plain\r\n\r\nhi",
		"Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: 7bit\r\n\r\nhi\r\n--b--\r\n",
	} {
		if _, err := mimetest.Parse([]byte(raw)); err == nil {
			t.Errorf("Parse(%.40q) = nil error", raw)
		}
	}
}
