package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tailor-email/tailor/internal/goldentest"
	"github.com/tailor-email/tailor/internal/peers"
)

func TestParseText(t *testing.T) {
	cases := []struct {
		name, src string
		check     func(t *testing.T, n *node)
	}{
		{"scalars and nesting", "tags: {\n  tag_name: \"A\"  # comment\n  mandatory: true\n  attrs: { name: \"x\" }\n}\n", func(t *testing.T, n *node) {
			tag := n.msg("tags")
			if tag.str("tag_name") != "A" || !tag.flag("mandatory") || tag.msg("attrs").str("name") != "x" {
				t.Errorf("got %+v", tag)
			}
		}},
		{"adjacent strings join", `r: "a|" "b"`, func(t *testing.T, n *node) {
			if got := n.str("r"); got != "a|b" {
				t.Errorf("got %q", got)
			}
		}},
		{"escapes", `r: "\\.\"x\""`, func(t *testing.T, n *node) {
			if got := n.str("r"); got != `\."x"` {
				t.Errorf("got %q", got)
			}
		}},
		{"message without colon and comma separators", "error_formats { code: A, format: \"f\" }", func(t *testing.T, n *node) {
			if m := n.msg("error_formats"); m.str("code") != "A" || m.str("format") != "f" {
				t.Errorf("got %+v", m)
			}
		}},
		{"repeated fields", "v: \"1\" v: \"2\"", func(t *testing.T, n *node) {
			if got := n.strs("v"); len(got) != 2 || got[1] != "2" {
				t.Errorf("got %q", got)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n, err := parseText("t", c.src)
			if err != nil {
				t.Fatal(err)
			}
			c.check(t, n)
		})
	}
}

func TestParseTextErrors(t *testing.T) {
	cases := []struct{ src, want string }{
		{"tags: {\n  tag_name: \"A\"\n", "t:3:0: unexpected end of file in message"},
		{"a: \"x", "t:1:3: unterminated string"},
		{"}", "t:1:0: unexpected '}'"},
		{`a: "\q"`, `t:1:3: bad string: unknown escape \q in "\\q"`},
	}
	for _, c := range cases {
		_, err := parseText("t", c.src)
		if err == nil || err.Error() != c.want {
			t.Errorf("parse %q: got %v, want %s", c.src, err, c.want)
		}
	}
}

// TestTablesUpToDate regenerates the tables from the peers rules and
// compares them with the committed tables_gen.go (-update rewrites it).
func TestTablesUpToDate(t *testing.T) {
	rules := peers.Dir(t, "amp4email-validator", "rules")
	out := filepath.Join(t.TempDir(), "tables_gen.go")
	if err := run(rules, out); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	// go generate ./amp/validator rewrites it too.
	goldentest.Check(t, filepath.Join("..", "..", "tables_gen.go"), got)
}
