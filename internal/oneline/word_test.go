package oneline

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestIsCleanLongStrings checks IsClean, which looks at eight bytes at a
// time, against its definition on random strings longer than a word,
// drawn mostly from bytes next to the ones it looks for.
func TestIsCleanLongStrings(t *testing.T) {
	alphabet := []byte{0x00, 0x09, 0x0a, 0x1f, 0x20, 0x21, 0x7e, 0x7f, 0x80, 0xc3, 0xa9, 0xff}
	r := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		b := []byte(strings.Repeat("x", 1+r.IntN(40)))
		for i := range b {
			if r.IntN(12) == 0 {
				b[i] = alphabet[r.IntN(len(alphabet))]
			}
		}
		s := string(b)
		want := strings.Trim(controlRun.ReplaceAllString(strings.ToValidUTF8(s, "\uFFFD"), " "), " ")
		if IsClean(s) != (want == s) {
			t.Fatalf("IsClean(%q) = %v, but Clean gives %q", s, IsClean(s), want)
		}
	}
}

func BenchmarkIsClean(b *testing.B) {
	s := "Your weekly picks from the Shop, chosen for Ada Lovelace"
	for b.Loop() {
		IsClean(s)
	}
}
