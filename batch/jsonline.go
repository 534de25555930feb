package batch

import (
	"math/bits"
	"sort"
	"sync"
	"unicode/utf8"
)

// appendLine appends l as one JSON line, byte for byte what encoding/json
// writes with SetEscapeHTML(false), without reflection: the JSONL output
// is the batch's own hot path.
func appendLine(dst []byte, l *Line) []byte {
	dst = append(dst, `{"id":`...)
	dst = appendString(dst, l.ID)
	for _, f := range [...]struct {
		key string
		val *string
	}{
		{`,"template":`, &l.Template}, {`,"to":`, &l.To}, {`,"subject":`, &l.Subject},
		{`,"preheader":`, &l.Preheader}, {`,"html":`, &l.HTML}, {`,"text":`, &l.Text}, {`,"amp":`, &l.AMP},
	} {
		dst = append(dst, f.key...)
		dst = appendString(dst, *f.val)
	}
	if l.AMPDropped != "" {
		dst = append(dst, `,"amp_dropped":`...)
		dst = appendString(dst, l.AMPDropped)
	}
	dst = append(dst, `,"segments":`...)
	dst = appendStrings(dst, l.Segments)
	dst = append(dst, `,"modules":`...)
	dst = appendMap(dst, l.Modules)
	dst = append(dst, `,"variants":`...)
	dst = appendMap(dst, l.Variants)
	if l.Error != "" {
		dst = append(dst, `,"error":`...)
		dst = appendString(dst, l.Error)
	}
	return append(dst, "}\n"...)
}

func appendStrings(dst []byte, ss []string) []byte {
	if ss == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i, s := range ss {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, s)
	}
	return append(dst, ']')
}

// appendMap appends m with its keys sorted, as encoding/json does.
func appendMap(dst []byte, m map[string]string) []byte {
	if m == nil {
		return append(dst, "null"...)
	}
	var buf [8]string
	keys := buf[:0]
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	dst = append(dst, '{')
	for i, k := range keys {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, k)
		dst = append(dst, ':')
		dst = appendString(dst, m[k])
	}
	return append(dst, '}')
}

const hex = "0123456789abcdef"

// appendString appends s as a JSON string: ", \ and control characters
// escaped (\n, \r, \t, \b, \f by name), invalid UTF-8 as \ufffd, U+2028
// and U+2029 escaped, < > & left as they are.
//
// An HTML part is mostly plain bytes with a few hundred quotes and
// newlines, so it is scanned eight bytes at a time (see specials) and each
// run of plain bytes is copied at once.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start, i := 0, 0
	for {
		for i+8 <= len(s) {
			w := s[i : i+8]
			m := specials(uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
				uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56)
			if m != 0 {
				i += bits.TrailingZeros64(m) / 8
				break
			}
			i += 8
		}
		for i < len(s) && plain[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		if b := s[i]; b < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			if e := named[b]; e != 0 {
				dst = append(dst, '\\', e)
			} else {
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			if r == utf8.RuneError {
				dst = append(dst, `\ufffd`...)
			} else {
				dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xf])
			}
			start = i + size
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// specials has the high bit set of each byte of x that is not plain:
// below 0x20, at or above 0x80, '"' or '\\'. (v - ones) &^ v marks the
// zero bytes of v, and x - 0x20*ones the bytes below 0x20; a borrow can
// also mark a byte after a marked one, never before, so the lowest mark is
// always a true one.
func specials(x uint64) uint64 {
	q, bs := x^ones*'"', x^ones*'\\'
	return ((x - ones*0x20) | x | (q-ones)&^q | (bs-ones)&^bs) & highs
}

// named is the escape letter of the ASCII bytes JSON escapes by name.
var named = [utf8.RuneSelf]byte{'"': '"', '\\': '\\', '\n': 'n', '\r': 'r', '\t': 't', '\b': 'b', '\f': 'f'}

// plain marks the bytes a JSON string holds as they are: printable ASCII
// but " and \.
var plain = func() (t [256]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		t[b] = b != '"' && b != '\\'
	}
	return t
}()

// encodeLine is the JSONL line of a result, in a buffer from lineBufs.
func encodeLine(r Result) []byte {
	l := NewLine(r)
	n := len(l.HTML) + len(l.Text) + len(l.AMP)
	return appendLine(lineBufs.get(n+n/16+512), &l)
}

// lineBufs recycles the buffers of written lines: a batch encodes lines in
// its workers and writes them in order, and allocating each line anew was
// a third of the bytes a recipient cost the garbage collector.
var lineBufs bufPool

type bufPool struct{ p sync.Pool }

// maxLineBuf is the largest buffer kept for reuse.
const maxLineBuf = 1 << 20

// get returns an empty buffer with at least size bytes of capacity. Sizes
// are rounded up to 8 KiB, so one buffer serves lines of similar sizes.
func (bp *bufPool) get(size int) []byte {
	if b, ok := bp.p.Get().(*[]byte); ok && cap(*b) >= size {
		return (*b)[:0]
	}
	return make([]byte, 0, (size+8<<10-1)&^(8<<10-1))
}

// put keeps b for a later get; the caller no longer uses it.
func (bp *bufPool) put(b []byte) {
	if cap(b) <= maxLineBuf {
		bp.p.Put(&b)
	}
}
