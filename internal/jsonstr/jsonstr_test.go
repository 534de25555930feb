package jsonstr

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
)

// FuzzAppend compares Append with encoding/json on any string.
func FuzzAppend(f *testing.F) {
	for _, s := range []string{"a\xffb", "\u2028", "<&>", "\x00\"\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.Encode(s)
		if got := append(Append(nil, s), '\n'); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%q: got %s want %s", s, got, want.Bytes())
		}
	})
}

// TestAppendEveryByteEveryLane puts each byte value, and a few runes,
// at each position of a long plain string, so the eight-byte scan meets a
// special byte in every lane of a word and in the tail after the words.
func TestAppendEveryByteEveryLane(t *testing.T) {
	base := "abcdefghijklmnopqrstuvwx" // 24 plain bytes: three words
	var inserts []string
	for b := range 256 {
		inserts = append(inserts, string([]byte{byte(b)}))
	}
	inserts = append(inserts, "é", "日", "🎉", "\u2028", "\xe2\x80", "\"\\")
	for _, in := range inserts {
		for pos := 0; pos <= len(base); pos++ {
			s := base[:pos] + in + base[pos:]
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(false)
			enc.Encode(s)
			if got := append(Append(nil, s), '\n'); !bytes.Equal(got, want.Bytes()) {
				t.Fatalf("%q: got %s want %s", s, got, want.Bytes())
			}
		}
	}
}

// TestAppendContentOfParts checks what the renderer relies on: the
// content of valid parts, concatenated, is the content of the whole, and
// invalid UTF-8 is reported.
func TestAppendContentOfParts(t *testing.T) {
	parts := []string{"<p class=\"a\">", "Zoë \u2028", "line\n", "", "日本", "\\ \x01"}
	var got []byte
	for _, p := range parts {
		var ok bool
		if got, ok = AppendContent(got, p); !ok {
			t.Fatalf("%q reported invalid", p)
		}
	}
	want := Append(nil, strings.Join(parts, ""))
	if string(got) != string(want[1:len(want)-1]) {
		t.Errorf("parts %s, whole %s", got, want)
	}
	for _, bad := range []string{"\xff", "a\xc3", "\xe2\x82"} {
		if _, ok := AppendContent(nil, bad); ok {
			t.Errorf("%q reported valid", bad)
		}
	}
}

// TestPlain finds the first byte that is not plain at every lane of a
// word and in the tail, from every start.
func TestPlain(t *testing.T) {
	base := "abcdefghijklmnopqrstuvwx"
	for _, in := range []string{"\"", "\\", "\x00", "\x1f", "\x7f", "é", "\xff"} {
		for pos := 0; pos <= len(base); pos++ {
			s := base[:pos] + in + base[pos:]
			for from := 0; from <= len(s)+1; from++ {
				want := from
				for want < len(s) && plain[s[want]] {
					want++
				}
				if got := Plain(s, from); got != want {
					t.Fatalf("Plain(%q, %d) = %d, want %d", s, from, got, want)
				}
			}
		}
	}
}
