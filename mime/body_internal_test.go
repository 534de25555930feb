package mime

import (
	"encoding/binary"
	"io"
	"math/bits"
	"math/rand/v2"
	"mime/quotedprintable"
	"strings"
	"testing"
)

// appendQPBytewise is the plain byte-at-a-time encoder that appendQP must
// match; appendQP only adds the runs copied 8 bytes at a time.
func appendQPBytewise(dst []byte, body string) []byte {
	col := 0
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == '\r' || c == '\n' {
			if c == '\r' && i+1 < len(body) && body[i+1] == '\n' {
				i++
			}
			dst = append(dst, '\r', '\n')
			col = 0
			continue
		}
		if literalAt(body, i) {
			if col == qpLineMax {
				dst = append(dst, '=', '\r', '\n')
				col = 0
			}
			dst = append(dst, c)
			col++
			continue
		}
		if col+3 > qpLineMax {
			dst = append(dst, '=', '\r', '\n')
			col = 0
		}
		dst = append(dst, '=', upperHex[c>>4], upperHex[c&15])
		col += 3
	}
	return dst
}

// qpInputs are bodies that exercise blocks, '=', spaces at block ends,
// line breaks and non-ASCII.
func qpInputs() []string {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("aaaaaaaaaaaaaaaaaaa  ===\t\r\n\x00\x7f\xc3\xa9~!.<>\"")
	var in []string
	for n := range 300 {
		b := make([]byte, r.IntN(400))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		if n%3 == 0 { // long plain runs, so the fast path crosses soft breaks
			b = append(b, strings.Repeat("plain text, no equals signs here ", 10)...)
		}
		in = append(in, string(b))
	}
	return append(in, "", " ", "a ", strings.Repeat("x", 5000), strings.Repeat("1234567 ", 100),
		strings.Repeat("abcdefg=", 50), "trailing space \r\nnext", strings.Repeat("é", 300))
}

func TestAppendQPMatchesBytewise(t *testing.T) {
	for _, in := range qpInputs() {
		got, want := string(appendQP(nil, in)), string(appendQPBytewise(nil, in))
		if got != want {
			i := 0
			for i < min(len(got), len(want)) && got[i] == want[i] {
				i++
			}
			t.Fatalf("appendQP(%.60q) differs at byte %d:\n got …%q\nwant …%q", in, i, got[max(0, i-80):min(len(got), i+20)], want[max(0, i-80):min(len(want), i+20)])
		}
	}
}

func TestAppendQPDecodes(t *testing.T) {
	for _, in := range qpInputs() {
		enc := appendQP(nil, in)
		for _, line := range strings.Split(string(enc), "\r\n") {
			if len(line) > 76 {
				t.Fatalf("line of %d bytes: %q", len(line), line)
			}
			if strings.HasSuffix(line, " ") || strings.HasSuffix(line, "\t") {
				t.Fatalf("line ends in whitespace: %q", line)
			}
		}
		dec, err := readAllQP(string(enc))
		if err != nil {
			t.Fatalf("decode %q: %v", enc, err)
		}
		want := strings.NewReplacer("\r\n", "\r\n", "\r", "\r\n", "\n", "\r\n").Replace(in)
		if dec != want {
			t.Fatalf("round trip of %.60q:\n got %.200q\nwant %.200q", in, dec, want)
		}
	}
}

func readAllQP(s string) (string, error) {
	b, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(s)))
	return string(b), err
}

func TestNotPlain(t *testing.T) {
	tests := []struct {
		in   string
		want int // index of the first byte not copied in a run; 8: none
	}{
		{"abcdefgh", 8},
		{"a b c de", 8},
		{"abcdefg ", 8},
		{"abc=defg", 3},
		{"abc\ndefg", 3},
		{"abc\tdefg", 3},
		{"abc\x7fdefg", 3},
		{"abc\xffdefg", 3},
		{"\xff\x1f=\x7f\x00\x80\xfe=", 0},
		{"abcé defg"[:8], 3},
		{"~~~~~~~~", 8},
		{"       \x00", 7},
		{"!!!!!!!\x1f", 7},
		{"\x1f=\x1f=\x1f=\x1f=", 0},
		{"a\x00\x00\x00\x00\x00\x00\x00", 1},
	}
	for _, tt := range tests {
		if got := bits.TrailingZeros64(notPlain(binary.LittleEndian.Uint64([]byte(tt.in)))) >> 3; got != tt.want {
			t.Errorf("first not plain in %q = %d, want %d", tt.in, got, tt.want)
		}
	}
	// Every byte value at every place, after plain bytes.
	for c := range 256 {
		for at := range 8 {
			b := []byte("abcdefgh")
			b[at] = byte(c)
			want := 8
			if !qpPlain[c] {
				want = at
			}
			if got := bits.TrailingZeros64(notPlain(binary.LittleEndian.Uint64(b))) >> 3; got != want {
				t.Errorf("byte %#x at %d: first not plain %d, want %d", c, at, got, want)
			}
		}
	}
}

// FuzzAppendQP holds appendQP to the byte-at-a-time encoder, and the part's
// choice of encoding to "base64 when over a fifth of the bytes are 0x80 or
// above", for any body. The seeds run as a unit test.
func FuzzAppendQP(f *testing.F) {
	for _, in := range qpInputs()[:40] {
		f.Add(in)
	}
	f.Add(strings.Repeat("a", 74) + " \r\n")
	f.Add(strings.Repeat("a", 75) + " \n")
	f.Add(strings.Repeat("a", 4095) + " \r\n" + strings.Repeat("=", 5000) + " ")
	f.Add(strings.Repeat("é", 10) + strings.Repeat("a", 80))
	f.Fuzz(func(t *testing.T, in string) {
		if got, want := string(appendQP(nil, in)), string(appendQPBytewise(nil, in)); got != want {
			t.Fatalf("appendQP(%q) =\n%q\nwant\n%q", in, got, want)
		}
		high := 0
		for i := range len(in) {
			high += int(in[i] >> 7)
		}
		part := string(new(scratch).appendPart([]byte("x"), []byte("b"), "text/plain", in))
		head := "x--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: "
		want := head + "quoted-printable\r\n\r\n" + string(appendQPBytewise(nil, in)) + "\r\n"
		if high*5 > len(in) {
			want = head + "base64\r\n\r\n" + string(appendBase64Lines(nil, appendCRLF(nil, in))) + "\r\n"
		}
		if part != want {
			t.Fatalf("%d of %d bytes high: part\n%q\nwant\n%q", high, len(in), part, want)
		}
	})
}

func BenchmarkAppendQP(b *testing.B) {
	html := strings.Repeat(`<td style="padding:16px 24px;font-family:Helvetica,Arial,sans-serif;color:#333333"><a href="https://shop.example/p/1?utm_source=newsletter&amp;utm_medium=email">Café crème</a></td>`+"\n", 100)
	for _, bc := range []struct {
		name string
		f    func([]byte, string) []byte
	}{{"blocks", appendQP}, {"bytewise", appendQPBytewise}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(html)))
			buf := make([]byte, 0, 2*len(html))
			for b.Loop() {
				buf = bc.f(buf[:0], html)
			}
		})
	}
}
