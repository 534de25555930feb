package escape

import (
	"strings"
	"unicode/utf8"
)

// A table says how one escaper rewrites text: what each ASCII byte becomes
// and, for the escapers that change non-ASCII text too, what a sequence of
// non-ASCII bytes becomes.
type table struct {
	// hit marks the bytes that may be rewritten: those ascii replaces,
	// and every non-ASCII byte when wide is set.
	hit [256]bool
	// ascii is what each ASCII byte becomes, "" for itself.
	ascii [utf8.RuneSelf]string
	// wide, when set, is given the text from a non-ASCII byte on and
	// returns its replacement ("" to keep it) and how many bytes it
	// stands for (at least one).
	wide func(s string) (string, int)
}

// newTable builds a table from the replacement of each ASCII byte.
func newTable(ascii map[byte]string, wide func(string) (string, int)) *table {
	t := &table{wide: wide}
	for c, r := range ascii {
		t.ascii[c] = r
		t.hit[c] = true
	}
	if wide != nil {
		for c := utf8.RuneSelf; c < 256; c++ {
			t.hit[c] = true
		}
	}
	return t
}

// with is a copy of t with the replacements of more, where a "" means
// the byte is kept.
func (t *table) with(more map[byte]string) *table {
	u := *t
	for c, r := range more {
		u.ascii[c] = r
		u.hit[c] = r != ""
	}
	return &u
}

// at returns the replacement of the text at s[i:] ("" for none) and how
// many bytes it stands for, for a byte t.hit marks.
func (t *table) at(s string, i int) (repl string, n int) {
	if c := s[i]; c < utf8.RuneSelf {
		return t.ascii[c], 1
	}
	return t.wide(s[i:])
}

// rewrite returns s as t rewrites it. It returns s itself, allocating
// nothing, when nothing in s is to be replaced; otherwise it allocates
// once, the output, at the size that size computes.
func (t *table) rewrite(s string) string {
	i := 0
	for i < len(s) && !t.hit[s[i]] {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(t.size(s, i))
	kept := 0 // s[kept:i] is still to be written
	for i < len(s) {
		if !t.hit[s[i]] {
			i++
			continue
		}
		repl, n := "", 1
		if c := s[i]; c < utf8.RuneSelf { // at, inlined by hand: this is the hot loop
			repl = t.ascii[c]
		} else {
			repl, n = t.at(s, i)
		}
		if repl != "" {
			b.WriteString(s[kept:i])
			b.WriteString(repl)
			kept = i + n
		}
		i += n
	}
	if kept == 0 {
		return s
	}
	b.WriteString(s[kept:])
	return b.String()
}

// size returns the length of s as t rewrites it, where nothing before i
// is rewritten.
func (t *table) size(s string, i int) int {
	n := len(s)
	for i < len(s) {
		if !t.hit[s[i]] {
			i++
			continue
		}
		repl, w := t.at(s, i)
		if repl != "" {
			n += len(repl) - w
		}
		i += w
	}
	return n
}
