package templates

import (
	"reflect"
	"unicode/utf8"
)

// A Bound reports an upper bound, in bytes, on what one call of a function
// builds for args: its result (for a string, its length; for a list or map, 16
// bytes per element or entry plus the bytes of any strings it newly builds) and
// anything it allocates in proportion on the way. args are the call's arguments
// as the executor passes them, variadic ones spread out, of the dynamic types
// template data has (string, int, int64, float64, bool, nil, []any, []string,
// map[string]any, time.Time, html/template content types ...). A Bound must be
// cheap: linear in the size of its arguments at worst, and it must never itself
// allocate in proportion to the result.
//
// The bounds here count a function's result and the working copies it holds
// at the same time: a function that formats into a buffer and then copies it
// into a string (fmt, encoding/json, encoding/base64, regexp, bytes.Buffer)
// counts both. The slack of a buffer grown by append, and the bookkeeping in
// proportion to the arguments (sorting a map's keys), are not counted. A
// string in a list or map result counts its bytes whether it is new or
// shared with an argument, and so does a string result.
type Bound = func(args []any) int64

// Bounds returns the bound of every function, builtin or from Funcs, whose
// result can be larger than a small constant plus the total size of its
// arguments. A function not in the map builds at most that.
func Bounds() map[string]Bound {
	m := make(map[string]Bound, len(boundedFuncs))
	for name, b := range boundedFuncs {
		m[name] = b
	}
	return m
}

// boundedFuncs holds the bounds Bounds returns. It is never written after
// init; Bounds hands out copies.
var boundedFuncs = map[string]Bound{
	// text/template's builtins
	"print":    printBound,
	"println":  printlnBound,
	"printf":   printfBound,
	"html":     htmlBound,
	"js":       jsBound,
	"urlquery": urlqueryBound,
	// sprig strings
	"replace":   replaceBound,
	"upper":     caseBound,
	"lower":     caseBound,
	"title":     caseBound,
	"untitle":   runesCaseBound,
	"swapcase":  runesCaseBound,
	"camelcase": camelBound,
	"snakecase": wordsCaseBound,
	"kebabcase": wordsCaseBound,
	"initials":  initialsBound,
	"nospace":   nospaceBound,
	"wrap":      wrapBound,
	"wrapWith":  wrapWithBound,
	"quote":     quoteBound,
	"squote":    squoteBound,
	"cat":       catBound,
	"join":      joinBound,
	"toString":  toStringBound,
	"toStrings": toStringsBound,
	"sortAlpha": toStringsBound,
	"split":     splitBound,
	"splitList": splitListBound,
	"b64enc":    b64encBound,
	"b64dec":    b64decBound,
	// sprig encodings and regular expressions
	"toJson":                 toJSONBound,
	"toPrettyJson":           toPrettyJSONBound,
	"regexMatch":             regexMatchBound,
	"regexFind":              regexFindBound,
	"regexReplaceAll":        regexReplaceBound,
	"regexReplaceAllLiteral": regexReplaceLiteralBound,
	"regexSplit":             regexSplitBound,
	"regexQuoteMeta":         quoteMetaBound,
	// sprig lists and dicts
	"list":    listBound,
	"concat":  concatBound,
	"rest":    copyListBound,
	"initial": copyListBound,
	"reverse": copyListBound,
	"compact": copyListBound,
	"uniq":    copyListBound,
	"without": copyListBound,
	"dict":    dictBound,
	"keys":    keysBound,
	"values":  valuesBound,
	"pluck":   pluckBound,
	"pick":    pickBound,
	"omit":    omitBound,
	// sprig numbers: cast formats a value it cannot convert with %#v, into
	// an error it then drops; toDecimal prints its argument
	"int":       castBound,
	"int64":     castBound,
	"float64":   castBound,
	"add1":      castBound,
	"add":       castBound,
	"sub":       castBound,
	"mul":       castBound,
	"div":       castBound,
	"mod":       castBound,
	"max":       castBound,
	"min":       castBound,
	"floor":     castBound,
	"ceil":      castBound,
	"round":     castBound,
	"addf":      castBound,
	"subf":      castBound,
	"mulf":      castBound,
	"divf":      castBound,
	"maxf":      castBound,
	"minf":      castBound,
	"toDecimal": toDecimalBound,
	// dates
	"date":          dateBound,
	"dateInZone":    dateBound,
	"durationRound": durationRoundBound,
	// tailor's own
	"truncate":   truncateBound,
	"trunc":      truncateBound,
	"money":      moneyBound,
	"formatDate": formatDateBound,
	"link":       linkBound,
}

