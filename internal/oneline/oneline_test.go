package oneline

import (
	"regexp"
	"strings"
	"testing"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
)

var controlRun = regexp.MustCompile(`[\x00-\x1f\x7f]+`)

// TestCleanAgainstItsDefinition: on every string of up to four
// symbols from an alphabet of controls, spaces, ASCII, UTF-8 and invalid
// bytes, Clean is its documented definition (runs of controls become
// one space, invalid UTF-8 U+FFFD, spaces trimmed), and a string is left
// as it is exactly when it is already clean.
func TestCleanAgainstItsDefinition(t *testing.T) {
	alphabet := []string{"\x00", "\x1f", "\t", "\r\n", "\x7f", " ", "a", "~", "é", "\xff", "\x80"}
	var walk func(s string, depth int)
	walk = func(s string, depth int) {
		want := strings.Trim(controlRun.ReplaceAllString(strings.ToValidUTF8(s, "\uFFFD"), " "), " ")
		if got := Clean(s); got != want {
			t.Errorf("Clean(%q) = %q, want %q", s, got, want)
		}
		if IsClean(s) != (want == s) {
			t.Errorf("IsClean(%q) = %v, but Clean gives %q", s, IsClean(s), want)
		}
		if depth < 4 {
			for _, a := range alphabet {
				walk(s+a, depth+1)
			}
		}
	}
	walk("", 0)
}

// TestCleanKeepsInnerSpaces: spaces are text, not controls: a string
// that needs cleaning keeps the runs of spaces inside it.
func TestCleanKeepsInnerSpaces(t *testing.T) {
	for in, want := range map[string]string{
		"\x00a  b":    "a  b",
		"a  b\r\n":    "a  b",
		"a \t b":      "a   b",
		" a\x7f  b  ": "a   b",
	} {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}
