package templates

import (
	"math"
	"reflect"
	"strconv"
	"unicode/utf8"
)

// anyVerb stands for any verb with any flags: its sizes are the largest
// fmt writes for a value under any verb.
const anyVerb rune = -1

// fmtOp is one verb and its flags, as fmt reads them from a format.
type fmtOp struct {
	verb               rune
	plus, sharp, space bool
	sharpV, plusV      bool // %#v and %+v
	hasPrec            bool // the caller adds the precision per leaf
	noMethods          bool // inside a bad verb, fmt calls no methods
}

// badLen is the length of %!x(T=) around a value fmt cannot format with
// the verb (a verb is at most 4 bytes).
func (o *fmtOp) badLen(t reflect.Type) int64 { return 9 + typeLen(t) }

func (o *fmtOp) bad(t reflect.Type, inner int64) int64 { return add(o.badLen(t), inner) }

func (o *fmtOp) boolSize(t reflect.Type) int64 {
	if o.verb == 't' || o.verb == 'v' {
		return 5
	}
	return o.bad(t, 5)
}

// intSize bounds an integer of magnitude mag; fmt writes unsigned ones in
// hexadecimal for %#v.
func (o *fmtOp) intSize(mag uint64, signed bool, t reflect.Type) int64 {
	digits := decLen(mag) + 1
	switch o.verb {
	case 'v', 'd':
		if o.sharpV && !signed {
			return 18
		}
		return digits
	case 'b':
		return 67 // -0b and 64 digits
	case 'o', 'O':
		return 25
	case 'x', 'X':
		return 19
	case 'c':
		return 4
	case 'q':
		return 12 // '\U0010ffff'
	case 'U':
		return 25 // U+FFFFFFFFFFFFFFFF, or U+10FFFF 'x'
	case anyVerb:
		return add(67, o.bad(t, digits))
	}
	return o.bad(t, digits)
}

// floatSize bounds a float without its precision, which the caller adds;
// without one, %e and %f take 6 digits.
func (o *fmtOp) floatSize(f float64, t reflect.Type) int64 {
	p := int64(6)
	if o.hasPrec {
		p = 0
	}
	switch o.verb {
	case 'v', 'g', 'G':
		if o.hasPrec {
			return 12 // -0.0000 or -d.e+308 around the digits
		}
		return 25 // 17 digits, -, ., e-308 (%#g's zeros make it 6 digits at least)
	case 'e', 'E':
		return p + 9
	case 'f', 'F':
		return intDigits(f) + p + 3
	case 'x', 'X':
		if o.hasPrec {
			return 14
		}
		return 26
	case 'b':
		return 26
	case anyVerb:
		return add(intDigits(f)+40, o.badLen(t))
	}
	return o.bad(t, 31)
}

// stringSize bounds a string under the verb: %q and %#v quote it, %x
// writes two digits a byte (with "0x" and a space each for %# x).
func (o *fmtOp) stringSize(s string, t reflect.Type) int64 {
	n := int64(len(s))
	switch o.verb {
	case 'v':
		if o.sharpV {
			return quoteLen(s, false)
		}
		return n
	case 's':
		return n
	case 'q':
		return quoteLen(s, o.plus)
	case 'x', 'X':
		return o.hexLen(n)
	case anyVerb:
		return add(o.hexLen(n), o.badLen(t))
	}
	return o.bad(t, n)
}

// stringLikeSize bounds n bytes formatted as a string when only their
// length is known: what a String method returns, or a []byte.
func (o *fmtOp) stringLikeSize(n int64) int64 {
	switch o.verb {
	case 'x', 'X', anyVerb:
		return o.hexLen(n)
	case 'q':
		return add(mul(n, 4), 2)
	}
	if o.sharpV {
		return add(mul(n, 4), 2)
	}
	return n
}

func (o *fmtOp) hexLen(n int64) int64 {
	h := mul(n, 2)
	switch {
	case o.space && o.sharp:
		h = mul(n, 5)
	case o.space:
		h = mul(n, 3)
	case o.sharp:
		h = add(h, 2)
	}
	return h
}

// decLen is the number of decimal digits of u.
func decLen(u uint64) int64 {
	n := int64(1)
	for ; u >= 10; u /= 10 {
		n++
	}
	return n
}

// intDigits bounds the digits before the point of f written with %f (one
// more than log10 says, for rounding), or 4 for NaN and infinities.
func intDigits(f float64) int64 {
	a := math.Abs(f)
	switch {
	case math.IsNaN(a) || math.IsInf(a, 0):
		return 4
	case a < 10:
		return 1
	}
	return int64(math.Log10(a)) + 2
}

// quoteLen is the length of strconv.Quote(s), or QuoteToASCII(s) for ascii.
func quoteLen(s string, ascii bool) int64 {
	n := int64(2)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n += quotedRuneLen(r, size, ascii)
	}
	return n
}

func quotedRuneLen(r rune, size int, ascii bool) int64 {
	switch {
	case r == utf8.RuneError && size == 1:
		return 4 // \xff
	case r == '"' || r == '\\':
		return 2
	case r < utf8.RuneSelf && r >= ' ' && r != 0x7f:
		return 1
	case r >= utf8.RuneSelf && !ascii && strconv.IsPrint(r):
		return int64(size)
	case r == '\a' || r == '\b' || r == '\f' || r == '\n' || r == '\r' || r == '\t' || r == '\v':
		return 2
	case r < ' ' || r == 0x7f:
		return 4 // \x1b
	case r < 0x10000:
		return 6
	}
	return 10
}

// printBound bounds fmt.Sprint(args...): each operand with %v, and a space
// between two that are not strings; fmt builds it in a buffer and copies
// it into the string it returns.
func printBound(args []any) int64 {
	w := fmtWalker{op: fmtOp{verb: 'v'}}
	n := int64(len(args))
	for _, a := range args {
		n = add(n, w.operand(a).fixed)
	}
	return mul(n, 2)
}

// printlnBound bounds fmt.Sprintln: a space between every two operands, and
// a newline.
func printlnBound(args []any) int64 { return add(printBound(args), 2) }

// printfBound bounds fmt.Sprintf(format, args...) by reading the format as
// fmt does, and bounding each verb's output from its width, precision and
// operand; fmt builds it in a buffer and copies it into a string.
func printfBound(args []any) int64 {
	if len(args) == 0 {
		return 0
	}
	return mul(printfLen(strArg(args, 0), args[1:]), 2)
}

// printfLen bounds what fmt.Sprintf(format, args...) writes.
func printfLen(format string, args []any) int64 {
	s := printfState{args: args}
	n := s.scan(format)
	if s.unsure {
		s = printfState{args: args}
		n = s.conservative(format)
	}
	return n
}