// doesNotGrow names every function, builtin or from Funcs, that is not in
// boundedFuncs, with why it builds at most a small constant plus the size
// of its arguments.
var doesNotGrow = map[string]string{
	"and":            "returns one of its arguments",
	"or":             "returns one of its arguments",
	"not":            "a bool",
	"eq":             "a bool",
	"ne":             "a bool",
	"lt":             "a bool",
	"le":             "a bool",
	"gt":             "a bool",
	"ge":             "a bool",
	"len":            "a number",
	"index":          "an element of its argument",
	"slice":          "a slice of its argument, sharing its elements (the builtin, and sprig's that hides it)",
	"trim":           "a substring",
	"trimAll":        "a substring",
	"trimall":        "a substring",
	"trimPrefix":     "a substring",
	"trimSuffix":     "a substring",
	"substr":         "a substring",
	"abbrev":         "the string, or its first width-3 bytes and \"...\", no longer than it",
	"contains":       "a bool",
	"hasPrefix":      "a bool",
	"hasSuffix":      "a bool",
	"plural":         "one of its arguments",
	"default":        "one of its arguments",
	"coalesce":       "one of its arguments",
	"ternary":        "one of its arguments",
	"tailorText":     "its argument, or \"\"",
	"empty":          "a bool",
	"all":            "a bool",
	"any":            "a bool",
	"has":            "a bool",
	"hasKey":         "a bool",
	"first":          "an element",
	"last":           "an element",
	"get":            "an element",
	"dig":            "an element, after copying its keys",
	"atoi":           "a number; a failed parse copies the string into its error",
	"duration":       "a time.Duration's text, at most 25 bytes; a failed parse copies the string into its error",
	"toDate":         "a time.Time; a failed parse copies the layout and the string into its error",
	"unixEpoch":      "at most 20 digits",
	"htmlDate":       "a date as 2006-01-02, at most 20 bytes",
	"htmlDateInZone": "a date as 2006-01-02, at most 20 bytes; an unknown zone's error holds its name",
	"fail":           "an error holding its argument",
	"mustache":       "its argument and 4 bytes",
}

// maxBound is where sizes saturate: a bound that large refuses any call.
const maxBound = int64(1) << 62

// unknownSize is the bound for a value whose size cannot be known without
// running its own code (a String, Error, Format or MarshalJSON method of a
// type tailor does not know): the call is refused.
const unknownSize = maxBound

// add returns a+b for sizes, saturating at maxBound.
func add(a, b int64) int64 {
	if a >= maxBound-b {
		return maxBound
	}
	return a + b
}

// mul returns a*b for sizes, saturating at maxBound.
func mul(a, b int64) int64 {
	if a == 0 || b == 0 {
		return 0
	}
	if a >= maxBound/b {
		return maxBound
	}
	return a * b
}

// sum adds sizes, saturating at maxBound.
func sum(xs ...int64) int64 {
	var s int64
	for _, x := range xs {
		s = add(s, x)
	}
	return s
}

// strArg returns args[i] as a string: any string kind, as the executor
// passes the string parameters of sprig's functions.
func strArg(args []any, i int) string {
	if i >= len(args) {
		return ""
	}
	if s, ok := args[i].(string); ok {
		return s
	}
	if v := reflect.ValueOf(args[i]); v.Kind() == reflect.String {
		return v.String()
	}
	return ""
}

// intArg returns args[i] as an int64 when it is of an integer kind.
func intArg(args []any, i int) (int64, bool) {
	if i >= len(args) {
		return 0, false
	}
	if n, ok := args[i].(int); ok {
		return int64(n), true
	}
	v := reflect.ValueOf(args[i])
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int(), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if u := v.Uint(); u <= 1<<63-1 {
			return int64(u), true
		}
		return 1<<63 - 1, true
	}
	return 0, false
}

// strLen is the length of v when it is a string kind, else 0: what a list
// or map result counts for an element it shares.
func strLen(v any) int64 {
	if s, ok := v.(string); ok {
		return int64(len(s))
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.String {
		return int64(rv.Len())
	}
	return 0
}

// runeLen is utf8.RuneLen, with a rune that cannot be encoded written as
// U+FFFD.
func runeLen(r rune) int64 {
	if n := utf8.RuneLen(r); n > 0 {
		return int64(n)
	}
	return 3
}
