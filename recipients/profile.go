package recipients

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/tailor-email/tailor/internal/jsonstr"
)

// maxDepth is how deeply decodeObject nests before it leaves the document
// to encoding/json, which has its own limit.
const maxDepth = 1000

// decodeObject decodes a JSON object into the values encoding/json gives
// for map[string]any: maps, []any, string, float64, bool and nil, except
// that a number in the top-level field id (when id is not empty) is kept
// as its text, a json.Number. It is the batch's input hot path, about
// three times as fast as encoding/json.
//
// It handles the common case only: ok is false for anything it does not
// take (a document that is not one object, a syntax error, a number out of
// float64's range, deep nesting), and the caller then decodes with
// encoding/json, which gives the same value or its own error. A string
// with an escape, a control character or a byte above ASCII is unquoted by
// encoding/json, so invalid UTF-8 and lone surrogates come out as
// encoding/json has them. FuzzDecodeObject holds the two to the same
// values. (github.com/goccy/go-json is faster still, but has open issues
// where malformed input crashes the process; valyala/fastjson unescapes on
// a best-effort basis that differs from encoding/json.)
func decodeObject(b []byte, id string) (p map[string]any, ok bool) {
	d := decoder{b: string(b), id: id} // one copy: every string is a part of it
	d.space()
	if !d.next('{') {
		return nil, false
	}
	p, ok = d.object(0)
	d.space()
	return p, ok && d.i == len(d.b)
}

// decoder is a position in a JSON document.
type decoder struct {
	b  string
	i  int
	id string // the field whose number is kept as text
}

func (d *decoder) space() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// next consumes c if it is the next byte.
func (d *decoder) next(c byte) bool {
	if d.i < len(d.b) && d.b[d.i] == c {
		d.i++
		return true
	}
	return false
}

// object decodes the members of an object whose '{' is consumed.
func (d *decoder) object(depth int) (map[string]any, bool) {
	m := make(map[string]any)
	d.space()
	if d.next('}') {
		return m, true
	}
	for {
		d.space()
		k, ok := d.string()
		if !ok {
			return nil, false
		}
		d.space()
		if !d.next(':') {
			return nil, false
		}
		d.space()
		start := d.i
		v, ok := d.value(depth)
		if !ok {
			return nil, false
		}
		if _, num := v.(float64); num && depth == 0 && d.id != "" && k == d.id {
			v = json.Number(d.b[start:d.i])
		}
		m[k] = v
		d.space()
		if d.next('}') {
			return m, true
		}
		if !d.next(',') {
			return nil, false
		}
	}
}

// array decodes the elements of an array whose '[' is consumed.
func (d *decoder) array(depth int) ([]any, bool) {
	d.space()
	if d.next(']') {
		return []any{}, true
	}
	a := make([]any, 0, 4) // most lists are short: one allocation, not three
	for {
		d.space()
		v, ok := d.value(depth)
		if !ok {
			return nil, false
		}
		a = append(a, v)
		d.space()
		if d.next(']') {
			return a, true
		}
		if !d.next(',') {
			return nil, false
		}
	}
}

func (d *decoder) value(depth int) (any, bool) {
	if d.i == len(d.b) || depth >= maxDepth {
		return nil, false
	}
	switch c := d.b[d.i]; {
	case c == '{':
		d.i++
		return d.object(depth + 1)
	case c == '[':
		d.i++
		return d.array(depth + 1)
	case c == '"':
		return d.string()
	case c == '-' || '0' <= c && c <= '9':
		return d.number()
	}
	for _, lit := range [...]struct {
		text string
		v    any
	}{{"true", true}, {"false", false}, {"null", nil}} {
		if strings.HasPrefix(d.b[d.i:], lit.text) {
			d.i += len(lit.text)
			return lit.v, true
		}
	}
	return nil, false
}

// string decodes a string at the decoder's position. A string of valid
// UTF-8 with no control character is taken as it is, as encoding/json
// takes it, and its escapes unquoted; encoding/json unquotes any other.
func (d *decoder) string() (string, bool) {
	if !d.next('"') {
		return "", false
	}
	start, ascii, plain := d.i, true, true
	for d.i = jsonstr.Plain(d.b, d.i); d.i < len(d.b); d.i = jsonstr.Plain(d.b, d.i) {
		switch c := d.b[d.i]; {
		case c == '"':
			d.i++
			s := d.b[start : d.i-1]
			if ascii || utf8.ValidString(s) {
				if plain {
					return s, true
				}
				if u, ok := unescape(s); ok {
					return u, true
				}
			}
			var u string // not s: taking its address would put s on the heap in every call
			err := json.Unmarshal([]byte(d.b[start-1:d.i]), &u)
			return u, err == nil
		case c == '\\':
			plain = false
			d.i += 2 // the escaped byte cannot end the string
		case c < ' ':
			ascii = false // refused by encoding/json
			plain = false
			d.i++
		default: // a byte of a multi-byte character
			ascii = false
			d.i++
		}
	}
	return "", false
}

// unescape unquotes the escapes of a string's contents. ok is false for
// what it leaves to encoding/json: a surrogate, a control character, a
// malformed escape.
func unescape(s string) (string, bool) {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' {
			return "", false
		}
		if c != '\\' {
			b = append(b, c)
			continue
		}
		if i++; i == len(s) {
			return "", false
		}
		switch c = s[i]; c {
		case '"', '\\', '/':
			b = append(b, c)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := hex4(s[i+1:])
			if !ok || utf16.IsSurrogate(r) {
				return "", false
			}
			b = utf8.AppendRune(b, r)
			i += 4
		default:
			return "", false
		}
	}
	return string(b), true
}

// hex4 reads the four hex digits of a \u escape.
func hex4(s string) (rune, bool) {
	if len(s) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[:4]) {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// number decodes a number that has JSON's grammar, as encoding/json does:
// with strconv.ParseFloat, which fails when it is out of range.
func (d *decoder) number() (any, bool) {
	start := d.i
	d.next('-')
	switch {
	case d.next('0'):
	case d.digits() == 0:
		return nil, false
	}
	if d.next('.') && d.digits() == 0 {
		return nil, false
	}
	if d.next('e') || d.next('E') {
		if !d.next('+') {
			d.next('-')
		}
		if d.digits() == 0 {
			return nil, false
		}
	}
	f, err := strconv.ParseFloat(d.b[start:d.i], 64)
	return f, err == nil
}

// digits consumes a run of decimal digits and says how long it was.
func (d *decoder) digits() int {
	start := d.i
	for d.i < len(d.b) && '0' <= d.b[d.i] && d.b[d.i] <= '9' {
		d.i++
	}
	return d.i - start
}
