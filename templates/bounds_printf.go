package templates

import (
	"reflect"
	"strings"
	"unicode/utf8"
)

// printfState reads a format as fmt does, one verb at a time, taking the
// operands in order. It handles formats without argument indexes ([n]) and
// without numbers fmt refuses as too large, and reports unsure for the
// others, which printfBound gives to conservative.
type printfState struct {
	args   []any
	argNum int  // the next operand
	unsure bool // an argument index, or a number fmt stops reading
}

// scan bounds the whole output: the format's text, each verb, and the
// %!(EXTRA ...) fmt adds for operands no verb took.
func (s *printfState) scan(format string) int64 {
	var total int64
	for i := 0; i < len(format); {
		j := strings.IndexByte(format[i:], '%')
		if j < 0 {
			total = add(total, int64(len(format)-i))
			break
		}
		total = add(total, int64(j))
		var n int64
		n, i = s.verb(format, i+j+1)
		total = add(total, n)
	}
	return add(total, s.extra())
}

// verb bounds the verb whose flags start at format[i], and returns where
// the format goes on.
func (s *printfState) verb(format string, i int) (int64, int) {
	var op fmtOp
	i = op.flags(format, i)
	s.index(format, i)
	wid, bad, i := s.width(format, i)
	var prec int64
	if i+1 < len(format) && format[i] == '.' { // a final . is the verb
		var badPrec int64
		s.index(format, i+1)
		prec, op.hasPrec, badPrec, i = s.precision(format, i+1)
		bad += badPrec
	}
	s.index(format, i)
	if i >= len(format) {
		return bad + 10, i // %!(NOVERB)
	}
	verb, size := utf8.DecodeRuneInString(format[i:])
	i += size
	op.verb = verb
	switch {
	case verb == '%':
		return bad + 1, i
	case s.argNum >= len(s.args):
		return bad + 16, i // %!x(MISSING)
	}
	arg := s.args[s.argNum]
	s.argNum++
	return add(bad, operandBound(op, wid, prec, arg)), i
}

// index notes an argument index at format[i].
func (s *printfState) index(format string, i int) {
	if i < len(format) && format[i] == '[' {
		s.unsure = true
	}
}

// flags reads the flags at format[i].
func (o *fmtOp) flags(format string, i int) int {
	for ; i < len(format); i++ {
		switch format[i] {
		case '#':
			o.sharp = true
		case '+':
			o.plus = true
		case ' ':
			o.space = true
		case '-', '0':
		default:
			return i
		}
	}
	return i
}

// width reads a width at format[i]: digits, or * for the next operand,
// whose absolute value bounds it (fmt takes a negative width as the -
// flag). bad is the length of the %!(BADWIDTH) fmt writes for an operand
// that is not an integer, or is one too large (fmt then ignores it, but
// the bound keeps it).
func (s *printfState) width(format string, i int) (wid, bad int64, next int) {
	if i < len(format) && format[i] == '*' {
		v, ok := s.star()
		if !ok || tooLarge(v) {
			bad = 12
		}
		return abs(v), bad, i + 1
	}
	wid, next = digits(format, i)
	s.unsure = s.unsure || tooLarge(wid)
	return wid, 0, next
}

// precision reads a precision at format[i], after the point: digits (none
// is 0), or * for the next operand. fmt writes %!(BADPREC) for an operand
// that is not an integer, a negative one, or one too large, and takes it
// as none; the bound keeps one too large.
func (s *printfState) precision(format string, i int) (prec int64, present bool, bad int64, next int) {
	if i < len(format) && format[i] == '*' {
		v, ok := s.star()
		if !ok || v < 0 || tooLarge(v) {
			bad = 11
		}
		return max(v, 0), ok && v >= 0, bad, i + 1
	}
	prec, next = digits(format, i)
	s.unsure = s.unsure || tooLarge(prec)
	return prec, true, 0, next
}

// tooLarge reports whether fmt refuses n as a width or precision.
func tooLarge(n int64) bool { return n > 1e6 || n < -1e6 }

