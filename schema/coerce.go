package schema

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// ErrMissing is the error of a field that must be there and is not.
var ErrMissing = errors.New("missing")

// maxExactInt is the largest integer every source holds exactly: a JSON
// number is a float64.
const maxExactInt = 1 << 53

// coerceScalar converts v, a value as a source gives it (a string, a
// float64 or json.Number from JSON, a bool, or an already typed value), to
// the scalar type t. The caller has taken missing values out.
func coerceScalar(t Type, v any) (any, error) {
	if n, ok := v.(json.Number); ok { // the reader keeps the ID field's digits
		v = string(n)
		if t.Kind != String {
			f, err := n.Float64()
			if err != nil {
				return nil, notA(t, n.String())
			}
			v = f
		}
	}
	switch t.Kind {
	case String:
		return toString(v)
	case Int:
		return toInt(v)
	case Float:
		return toFloat(v)
	case Decimal:
		return toDecimal(v)
	case Bool:
		return toBool(v)
	case Date:
		return toDate(v)
	case Time:
		return toTime(v)
	}
	return nil, fmt.Errorf("%s is not a scalar type", t)
}

// notA is the error of a value that is not of type t.
func notA(t Type, v any) error {
	return fmt.Errorf("%s is not %s", describe(v), t.article())
}

// describe shows a value in a message: a string quoted, anything else as
// JSON, cut to 60 bytes.
func describe(v any) string {
	var s string
	switch x := v.(type) {
	case string:
		s = strconv.Quote(x)
	case time.Time:
		s = x.Format(time.RFC3339Nano)
	default:
		b, err := json.Marshal(v)
		if err != nil {
			return fmt.Sprintf("a %T", v)
		}
		s = string(b)
	}
	if len(s) > 60 {
		s = strings.ToValidUTF8(s[:57], "") + "..."
	}
	return s
}

func toString(v any) (any, error) {
	switch x := v.(type) {
	case string:
		return v, nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case int:
		return strconv.Itoa(x), nil
	case bool:
		return strconv.FormatBool(x), nil
	case time.Time:
		return x.Format(time.RFC3339Nano), nil
	}
	return nil, notA(Of(String), v)
}

// toInt takes whole numbers: "1200", "-3", "+7", and "1200.0" (as
// spreadsheets and pandas write a whole number), within ±2^53.
func toInt(v any) (any, error) {
	var f float64
	switch x := v.(type) {
	case int:
		return x, nil
	case int64:
		f = float64(x)
	case uint64:
		f = float64(x)
	case float64:
		f = x
	case string:
		return parseInt(x)
	default:
		return nil, notA(Of(Int), v)
	}
	if f != math.Trunc(f) || math.Abs(f) > maxExactInt {
		return nil, notA(Of(Int), v)
	}
	return int(f), nil
}

// parseInt reads [+-]digits[.0...] within ±2^53.
func parseInt(x string) (any, error) {
	s := strings.TrimSpace(x)
	body := s
	if body != "" && (body[0] == '+' || body[0] == '-') {
		body = body[1:]
	}
	whole, frac, dot := strings.Cut(body, ".")
	if !isDigits(whole, false) || dot && (frac == "" || strings.Trim(frac, "0") != "") {
		return nil, notA(Of(Int), x)
	}
	n, err := strconv.ParseInt(s[:len(s)-len(body)]+whole, 10, 64)
	if err != nil || n > maxExactInt || n < -maxExactInt {
		return nil, notA(Of(Int), x)
	}
	return int(n), nil
}

