package templates

import (
	"encoding/json"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"
)

// evalArgsLen bounds text/template's evalArgs for more than one string:
// fmt.Sprint of the arguments, each followed through its pointers; nil is
// "<no value>".
func evalArgsLen(args []any) int64 {
	w := vWalker()
	n := int64(len(args))
	for _, a := range args {
		v := reflect.ValueOf(a)
		for v.Kind() == reflect.Pointer && !v.IsNil() {
			v = v.Elem()
		}
		if !v.IsValid() {
			n = add(n, 10)
			continue
		}
		if v.CanAddr() && !stringish(v.Type()) && stringish(reflect.PointerTo(v.Type())) {
			if _, ok := knownStringLen(v.Addr()); !ok {
				return unknownSize // Sprint calls the pointer's String method
			}
		}
		n = add(n, w.walk(v, 0).fixed)
	}
	return n
}

func stringish(t reflect.Type) bool { return t.Implements(stringerType) || t.Implements(errorType) }

// escapeBound bounds html, js and urlquery: a single string is escaped
// with exact as its length (into a copy of its bytes, then a builder);
// other arguments are printed first, and escaped at most factor bytes a
// byte.
func escapeBound(args []any, exact func(string) int64, factor int64) int64 {
	if len(args) == 1 {
		if s, ok := args[0].(string); ok {
			return add(int64(len(s)), exact(s))
		}
	}
	n := evalArgsLen(args)
	return mul(n, 3+factor)
}

func htmlBound(args []any) int64 { return escapeBound(args, htmlEscapedLen, 5) }

func jsBound(args []any) int64 { return escapeBound(args, jsEscapedLen, 6) }

func urlqueryBound(args []any) int64 {
	return mul(escapeBound(args, queryEscapedLen, 3), 2)
}

// htmlEscapedLen is the length of text/template's HTMLEscapeString(s).
func htmlEscapedLen(s string) int64 {
	n := int64(len(s))
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"', '\'', '&':
			n += 4 // &#34; &#39; &amp;
		case '<', '>':
			n += 3
		case 0:
			n += 2 // U+FFFD
		}
	}
	return n
}

// jsEscapedLen is the length of text/template's JSEscapeString(s).
func jsEscapedLen(s string) int64 {
	var n int64
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\\' || c == '\'' || c == '"':
				n += 2
			case c == '<' || c == '>' || c == '&' || c == '=' || c < ' ':
				n += 6
			default:
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsPrint(r) {
			n += int64(size)
		} else {
			n += 8 // \uXXXX, or \u10FFFF
		}
	}
	return n
}

// queryEscapedLen is the length of url.QueryEscape(s).
func queryEscapedLen(s string) int64 {
	var n int64
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '_', c == '.', c == '~', c == ' ':
			n++
		default:
			n += 3
		}
	}
	return n
}

// layoutLen bounds time.Format(layout): no element writes more than four
// bytes for each byte it takes in the layout (2006 gives a year of up to
// 13 bytes, January gives September) but the zone's name for MST.
func layoutLen(layout string) int64 {
	return add(mul(int64(len(layout)), 4), mul(int64(strings.Count(layout, "MST")), 32))
}

// dateBound bounds date and dateInZone: Format's buffer and its string.
func dateBound(args []any) int64 { return mul(layoutLen(strArg(args, 0)), 2) }

// formatDateBound bounds formatDate v layout: Format's buffer and string,
// and the string with a month's name translated (at most 10 bytes).
func formatDateBound(args []any) int64 { return add(mul(layoutLen(strArg(args, 1)), 3), 32) }

// durationRoundBound bounds durationRound, whose result is at most 22
// bytes, but which parses a string with time.ParseDuration: it quotes a
// string it cannot parse into its error, at most 4 bytes a byte.
func durationRoundBound(args []any) int64 {
	return add(mul(int64(len(strArg(args, 0))), 8), 64)
}

