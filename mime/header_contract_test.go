package mime

import (
	"encoding/base64"
	"math/rand/v2"
	stdmime "mime"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestCheckControlRefusesEveryControlButTab: a header value may hold a
// tab, and no other C0 control or DEL.
func TestCheckControlRefusesEveryControlButTab(t *testing.T) {
	for c := 0; c < 256; c++ {
		s := "a" + string([]byte{byte(c)}) + "b"
		want := c < ' ' && c != '\t' || c == 0x7f
		if got := checkControl(s) != nil; got != want {
			t.Errorf("checkControl(%q): refused %v, want %v", s, got, want)
		}
	}
}

// rawFits reports whether value can go out unencoded after "name:": it is
// printable ASCII without "=?", and each piece between single spaces fits
// a 78-byte line (the first after the name).
func rawFits(name, value string) bool {
	for i := 0; i < len(value); i++ {
		if value[i] < ' ' || value[i] > '~' || strings.HasPrefix(value[i:], "=?") {
			return false
		}
	}
	col := len(name) + 1
	for _, seg := range foldPieces(value) {
		if col+1+len(seg) > softLine {
			return false
		}
		col = 0
	}
	return true
}

// foldPieces splits s at each space with a non-space on both sides.
func foldPieces(s string) []string {
	var out []string
	start := 0
	for i := 1; i < len(s)-1; i++ {
		if s[i] == ' ' && s[i-1] != ' ' && s[i+1] != ' ' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// qCost is the length of a rune in a Q encoded-word: letters, digits,
// !*+-/ and the space (as _) are one byte, every other byte three.
func qCost(r string) int {
	n := 0
	for _, c := range []byte(r) {
		n += 3
		if qPlain(c) {
			n -= 2
		}
	}
	return n
}

func qPlain(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!*+-/ ", c) >= 0
}

// randomValue is clean text of n symbols drawn from ASCII letters,
// spaces, marks that need escaping, and 2- to 4-byte UTF-8.
func randomValue(r *rand.Rand, n int) string {
	symbols := []string{"a", "b", "Z", "9", " ", " ", "=", "?", "_", "é", "日", "😀", "-", "."}
	var b strings.Builder
	for range n {
		b.WriteString(symbols[r.IntN(len(symbols))])
	}
	return CleanText(b.String())
}

// TestUnstructuredHeaderContract checks appendUnstructured on thousands of
// values against RFC 5322 and RFC 2047 and its own promises: every line
// within 78 bytes (but a first encoded-word of 24 after a long name), the value read back exactly, raw text whenever it
// fits, else encoded-words of at most 75 bytes that each take as many
// runes as fit, in Q unless more than a sixth of the bytes need escaping.
func TestUnstructuredHeaderContract(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	names := []string{"Subject", "X-A", strings.Repeat("X", 40), strings.Repeat("Y", 60)}
	for i := range 4000 {
		name := names[i%len(names)]
		value := randomValue(r, 1+r.IntN(120))
		if i%3 == 0 { // mostly ASCII words, to exercise raw folding
			value = CleanText(strings.Map(func(c rune) rune {
				if c > '~' || c == '=' {
					return 'x'
				}
				return c
			}, value))
		}
		checkHeader(t, name, value)
	}
	for _, v := range []string{"", "a", strings.Repeat("a", 78-len("Subject: ")), strings.Repeat("a", 79-len("Subject: ")),
		strings.Repeat("abc ", 40), strings.Repeat("w", 200), "=?utf-8?q?x?=", "a =? b"} {
		checkHeader(t, "Subject", v)
	}
}

func checkHeader(t *testing.T, name, value string) {
	t.Helper()
	out := string(appendUnstructured(nil, name, value))
	lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
	for i, l := range lines {
		// After a long name the first encoded-word keeps minBudget bytes.
		if len(l) > softLine && (i > 0 || len(l) > len(name)+2+minBudget) {
			t.Fatalf("%s: %q: line of %d bytes:\n%s", name, value, len(l), out)
		}
	}
	body := strings.TrimPrefix(strings.Join(lines, ""), name+":")
	if value == "" {
		if out != name+":\r\n" {
			t.Fatalf("empty value: %q", out)
		}
		return
	}
	encoded := strings.Contains(out, "=?utf-8?")
	if encoded == rawFits(name, value) {
		t.Fatalf("%s: %q: encoded %v, but raw fits: %v:\n%s", name, value, encoded, !encoded, out)
	}
	if !encoded {
		if body != " "+value {
			t.Fatalf("%s: raw %q reads back as %q", name, value, body)
		}
		return
	}
	got, err := new(stdmime.WordDecoder).DecodeHeader(strings.TrimPrefix(body, " "))
	if err != nil || got != value {
		t.Fatalf("%s: %q reads back as %q (%v):\n%s", name, value, got, err, out)
	}
	checkWords(t, name, value, lines)
}

// checkWords checks each encoded-word's length, its encoding, and that it
// could not have taken the next rune.
func checkWords(t *testing.T, name, value string, lines []string) {
	t.Helper()
	escaped := 0
	for _, c := range []byte(value) {
		if !qPlain(c) {
			escaped++
		}
	}
	wantQ := escaped*6 <= len(value)
	limit := max(min(softLine-len(name)-2, maxWordLen), minBudget)
	rest := value
	for i, l := range lines {
		word := strings.TrimPrefix(strings.TrimPrefix(l, name+":"), " ")
		if len(word) > limit || strings.HasPrefix(word, "=?utf-8?q?") != wantQ {
			t.Fatalf("%s: %q: word %d %q: %d bytes (limit %d), Q %v", name, value, i, word, len(word), limit, wantQ)
		}
		text, err := new(stdmime.WordDecoder).Decode(word)
		if err != nil || !strings.HasPrefix(rest, text) || text == "" {
			t.Fatalf("%s: %q: word %q decodes to %q (%v)", name, value, word, text, err)
		}
		rest = rest[len(text):]
		if rest == "" {
			break
		}
		_, size := utf8.DecodeRuneInString(rest)
		next := len("=?utf-8?q??=") + base64.StdEncoding.EncodedLen(len(text)+size)
		if wantQ {
			next = len(word) + qCost(rest[:size])
		}
		if next <= limit {
			t.Fatalf("%s: %q: word %q ends before %q, which fits (%d <= %d)", name, value, word, rest[:size], next, limit)
		}
		limit = maxWordLen
	}
	if rest != "" {
		t.Fatalf("%s: %q: %q left after the last word", name, value, rest)
	}
}

// TestFieldNames: an extra header's name is 1 to 76 bytes of printable
// ASCII other than ":", and none of the names Write sets, in any case.
func TestFieldNames(t *testing.T) {
	for _, name := range []string{"X-A", "!", "~", "X-" + strings.Repeat("a", maxName-2)} {
		if err := checkFieldName(name); err != nil {
			t.Errorf("%q: %v", name, err)
		}
	}
	bad := []string{"", "X-" + strings.Repeat("a", maxName-1), "subject", "LIST-UNSUBSCRIBE", "X A", "X:A"}
	for c := 0; c < 256; c++ {
		if c <= ' ' || c > '~' {
			bad = append(bad, "X"+string([]byte{byte(c)}))
		}
	}
	for _, name := range bad {
		if err := checkFieldName(name); err == nil {
			t.Errorf("%q accepted", name)
		}
	}
}

// TestListUnsubscribeBounds: the URL stays on one line of at most 998
// bytes, and only an absolute http(s) URL with a host goes out.
func TestListUnsubscribeBounds(t *testing.T) {
	base := "https://u.example/"
	pad := func(n int) string { return base + strings.Repeat("p", n-len(base)) }
	fits := pad(maxLine - len("List-Unsubscribe: <>"))
	for u, ok := range map[string]bool{
		fits: true, fits + "p": false,
		"https://u.example?x=1": true, "http://u.example#a": true, "https://u.example": true,
		"https://?x": false, "https:///p": false, "ftp://u.example/": false, "https://u.ex{ample/": false,
	} {
		dst, err := appendListUnsubscribe([]byte("X"), u)
		if (err == nil) != ok {
			t.Errorf("%.40q (%d bytes): err = %v, want ok %v", u, len(u), err, ok)
			continue
		}
		line, _, _ := strings.Cut(strings.TrimPrefix(string(dst), "X"), "\r\n")
		if ok && (line != "List-Unsubscribe: <"+u+">" || len(line) > maxLine) {
			t.Errorf("%.40q: line %.60q of %d bytes", u, line, len(line))
		}
	}
}

// TestCleanValue: tabs become spaces, the ends are trimmed, invalid UTF-8
// becomes U+FFFD.
func TestCleanValue(t *testing.T) {
	for in, want := range map[string]string{"a\tb": "a b", "\t a \t": "a", "a\xffb": "a\uFFFDb", "ok": "ok", "": ""} {
		if got := cleanValue(in); got != want {
			t.Errorf("cleanValue(%q) = %q, want %q", in, got, want)
		}
	}
}