// isDigits reports whether s is one or more ASCII digits (or none, when
// empty is allowed).
func isDigits(s string, empty bool) bool {
	if s == "" {
		return empty
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// toFloat takes decimal numbers with an optional exponent ("0.82",
// "1e3"); not NaN, infinities, hexadecimal or digit separators.
func toFloat(v any) (any, error) {
	switch x := v.(type) {
	case float64:
		return v, nil
	case int:
		return float64(x), nil
	case int64:
		return float64(x), nil
	case uint64:
		return float64(x), nil
	case string:
		s := strings.TrimSpace(x)
		if !floatSyntax(s) {
			return nil, notA(Of(Float), x)
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(f, 0) {
			return nil, notA(Of(Float), x)
		}
		return f, nil
	}
	return nil, notA(Of(Float), v)
}

// floatSyntax reports whether s is [+-]digits[.digits][e[+-]digits].
func floatSyntax(s string) bool {
	mant, exp, hasExp := s, "", false
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant, exp, hasExp = s[:i], s[i+1:], true
	}
	if hasExp && exp != "" && (exp[0] == '+' || exp[0] == '-') {
		exp = exp[1:]
	}
	return plainDecimal(mant) && (!hasExp || isDigits(exp, false))
}

// floatText reports whether s reads as a float, without allocating for
// a text that does not.
func floatText(s string) bool {
	if !floatSyntax(s) {
		return false
	}
	f, err := strconv.ParseFloat(s, 64)
	return err == nil && !math.IsInf(f, 0)
}

// plainDecimal reports whether s is [+-]digits[.digits] with at least
// one digit.
func plainDecimal(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	return isDigits(whole, true) && isDigits(frac, true) && whole+frac != ""
}

// MaxDecimalDigits is how many significant digits a decimal may have: a
// float64 holds any decimal of 15 digits so that it prints back to the
// same digits, which is what makes a decimal exact.
const MaxDecimalDigits = 15

// toDecimal takes money as text: "1234.50", "-3", "0.1"; no exponent, at
// most MaxDecimalDigits significant digits. A JSON number is taken when
// its shortest form has at most that many.
func toDecimal(v any) (any, error) {
	var s string
	switch x := v.(type) {
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 { // a whole amount: at most 15 digits
			return v, nil
		}
		var buf [32]byte // the shortest form, which reads back as x
		if b := strconv.AppendFloat(buf[:0], x, 'e', -1, 64); significantE(b) <= MaxDecimalDigits && !math.IsInf(x, 0) {
			return v, nil
		}
		s = strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		s = strconv.Itoa(x)
	case int64:
		s = strconv.FormatInt(x, 10)
	case uint64:
		s = strconv.FormatUint(x, 10)
	case string:
		s = strings.TrimSpace(x)
	default:
		return nil, notA(Of(Decimal), v)
	}
	if !plainDecimal(s) {
		return nil, notA(Of(Decimal), v)
	}
	if n := significant(s); n > MaxDecimalDigits {
		return nil, fmt.Errorf("%s has %d significant digits: a decimal keeps at most %d exactly", describe(v), n, MaxDecimalDigits)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, notA(Of(Decimal), v)
	}
	return f, nil
}

// significantE counts the significant digits of a number in 'e' form
// (d.ddde±x): the digits before the e, less the point.
func significantE(b []byte) int {
	n := 0
	for _, c := range b {
		if c == 'e' {
			break
		}
		if '0' <= c && c <= '9' {
			n++
		}
	}
	return n
}

// significant counts the significant digits of a plain decimal.
func significant(s string) int {
	digits := strings.TrimLeft(strings.Replace(strings.TrimLeft(s, "+-"), ".", "", 1), "0")
	if strings.Contains(s, ".") {
		digits = strings.TrimRight(digits, "0")
	}
	return len(digits)
}

// boolSpellings are the texts a bool is read from, in any case.
var boolSpellings = [...]struct {
	text string
	b    bool
}{
	{"true", true}, {"yes", true}, {"y", true}, {"on", true}, {"1", true},
	{"false", false}, {"no", false}, {"n", false}, {"off", false}, {"0", false},
}

// boolText reads a spelling of a bool.
func boolText(s string) (b, ok bool) {
	for _, sp := range boolSpellings {
		if strings.EqualFold(s, sp.text) {
			return sp.b, true
		}
	}
	return false, false
}

// toBool takes true/yes/y/on/1 and false/no/n/off/0, in any case, and the
// JSON numbers 1 and 0.
func toBool(v any) (any, error) {
	switch x := v.(type) {
	case bool:
		return v, nil
	case float64:
		if x == 0 || x == 1 {
			return x == 1, nil
		}
	case string:
		if b, ok := boolText(strings.TrimSpace(x)); ok {
			return b, nil
		}
		return nil, fmt.Errorf("%s is not a bool (want yes/no, true/false, y/n, on/off or 1/0)", describe(x))
	}
	return nil, notA(Of(Bool), v)
}
