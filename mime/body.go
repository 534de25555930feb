package mime

import (
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"math/bits"
	"unsafe"
)

// qpLineMax is the longest encoded body line before its soft break "=".
const qpLineMax = 75

// b64Chunk is how many input bytes make one 76-character base64 line.
const b64Chunk = 57

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// appendBody appends MIME-Version, the multipart/alternative header and the
// parts: text/plain, text/x-amp-html when AMP is set, text/html.
func (s *scratch) appendBody(dst []byte, msg *Message, id string) []byte {
	boundary := makeBoundary(id, msg)
	dst = append(dst, "MIME-Version: 1.0\r\nContent-Type: multipart/alternative;\r\n boundary=\""...)
	dst = append(dst, boundary[:]...)
	dst = append(dst, "\"\r\n\r\n"...)
	dst = s.appendPart(dst, boundary[:], "text/plain", msg.Text)
	if msg.AMP != "" {
		dst = s.appendPart(dst, boundary[:], "text/x-amp-html", msg.AMP)
	}
	dst = s.appendPart(dst, boundary[:], "text/html", msg.HTML)
	dst = append(dst, "--"...)
	dst = append(dst, boundary[:]...)
	return append(dst, "--\r\n"...)
}

// boundaryLen is len("tailor=_") + 16 hex digits.
const boundaryLen = 24

// makeBoundary derives the boundary from two CRC-32s (Castagnoli and IEEE,
// both hardware-assisted) of the Message-ID and the bodies. Uniqueness is a
// courtesy: safety comes from "=_", which no quoted-printable or base64 line
// contains.
func makeBoundary(id string, msg *Message) [boundaryLen]byte {
	var c, e uint32
	for _, f := range [...]string{id, msg.Text, msg.AMP, msg.HTML} {
		c = crc32.Update(c, castagnoli, bytesOf(f))
		e = crc32.Update(e, crc32.IEEETable, bytesOf(f))
		// Mix in the length, so moving text between parts changes the hash.
		c = bits.RotateLeft32(c, 7) ^ uint32(len(f))
		e = bits.RotateLeft32(e, 13) ^ uint32(len(f))
	}
	var b [boundaryLen]byte
	copy(b[:], "tailor=_")
	for i := range 8 {
		v := c
		if i >= 4 {
			v = e
		}
		x := byte(v >> (24 - 8*(i%4)))
		b[8+2*i], b[9+2*i] = upperHex[x>>4], upperHex[x&15]
	}
	return b
}

// appendPart appends one body part, preceded by its boundary line.
func (s *scratch) appendPart(dst, boundary []byte, ctype, body string) []byte {
	dst = append(dst, "--"...)
	dst = append(dst, boundary...)
	dst = append(dst, "\r\nContent-Type: "...)
	dst = append(dst, ctype...)
	dst = append(dst, "; charset=utf-8\r\nContent-Transfer-Encoding: "...)
	if preferBase64(body) {
		dst = append(dst, "base64\r\n\r\n"...)
		s.tmp = appendCRLF(s.tmp[:0], body)
		dst = appendBase64Lines(dst, s.tmp)
	} else {
		dst = append(dst, "quoted-printable\r\n\r\n"...)
		dst = appendQP(dst, body)
	}
	return append(dst, '\r', '\n')
}

// preferBase64 reports whether base64 is the smaller encoding: quoted-printable
// spends 3 bytes per non-ASCII byte, base64 about 1.37 per byte.
func preferBase64(body string) bool {
	b := bytesOf(body)
	high, i := 0, 0
	for ; i+8 <= len(b); i += 8 {
		high += bits.OnesCount64(binary.LittleEndian.Uint64(b[i:]) & 0x8080808080808080)
	}
	for ; i < len(b); i++ {
		high += int(b[i] >> 7)
	}
	return high*5 > len(b)
}

