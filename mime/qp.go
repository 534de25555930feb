package mime

import (
	"encoding/binary"
	"math/bits"
)

// qpLineMax is the longest encoded body line before its soft break "=".
const qpLineMax = 75

// qpBlock is how many body bytes the encoder takes per reservation of
// output space.
const qpBlock = 4096

// qpRoom bounds what qpBlock body bytes can become: 3 bytes each, a soft
// break (3 bytes) for every 72 or more written and one more for the line
// the block starts in, an encoded space fixed up past the block, and room
// for the 16-byte stores of copyPlain to run past the end.
const qpRoom = 3*qpBlock + 3*(3*qpBlock/72+2) + 32

// qpPlain marks the bytes the encoder copies in runs: printable ASCII and
// space, but '='. A space so copied right before a line break, or last, is
// encoded afterwards (RFC 2045's rule 3); a tab is handled byte by byte.
var qpPlain = func() (t [256]bool) {
	for c := ' '; c <= '~'; c++ {
		t[c] = c != '='
	}
	return t
}()

// appendQP appends body quoted-printable encoded (RFC 2045 section 6.7). Each
// line break (CRLF, LF or CR) becomes CRLF; lines are at most 76 bytes; a
// space or tab before a line break or at the end is encoded.
func appendQP(dst []byte, body string) []byte {
	dst, _ = encodeQP(dst, bytesOf(body), len(body))
	return dst
}

// encodeQP appends b quoted-printable encoded, unless more than maxHigh of
// its bytes are 0x80 or above: then it stops and returns false, with dst's
// bytes up to its length as they were and the rest undefined.
//
// It is one pass over b, writing into dst's spare capacity by index. Runs
// of bytes that stand for themselves are found and copied 8 at a time
// (copyPlain); a line break, a tab, a byte to encode and the soft breaks
// are written one at a time. The output is the byte-at-a-time encoder's:
// before a byte written as is, a soft break when the line holds 75; before
// an encoded byte, when the 3 bytes would not fit; none before a line break.
func encodeQP(dst, b []byte, maxHigh int) ([]byte, bool) {
	n := len(b)
	col, high := 0, 0
	for i := 0; i < n; {
		dst = grow(dst, qpRoom)
		out, w := dst[:cap(dst)], len(dst)
		for end := min(n, i+qpBlock); i < end; {
			c := b[i]
			switch {
			case qpPlain[c]:
				if col == qpLineMax {
					w, col = softBreak(out, w), 0
				}
				k := copyPlain(out[w:], b, i, min(end, i+qpLineMax-col))
				w, col, i = w+k, col+k, i+k
			case c == '\r' || c == '\n':
				if i > 0 && b[i-1] == ' ' {
					w, col = encodeLastSpace(out, w, col)
				}
				if c == '\r' && i+1 < n && b[i+1] == '\n' {
					i++
				}
				out[w], out[w+1] = '\r', '\n'
				w, col, i = w+2, 0, i+1
			case c == '\t' && i+1 < n && b[i+1] != '\r' && b[i+1] != '\n':
				if col == qpLineMax {
					w, col = softBreak(out, w), 0
				}
				out[w] = c
				w, col, i = w+1, col+1, i+1
			default:
				if high += int(c >> 7); high > maxHigh {
					return dst, false
				}
				if col+3 > qpLineMax {
					w, col = softBreak(out, w), 0
				}
				out[w], out[w+1], out[w+2] = '=', upperHex[c>>4], upperHex[c&15]
				w, col, i = w+3, col+3, i+1
			}
		}
		dst = out[:w]
	}
	if n > 0 && b[n-1] == ' ' {
		dst = grow(dst, 8)
		out := dst[:cap(dst)]
		w, _ := encodeLastSpace(out, len(dst), col)
		dst = out[:w]
	}
	return dst, true
}

// softBreak writes "=" CRLF at w and returns the index past it.
func softBreak(out []byte, w int) int {
	out[w], out[w+1], out[w+2] = '=', '\r', '\n'
	return w + 3
}

// encodeLastSpace rewrites the space just written as is, before w, as
// "=20" (with a soft break first when it does not fit), and returns the new
// end and column.
func encodeLastSpace(out []byte, w, col int) (int, int) {
	w, col = w-1, col-1
	if col+3 > qpLineMax {
		w, col = softBreak(out, w), 0
	}
	out[w], out[w+1], out[w+2] = '=', '2', '0'
	return w + 3, col + 3
}

// copyPlain copies to out the run of qpPlain bytes of b from i, up to
// limit, and returns its length. It loads and stores 16 bytes at a time,
// then 8, while that many are left in b, so out must have 16 bytes of room
// past the run.
func copyPlain(out, b []byte, i, limit int) int {
	src, dst := b[i:], out[:limit-i+16]
	n := limit - i
	j := 0
	for ; j+16 <= len(src) && j < n; j += 16 {
		s, d := src[j:j+16], dst[j:j+16]
		x, y := binary.LittleEndian.Uint64(s), binary.LittleEndian.Uint64(s[8:])
		binary.LittleEndian.PutUint64(d, x)
		binary.LittleEndian.PutUint64(d[8:], y)
		if m := notPlain(x); m != 0 {
			return min(j+bits.TrailingZeros64(m)>>3, n)
		}
		if m := notPlain(y); m != 0 {
			return min(j+8+bits.TrailingZeros64(m)>>3, n)
		}
	}
	if j+8 <= len(src) && j < n {
		x := binary.LittleEndian.Uint64(src[j : j+8])
		binary.LittleEndian.PutUint64(dst[j:j+8], x)
		k := bits.TrailingZeros64(notPlain(x)) >> 3
		if j += k; k < 8 {
			return min(j, n)
		}
	}
	for ; j < n && j < len(src) && qpPlain[src[j]]; j++ {
		dst[j] = src[j]
	}
	return min(j, n)
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// notPlain has the high bit set in the lowest byte of x (little-endian)
// that is not qpPlain, if any: below ' ', above '~', or '=' (the "Bit
// Twiddling Hacks" haszero and hasless tests). Bytes above that one may be
// marked wrongly by a carry or borrow; the lowest mark is exact.
func notPlain(x uint64) uint64 {
	below := x - ' '*ones   // a byte under 0x20 borrows (0x80 and up are marked by x)
	above := (x + ones) | x // 0x7f carries into its high bit; 0x80 and up have it
	y := x ^ '='*ones
	eq := (y - ones) &^ y // a byte equal to '=' is zero in y
	return (below | above | eq) & highs
}

// literalAt reports whether body[j] stands for itself in quoted-printable:
// printable ASCII but '=', or a space or tab not last and not before a line
// break.
func literalAt(body string, j int) bool {
	c := body[j]
	if c == ' ' || c == '\t' {
		return j+1 < len(body) && body[j+1] != '\r' && body[j+1] != '\n'
	}
	return qpPlain[c]
}
