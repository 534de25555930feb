package message

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/mime"
	"github.com/tailor-email/tailor/mime/mimetest"
	"github.com/tailor-email/tailor/render"
)

// TestIDIsStableAndDistinct: the same message gets the same Message-ID,
// and a different email, recipient or date a different one, at the From
// domain.
func TestIDIsStableAndDistinct(t *testing.T) {
	first := ID(sample())
	left, domain, ok := strings.Cut(first, "@")
	if !ok || len(left) != 32 || strings.Trim(left, "0123456789abcdef") != "" || domain != "shop.example" {
		t.Fatalf("ID = %q, want 32 hex digits @shop.example", first)
	}
	if again := ID(sample()); again != first {
		t.Errorf("same message: %q then %q", first, again)
	}
	m := sample()
	m.Subject, m.To, m.HTML = "Other", "bob@example.com", "<p>other</p>"
	if got := ID(m); got != first {
		t.Errorf("the subject, To and parts changed the ID: %q, want %q", got, first)
	}
	for name, change := range map[string]func(*render.Message){
		"email":     func(m *render.Message) { m.Template = "picks" },
		"recipient": func(m *render.Message) { m.ID = "c-2" },
		"date":      func(m *render.Message) { m.Date = m.Date.Add(time.Nanosecond) },
		"split":     func(m *render.Message) { m.Template, m.ID = "newsletterc", "-1" },
	} {
		m := sample()
		change(m)
		if got := ID(m); got == first {
			t.Errorf("another %s kept ID %s", name, first)
		}
	}
}

// TestIDComputedOnce: a message whose MessageID a batch set keeps it in
// every output (the line, the .eml's header, the send log).
func TestIDComputedOnce(t *testing.T) {
	m := sample()
	m.MessageID = "set-once@shop.example"
	j := Line(m)
	eml, err := AppendEML(nil, m)
	if err != nil {
		t.Fatal(err)
	}
	if ID(m) != m.MessageID || j.MessageID != m.MessageID || Send(m, "c").MessageID != m.MessageID ||
		!strings.Contains(string(eml), "Message-ID: <set-once@shop.example>") {
		t.Errorf("ID %q, line %q, send %q; .eml:\n%.400s", ID(m), j.MessageID, Send(m, "c").MessageID, eml)
	}
}

func TestIDDomain(t *testing.T) {
	for _, tt := range []struct{ from, domain string }{
		{"hello@Shop.Example", "Shop.Example"},
		{`"Tailor, Shop" <hello@shop.example>`, "shop.example"},
		{"hello@shop~1.example", "shop~1.example"},
		{"hello@[192.0.2.1]", "[192.0.2.1]"},
		{"Bücher <hallo@bücher.example>", noDomain},
		{"hello@x\u0080y.example", noDomain},
		{"not an address", ""},
		{"", ""},
	} {
		m := sample()
		m.From = tt.from
		_, domain, _ := strings.Cut(ID(m), "@")
		if domain != tt.domain {
			t.Errorf("From %q: ID %q, want one at %q", tt.from, ID(m), tt.domain)
		}
	}
}

// TestAppendEML writes the message through package mime with its ID and
// reads it back field by field.
func TestAppendEML(t *testing.T) {
	m := sample()
	out, err := AppendEML([]byte("kept"), m)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(out), "kept") {
		t.Fatalf("AppendEML dropped dst: %.20q", out)
	}
	mm := MIME(m)
	if mm.MessageID != ID(m) || mm.ListUnsubscribe != m.Unsubscribe || mm.HTML != m.HTML || mm.Date != m.Date {
		t.Errorf("MIME(m) = %+v", mm)
	}
	p, err := mimetest.Parse(out[len("kept"):])
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range mimetest.Diff(mm, p) {
		t.Error(d)
	}
	m.To = "not an address"
	out, err = AppendEML([]byte("kept"), m)
	var fe *mime.FieldError
	if !errors.As(err, &fe) || fe.Field != "To" || string(out) != "kept" {
		t.Errorf("a bad To: %q, %v; want dst unchanged and a To error", out, err)
	}
}
