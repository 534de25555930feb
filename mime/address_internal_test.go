package mime

import (
	"net/mail"
	"testing"
)

// TestFormatSimpleMatchesNetMail keeps the fast path equal to net/mail: for
// every input it accepts, the result is what ParseAddress + String gives.
func TestFormatSimpleMatchesNetMail(t *testing.T) {
	tests := []struct {
		in       string
		accepted bool
	}{
		{"ada@example.com", true},
		{"Ada Lovelace <ada@example.com>", true},
		{"Ada <a.b+tag_x-y@mail.example.co.uk>", true},
		{"A1 B2 C3 <x@y>", true},
		{"Ada  Lovelace <ada@example.com>", false},
		{" Ada <ada@example.com>", false},
		{"Ada Lovelace<ada@example.com>", false},
		{"\"Ada\" <ada@example.com>", false},
		{"Ada, Countess <ada@example.com>", false},
		{"José <jose@example.com>", false},
		{"Ada <.ada@example.com>", false},
		{"Ada <ada.@example.com>", false},
		{"Ada <a..da@example.com>", false},
		{"Ada <ada@example..com>", false},
		{"Ada <ada@-x.com>", true},
		{"ada@[127.0.0.1]", false},
		{"<ada@example.com>", false},
		{"ada@", false},
		{"@example.com", false},
		{"Ada <ada@example.com> x", false},
		{"Ada <ada@example.com>>", false},
		{"a <b <c@d>", false},
	}
	for _, tt := range tests {
		got, ok := formatSimple(tt.in)
		if ok != tt.accepted {
			t.Errorf("formatSimple(%q) ok = %v, want %v", tt.in, ok, tt.accepted)
		}
		if !ok {
			continue
		}
		a, err := mail.ParseAddress(tt.in)
		if err != nil {
			t.Errorf("formatSimple accepted %q, net/mail refuses it: %v", tt.in, err)
			continue
		}
		if want := a.String(); got != want {
			t.Errorf("formatSimple(%q) = %q, net/mail gives %q", tt.in, got, want)
		}
	}
}

// FuzzFormatSimple checks the same property on any input.
func FuzzFormatSimple(f *testing.F) {
	for _, s := range []string{"ada@example.com", "Ada Lovelace <ada@example.com>", "a <b@c>", "x y <a.b@c-d.e>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, ok := formatSimple(in)
		if !ok {
			return
		}
		a, err := mail.ParseAddress(in)
		if err != nil {
			t.Fatalf("formatSimple accepted %q, net/mail refuses it: %v", in, err)
		}
		if want := a.String(); got != want {
			t.Fatalf("formatSimple(%q) = %q, net/mail gives %q", in, got, want)
		}
	})
}

// TestSenderKeptPerScratch: a scratch keeps the last From it parsed and
// parses again for another one, so senders taking turns each get theirs.
func TestSenderKeptPerScratch(t *testing.T) {
	var s scratch
	a, err := s.sender("Shop <hello@shop.example>")
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := s.sender("Shop <hello@shop.example>"); again != a {
		t.Errorf("the same From was parsed again")
	}
	b, err := s.sender("Éva <eva@Other.example>")
	if err != nil || b.domain != "other.example" || b.formatted == a.formatted {
		t.Errorf("second From: %+v, %v", b, err)
	}
	if back, _ := s.sender("Shop <hello@shop.example>"); back.formatted != a.formatted || back.domain != "shop.example" {
		t.Errorf("first From again: %+v", back)
	}
	if _, err := s.sender("not an address"); err == nil || s.from.raw == "not an address" {
		t.Errorf("a bad From: err %v, kept %+v", err, s.from)
	}
}
