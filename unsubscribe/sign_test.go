package unsubscribe

import (
	"net/url"
	"testing"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
)

func TestSignedURL(t *testing.T) {
	s, err := NewSigner([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	u := s.URL("https://mail.example/", "a b&c", "news")
	parsed, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	if parsed.Path != Path || parsed.Host != "mail.example" {
		t.Errorf("URL %s", u)
	}
	p := ParamsOf(parsed.Query())
	if p.ID != "a b&c" || p.List != "news" || !s.Valid(p.ID, p.List, p.Sig) {
		t.Errorf("params %+v of %s do not verify", p, u)
	}
	other, _ := NewSigner([]byte("another key, 32 bytes long......"))
	for _, c := range []Params{
		{p.ID, "offers", p.Sig},                  // another list
		{"a b&d", p.List, p.Sig},                 // another ID
		{p.ID, p.List, ""},                       // no signature
		{p.ID, p.List, p.Sig[:31] + "0"},         // one digit changed (or the same, see below)
		{p.ID, p.List, other.Sign(p.ID, p.List)}, // another key
	} {
		if c.Sig == p.Sig && c.ID == p.ID && c.List == p.List {
			continue
		}
		if s.Valid(c.ID, c.List, c.Sig) {
			t.Errorf("forged %+v verifies", c)
		}
	}
	if _, err := NewSigner([]byte("short")); err == nil {
		t.Error("a 5-byte key was taken")
	}
	if _, err := NewSigner([]byte("0123456789abcde")); err == nil {
		t.Error("a 15-byte key was taken")
	}
	if _, err := NewSigner([]byte("0123456789abcdef")); err != nil {
		t.Errorf("a 16-byte key: %v", err)
	}
}

func TestBase(t *testing.T) {
	for in, want := range map[string]string{
		"https://shop.example/unsubscribe?u={{ .Profile.id }}": "https://shop.example",
		"{{ .Profile.unsubscribe_url }}":                       "",
		"mailto:unsub@shop.example?subject={{ .Profile.id }}":  "",
		"http://localhost:8080/u/{{ .Profile.id }}":            "http://localhost:8080",
		"ftp://shop.example/u/{{ .Profile.id }}":               "",
		"https:///no-host/{{ .Profile.id }}":                   "",
	} {
		if got := Base(in); got != want {
			t.Errorf("Base(%q) = %q, want %q", in, got, want)
		}
	}
}
