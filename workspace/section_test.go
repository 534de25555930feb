package workspace

import (
	"strings"
	"testing"
	"time"
)

// mail stands for a consumer's type, as smtp.Config is.
type mail struct {
	Host    string        `yaml:"host"`
	Port    int           `yaml:"port"`
	Timeout time.Duration `yaml:"timeout"`
}

func parse(t *testing.T, src string) *Config {
	t.Helper()
	c, err := ParseConfig([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestSectionDecodes: a section decodes into the consumer's type, and the
// other sections are left alone.
func TestSectionDecodes(t *testing.T) {
	c := parse(t, "name: t\nsmtp:\n  host: mail.example\n  port: 587\n  timeout: 5s\nevents:\n  buy: {email: a}\n")
	var m mail
	if err := c.SMTP.Decode(&m); err != nil {
		t.Fatal(err)
	}
	if m != (mail{Host: "mail.example", Port: 587, Timeout: 5 * time.Second}) {
		t.Errorf("smtp: %+v", m)
	}
	var ev map[string]map[string]string
	if err := c.Events.Decode(&ev); err != nil || ev["buy"]["email"] != "a" {
		t.Errorf("events: %v, %v", ev, err)
	}
	if !c.SMTP.IsSet() || !c.Events.IsSet() || c.Sources.IsSet() {
		t.Errorf("set: smtp %v, events %v, sources %v", c.SMTP.IsSet(), c.Events.IsSet(), c.Sources.IsSet())
	}
}

// TestSectionNotSet: an absent or empty section decodes to nothing and
// leaves the value as it was.
func TestSectionNotSet(t *testing.T) {
	for _, src := range []string{"name: t\n", "name: t\nsmtp:\n", "smtp: null\n", ""} {
		c := parse(t, src)
		m := mail{Host: "kept"}
		if err := c.SMTP.Decode(&m); err != nil || m.Host != "kept" || c.SMTP.IsSet() {
			t.Errorf("%q: %+v, %v, set %v", src, m, err, c.SMTP.IsSet())
		}
	}
}

// TestSectionErrorsArePlaced: a key the consumer does not know, or a value
// of the wrong type, is an error at its place in tailor.yaml.
func TestSectionErrorsArePlaced(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"name: t\nsmtp:\n  host: a\n  prot: 25\n", "tailor.yaml:4:3: "},
		{"name: t\n\nsmtp: {host: a, port: many}\n", "tailor.yaml:3:"},
		{"smtp: [a, b]\n", "tailor.yaml:1:"},
	} {
		var m mail
		err := parse(t, tt.src).SMTP.Decode(&m)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%q: err = %v, want one starting %q", tt.src, err, tt.want)
		}
	}
}

// TestDecodeSection: a new value for a set section, nil for one that is
// not, and the placed error for a bad one.
func TestDecodeSection(t *testing.T) {
	m, err := DecodeSection[mail](parse(t, "smtp: {host: a, port: 25}\n").SMTP)
	if err != nil || m == nil || *m != (mail{Host: "a", Port: 25}) {
		t.Errorf("set: %+v, %v", m, err)
	}
	if m, err := DecodeSection[mail](parse(t, "name: t\n").SMTP); m != nil || err != nil {
		t.Errorf("not set: %+v, %v", m, err)
	}
	if m, err := DecodeSection[mail](parse(t, "smtp: {hots: a}\n").SMTP); m != nil || err == nil || !strings.HasPrefix(err.Error(), "tailor.yaml:1:8: ") {
		t.Errorf("bad: %+v, %v", m, err)
	}
}