// moneyBound bounds money amount [currency]: the number's digits with
// group separators (up to 3 bytes each), written by strconv and again by a
// builder, and the currency upper-cased (up to 3 bytes a byte) as its
// symbol; or the error for an amount that is not a number.
func moneyBound(args []any) int64 {
	var amount any
	if len(args) > 0 {
		amount = args[0]
	}
	if f, ok := amount.(float64); ok { // the common case, without toFloat
		d := intDigits(f)
		return sum(mul(sum(d, d, 4), 2), mul(int64(len(strArg(args, 1))), 6), 64)
	}
	v, err := toFloat(amount)
	if err != nil {
		return add(int64(len(strArg(args, 0))), 128)
	}
	d := intDigits(v)
	number := sum(d, d, 4)
	return sum(mul(number, 2), mul(int64(len(strArg(args, 1))), 6), 64)
}

// linkBound bounds link url [content]: url.URL.String and Values.Encode
// write each byte of the URL and the content escaped (3 bytes for one not
// left as it is everywhere), each through a builder. The workspace's UTM
// parameters come from tailor.yaml, not from the template or the
// recipient: this counts utmBytes for them.
func linkBound(args []any) int64 {
	var n int64
	for i := range args {
		n = add(n, urlEscapedLen(strArg(args, i))+13) // &utm_content=
	}
	return add(mul(n, 2), utmBytes)
}

// utmBytes is what linkBound counts for the workspace's utm_* parameters.
const utmBytes = 128

// urlEscapedLen bounds s escaped in any part of a URL: letters, digits and
// -._~ are never escaped, anything else may become %XX.
func urlEscapedLen(s string) int64 {
	var n int64
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == '~':
			n++
		default:
			n += 3
		}
	}
	return n
}

// truncateBound bounds truncate n s: a string as it is, or any other value
// printed by fmt.Sprint; then at most all of it and "…".
func truncateBound(args []any) int64 {
	if len(args) < 2 {
		return 0
	}
	if s, ok := args[1].(string); ok {
		return int64(len(s)) + 3
	}
	return add(mul(vWalker().operand(textValue(args[1])).fixed, 3), 3)
}

// castBound bounds sprig's number functions. They convert with spf13/cast,
// which builds an error with the value's %#v for a value it cannot
// convert (a string that is not a number, a list, a map), and drops it.
func castBound(args []any) int64 {
	var n int64
	for _, a := range args {
		n = add(n, castArgLen(a))
	}
	return n
}

func castArgLen(a any) int64 {
	v := reflect.ValueOf(a)
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem() // cast follows pointers first
	}
	switch v.Kind() {
	case reflect.Invalid:
		return 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32,
		reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		if v.Type().PkgPath() == "" {
			return 0 // a number cast converts
		}
	case reflect.String:
		s := v.String()
		if v.Type() == reflect.TypeFor[json.Number]() || v.Type() == reflect.TypeFor[string]() {
			// a failed strconv parse copies s into its error
			return sum(mul(quoteLen(s, false), 2), int64(len(s)), 160)
		}
	}
	w := &fmtWalker{op: fmtOp{verb: 'v', sharpV: true}}
	return mul(sum(w.walk(v, 0).fixed, mul(typeLen(v.Type()), 2), 64), 2)
}

// toDecimalBound bounds toDecimal: fmt.Sprint of its argument, and the
// copy a failed parse keeps in its error.
func toDecimalBound(args []any) int64 {
	if len(args) == 0 {
		return 0
	}
	return add(mul(vWalker().operand(args[0]).fixed, 3), 64)
}

// BoundsFor is Bounds for the functions Funcs(d) makes: with click
// tracking (Defaults.Track), link writes its result QueryEscaped (up to 3
// bytes for each) after the prefix.
func BoundsFor(d Defaults) map[string]Bound {
	b := Bounds()
	if d.Track != "" {
		track := int64(len(d.Track))
		b["link"] = func(args []any) int64 { return add(mul(linkBound(args), 3), track) }
	}
	return b
}