// bytesOf returns the bytes of s without copying. The slice must only be
// read: it aliases the string's memory.
func bytesOf(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// qpLiteral marks the bytes quoted-printable may leave as they are (space and
// tab are handled apart: they must be encoded at the end of a line).
var qpLiteral = func() (t [256]bool) {
	for c := '!'; c <= '~'; c++ {
		t[c] = c != '='
	}
	return t
}()

// appendQP appends body quoted-printable encoded (RFC 2045 section 6.7). Each
// line break (CRLF, LF or CR) becomes CRLF; lines are at most 76 bytes; a
// space or tab before a line break or at the end is encoded.
func appendQP(dst []byte, body string) []byte {
	dst = grow(dst, len(body)+len(body)/8)
	col := 0
	for i := 0; i < len(body); {
		c := body[i]
		if c == '\r' || c == '\n' {
			if c == '\r' && i+1 < len(body) && body[i+1] == '\n' {
				i++
			}
			dst = append(dst, '\r', '\n')
			col, i = 0, i+1
			continue
		}
		if col == qpLineMax {
			dst = append(dst, '=', '\r', '\n')
			col = 0
		}
		// A run of bytes that stand for themselves, up to the line limit.
		if j := literalRun(body, i, min(len(body), i+qpLineMax-col)); j > i {
			dst = append(dst, body[i:j]...)
			col += j - i
			i = j
			continue
		}
		if col+3 > qpLineMax {
			dst = append(dst, '=', '\r', '\n')
			col = 0
		}
		dst = append(dst, '=', upperHex[c>>4], upperHex[c&15])
		col += 3
		i++
	}
	return dst
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// literalRun returns the end of the run of bytes from j, before end, that
// quoted-printable leaves as they are. It tests 8 bytes at a time while they
// are printable ASCII other than '=' (space included, unless last: a space
// before a line break must be encoded), then byte by byte.
func literalRun(body string, j, end int) int {
	b := bytesOf(body)
	for j < end {
		if j+8 <= end && plainBlock(b[j:j+8]) {
			j += 8
			continue
		}
		stop := min(j+8, end)
		for j < stop && literalAt(body, j) {
			j++
		}
		if j < stop {
			break
		}
	}
	return j
}

// plainBlock reports whether the 8 bytes of b are all in ' '..'~', none is
// '=' and the last is not a space (bit tricks from "Bit Twiddling Hacks":
// haszero, hasless, hasmore).
func plainBlock(b []byte) bool {
	x := binary.LittleEndian.Uint64(b)
	below := (x - ' '*ones) &^ x & highs          // some byte < 0x20
	above := ((x + (0x7f-0x7e)*ones) | x) & highs // some byte > 0x7e
	y := x ^ '='*ones
	eq := (y - ones) &^ y & highs // some byte == '='
	return below|above|eq == 0 && b[7] != ' '
}

// literalAt reports whether body[j] can be written as is.
func literalAt(body string, j int) bool {
	c := body[j]
	return qpLiteral[c] || (c == ' ' || c == '\t') && j+1 < len(body) && body[j+1] != '\r' && body[j+1] != '\n'
}

// appendCRLF appends body with every line break (CRLF, LF or CR) as CRLF.
func appendCRLF(dst []byte, body string) []byte {
	dst = grow(dst, len(body)+len(body)/32)
	for i := 0; i < len(body); i++ {
		switch c := body[i]; c {
		case '\r':
			dst = append(dst, '\r', '\n')
			if i+1 < len(body) && body[i+1] == '\n' {
				i++
			}
		case '\n':
			dst = append(dst, '\r', '\n')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// appendBase64Lines appends b in base64, 76 characters a line, CRLF between lines.
func appendBase64Lines(dst, b []byte) []byte {
	dst = grow(dst, base64.StdEncoding.EncodedLen(len(b))+len(b)/b64Chunk*2+2)
	for i := 0; i < len(b); i += b64Chunk {
		if i > 0 {
			dst = append(dst, '\r', '\n')
		}
		dst = base64.StdEncoding.AppendEncode(dst, b[i:min(i+b64Chunk, len(b))])
	}
	return dst
}

// grow makes room for n more bytes in one step.
func grow(b []byte, n int) []byte {
	if cap(b)-len(b) >= n {
		return b
	}
	nb := make([]byte, len(b), 2*cap(b)+n)
	copy(nb, b)
	return nb
}
