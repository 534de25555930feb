package mime

import (
	"encoding/base64"
	"hash/crc32"
	"math/bits"
	"unsafe"
)

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
	// Quoted-printable spends 3 bytes on a byte of 0x80 or above, base64
	// about 1.37 on any: base64 is the smaller when more than a fifth of
	// the bytes are. The encoder counts them as it goes and gives up past
	// that many.
	mark := len(dst)
	dst = append(dst, "quoted-printable\r\n\r\n"...)
	out, ok := encodeQP(dst, bytesOf(body), len(body)/5)
	if !ok {
		dst = append(out[:mark], "base64\r\n\r\n"...)
		s.tmp = appendCRLF(s.tmp[:0], body)
		out = appendBase64Lines(dst, s.tmp)
	}
	return append(out, '\r', '\n')
}

// bytesOf returns the bytes of s without copying. The slice must only be
// read: it aliases the string's memory.
func bytesOf(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

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
