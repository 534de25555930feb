package recipients

import (
	"fmt"
	"strings"
	"testing"
)

// TestFileNameKeepsLettersDigitsAndMarks: every ASCII letter and digit
// and -_@+. stay as they are; every other byte becomes %XX.
func TestFileNameKeepsLettersDigitsAndMarks(t *testing.T) {
	const kept = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_@+."
	if name, err := FileName(kept); name != kept || err != nil {
		t.Errorf("FileName(%q) = %q, %v", kept, name, err)
	}
	for c := 0; c < 256; c++ {
		if strings.IndexByte(kept, byte(c)) >= 0 {
			continue
		}
		want := fmt.Sprintf("x%%%02X", c)
		if name, err := FileName("x" + string([]byte{byte(c)})); name != want || err != nil {
			t.Errorf("FileName(x\\x%02x) = %q, %v; want %q", c, name, err, want)
		}
	}
}

// TestParseFileNameRefusesWhatFileNameNeverWrites: a cut escape, lower-
// case hex, an escaped byte that FileName keeps, or a literal leading
// dot are not names FileName makes; a leading %2E is.
func TestParseFileNameRefusesWhatFileNameNeverWrites(t *testing.T) {
	for _, name := range []string{"%", "%2", "a%2", "a%", "%g0", "%2f", "%41", "a%2E", ".a", ""} {
		if id, err := ParseFileName(name); err == nil {
			t.Errorf("ParseFileName(%q) = %q, want an error", name, id)
		}
	}
	for name, want := range map[string]string{"%2E": ".", "%2Ea.b": ".a.b", "a%2F": "a/", "%25": "%"} {
		if id, err := ParseFileName(name); id != want || err != nil {
			t.Errorf("ParseFileName(%q) = %q, %v; want %q", name, id, err, want)
		}
	}
}
