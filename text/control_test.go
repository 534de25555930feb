package text

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestStripControls(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                        "plain",
		"a\x00b\rc\x1bd\x7fe":          "abcde",
		"tab\tand\nnewline":            "tab\tand\nnewline",
		"c1 \u0085x\u009fy é ü €":      "c1 xy é ü €",
		"line one\r\nline two\r\n":     "line one\nline two\n",
		"\x00\x01\x02":                 "",
		"invalid \xc2 and \xc2\x20 ok": "invalid \xc2 and \xc2\x20 ok",
	} {
		if got := StripControls(in); got != want {
			t.Errorf("StripControls(%q) = %q, want %q", in, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { StripControls("no controls here, é ü €") }); n != 0 {
		t.Errorf("a clean string allocates %v times", n)
	}
}

// TestStripControlsEveryPlace puts each control character at every offset
// of strings of every length up to 20, around the word boundaries the scan
// uses, and checks it against the byte-at-a-time reference.
func TestStripControlsEveryPlace(t *testing.T) {
	controls := []string{"\x00", "\x01", "\r", "\x1b", "\x1f", "\x7f", "\u0080", "\u0085", "\u009f"}
	keep := []string{"\t", "\n", "\u00a0", "\u00c2", "é", "a"}
	for n := 0; n <= 20; n++ {
		for at := 0; at <= n; at++ {
			for _, c := range append(controls, keep...) {
				s := strings.Repeat("x", at) + c + strings.Repeat("y", n-at)
				want := firstControlByte(s)
				if got := firstControl(s); got != want {
					t.Fatalf("firstControl(%q) = %d, want %d", s, got, want)
				}
			}
		}
	}
}

// TestFirstControlRandom checks the word-at-a-time scan against the
// byte-at-a-time reference on random strings drawn mostly from the bytes
// that sit next to the ones it looks for (0x1f, 0x20, 0x7e, 0x80, 0xc1,
// 0xc3...), where a wrong constant or a borrow between bytes would show.
func TestFirstControlRandom(t *testing.T) {
	alphabet := []byte{0x00, 0x09, 0x0a, 0x1f, 0x20, 0x21, 0x7e, 0x7f, 0x80, 0x9f, 0xa0, 0xc1, 0xc2, 0xc3, 0xff, 'a', 'z'}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		b := make([]byte, r.IntN(40))
		for i := range b {
			b[i] = 'x'
			if r.IntN(6) == 0 {
				b[i] = alphabet[r.IntN(len(alphabet))]
			}
		}
		s := string(b)
		if got, want := firstControl(s), firstControlByte(s); got != want {
			t.Fatalf("firstControl(%q) = %d, want %d", s, got, want)
		}
	}
}

func BenchmarkStripControls(b *testing.B) {
	s := strings.Repeat("A plain line of an email's text part, with é and ü.\n", 100)
	for b.Loop() {
		StripControls(s)
	}
}

func BenchmarkFirstControlByte(b *testing.B) {
	s := strings.Repeat("A plain line of an email's text part, with é and ü.\n", 100)
	for b.Loop() {
		firstControlByte(s)
	}
}
