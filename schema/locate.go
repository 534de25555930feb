package schema

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// Locate finds the value at path (object keys and array indices) in raw,
// a JSON document, and returns its byte offset. When the path is not
// there, it returns the offset of the deepest value on the way and
// false: the object a missing field belongs in.
func Locate(raw []byte, path []string) (int, bool) {
	l := locator{b: raw}
	l.space()
	for _, step := range path {
		at := l.i
		var found bool
		switch l.peek() {
		case '{':
			found = l.member(step)
		case '[':
			found = l.element(step)
		}
		if !found {
			return at, false
		}
		l.space()
	}
	return l.i, true
}

// locator is a position in a JSON document.
type locator struct {
	b []byte
	i int
}

func (l *locator) peek() byte {
	if l.i < len(l.b) {
		return l.b[l.i]
	}
	return 0
}

func (l *locator) space() {
	for l.i < len(l.b) && (l.b[l.i] == ' ' || l.b[l.i] == '\t' || l.b[l.i] == '\n' || l.b[l.i] == '\r') {
		l.i++
	}
}

// member moves to the value of key in the object at the position.
func (l *locator) member(key string) bool {
	l.i++ // {
	for {
		l.space()
		if l.peek() != '"' {
			return false
		}
		start := l.i
		l.skipString()
		k := l.b[start:l.i]
		l.space()
		if l.peek() != ':' {
			return false
		}
		l.i++
		l.space()
		if keyIs(k, key) {
			return true
		}
		if !l.pastComma() {
			return false
		}
	}
}

// keyIs reports whether the quoted JSON string k is key.
func keyIs(k []byte, key string) bool {
	if bytes.IndexByte(k, '\\') < 0 {
		return len(k) >= 2 && string(k[1:len(k)-1]) == key
	}
	var s string
	return json.Unmarshal(k, &s) == nil && s == key
}

// element moves to element step (an index) of the array at the position.
func (l *locator) element(step string) bool {
	n, err := strconv.Atoi(step)
	if err != nil || n < 0 {
		return false
	}
	l.i++ // [
	for ; ; n-- {
		l.space()
		if p := l.peek(); p == ']' || p == 0 {
			return false
		}
		if n == 0 {
			return true
		}
		if !l.pastComma() {
			return false
		}
	}
}

// pastComma moves past the value at the position and the comma after it,
// and reports whether there was one: false at the end of an object or
// array.
func (l *locator) pastComma() bool {
	l.skipValue()
	l.space()
	if l.peek() != ',' {
		return false
	}
	l.i++
	return true
}

// skipString moves past the string that starts at the position.
func (l *locator) skipString() {
	for l.i++; l.i < len(l.b); l.i++ {
		switch l.b[l.i] {
		case '\\':
			l.i++
		case '"':
			l.i++
			return
		}
	}
}

// skipValue moves past the value that starts at the position.
func (l *locator) skipValue() {
	depth := 0
	for l.i < len(l.b) {
		switch c := l.b[l.i]; c {
		case '"':
			l.skipString()
			if depth == 0 {
				return
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return
			}
			if depth--; depth == 0 {
				l.i++
				return
			}
		case ',', ' ', '\t', '\n', '\r':
			if depth == 0 {
				return
			}
		}
		l.i++
	}
}