// star takes the next operand for a *, if there is one.
func (s *printfState) star() (int64, bool) {
	v, ok := intArg(s.args, s.argNum)
	if s.argNum < len(s.args) {
		s.argNum++
	}
	return v, ok
}

// digits reads a number at format[i], saturating.
func digits(format string, i int) (int64, int) {
	var n int64
	for ; i < len(format) && '0' <= format[i] && format[i] <= '9'; i++ {
		n = add(mul(n, 10), int64(format[i]-'0'))
	}
	return n, i
}

// abs is |v|, saturating.
func abs(v int64) int64 {
	switch {
	case v >= 0:
		return v
	case v < -maxBound:
		return maxBound
	}
	return -v
}

// operandBound bounds one verb with its operand: the value under the verb
// with the width and precision applied to every leaf, and the buffer fmt
// allocates for an integer that wide.
func operandBound(op fmtOp, wid, prec int64, arg any) int64 {
	if op.verb == 'v' || op.verb == 'w' {
		op.sharpV, op.plusV, op.sharp, op.plus = op.sharp, op.plus, false, false
	}
	w := fmtWalker{op: op}
	var n int64
	switch op.verb {
	case 'T':
		n = add(typeLenOf(arg), wid)
	case 'p': // an address, or %!p(T=%v)
		n = sum(26, typeLenOf(arg), wid, w.badWalker().operand(arg).total(wid, prec))
	case 'w': // %!w(T=%v), or for a number, string or []byte, fmt's way with a bad verb
		n = sum(26, typeLenOf(arg), wid, w.badWalker().operand(arg).total(wid, prec), w.operand(arg).total(wid, prec))
	default:
		n = w.operand(arg).total(wid, prec)
	}
	if wid > 0 || prec > 0 {
		n = sum(n, wid, prec, 8)
	}
	return n
}

func typeLenOf(v any) int64 {
	if v == nil {
		return 5
	}
	return typeLen(reflect.TypeOf(v))
}

// extra bounds %!(EXTRA T=v, ...) for the operands no verb took.
func (s *printfState) extra() int64 {
	if s.argNum >= len(s.args) {
		return 0
	}
	return extraBound(s.args[s.argNum:])
}

func extraBound(args []any) int64 {
	w := fmtWalker{op: fmtOp{verb: 'v'}}
	n := int64(10)
	for _, a := range args {
		n = sum(n, typeLenOf(a), 3, w.operand(a).fixed)
	}
	return n
}

// conservative bounds a format fmt may read otherwise than scan: with
// argument indexes, which let any verb take any operand, or numbers fmt
// refuses midway. Each % starts at most one verb, which writes at most
// what any verb writes for the largest operand, as wide and precise as the
// largest number in the format or among the operands; and every operand
// may be left over for %!(EXTRA ...).
func (s *printfState) conservative(format string) int64 {
	wp := maxNumber(format)
	var most fmtSize
	w := fmtWalker{op: fmtOp{verb: anyVerb, plus: true, sharp: true, space: true, sharpV: true, plusV: true}}
	for i, a := range s.args {
		if v, ok := intArg(s.args, i); ok {
			wp = max(wp, abs(v))
		}
		o := w.operand(a)
		o.fixed = sum(o.fixed, typeLenOf(a), 26, w.badWalker().operand(a).fixed)
		most = fmtSize{max(most.fixed, o.fixed), max(most.leaves, o.leaves)}
	}
	perVerb := sum(most.total(wp, wp), mul(wp, 2), 64)
	verbs := int64(strings.Count(format, "%"))
	return sum(int64(len(format)), mul(verbs, perVerb), extraBound(s.args))
}

// maxNumber is the largest run of digits in format, saturating.
func maxNumber(format string) int64 {
	var most, n int64
	for i := 0; i < len(format); i++ {
		if c := format[i]; '0' <= c && c <= '9' {
			n = add(mul(n, 10), int64(c-'0'))
			most = max(most, n)
		} else {
			n = 0
		}
	}
	return most
}
