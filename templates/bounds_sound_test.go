package templates

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/url"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	texttemplate "text/template"
)

// callFunc calls the function a template calls by name, as the executor
// does: a builtin as text/template's, any other from Funcs. ok is false
// when the call fails or panics.
func callFunc(name string, args []any) (result any, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	switch name {
	case "print":
		return fmt.Sprint(args...), true
	case "println":
		return fmt.Sprintln(args...), true
	case "printf":
		return fmt.Sprintf(args[0].(string), args[1:]...), true
	case "html":
		return texttemplate.HTMLEscaper(slicesClone(args)...), true
	case "js":
		return texttemplate.JSEscaper(slicesClone(args)...), true
	case "urlquery":
		return texttemplate.URLQueryEscaper(slicesClone(args)...), true
	}
	f := reflect.ValueOf(Funcs(Defaults{Currency: "USD", UTM: map[string]string{"source": "tailor"}})[name])
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		t := f.Type().In(min(i, f.Type().NumIn()-1))
		if f.Type().IsVariadic() && i >= f.Type().NumIn()-1 {
			t = t.Elem()
		}
		if a == nil {
			in[i] = reflect.Zero(t)
		} else {
			in[i] = reflect.ValueOf(a)
		}
	}
	out := f.Call(in)
	if len(out) == 2 && !out[1].IsNil() {
		return nil, false
	}
	return out[0].Interface(), true
}

func slicesClone(a []any) []any { return append([]any(nil), a...) }

// measure is what a result holds: a string's bytes; 16 bytes for each
// element or entry of a list or map, and the bytes of its strings.
func measure(v any) int64 {
	switch x := v.(type) {
	case string:
		return int64(len(x))
	case []string:
		n := int64(16 * len(x))
		for _, s := range x {
			n += int64(len(s))
		}
		return n
	case []any:
		n := int64(16 * len(x))
		for _, e := range x {
			n += strLen(e)
		}
		return n
	case map[string]any:
		n := int64(16 * len(x))
		for k, e := range x {
			n += int64(len(k)) + strLen(e)
		}
		return n
	case map[string]string:
		n := int64(16 * len(x))
		for k, e := range x {
			n += int64(len(k) + len(e))
		}
		return n
	}
	return 0
}

// TestSizeHelpersAreExact checks the sizes computed from a string's bytes
// against the functions they size: exactly, or at least for case mapping
// and JavaScript escaping.
func TestSizeHelpersAreExact(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for range 20_000 {
		s := randString(r, 10)
		j, _ := json.Marshal(s)
		exact := []struct {
			what      string
			got, want int
		}{
			{"quoteLen", int(quoteLen(s, false)), len(strconv.Quote(s))},
			{"quoteLen ascii", int(quoteLen(s, true)), len(strconv.QuoteToASCII(s))},
			{"jsonQuotedLen", int(jsonQuotedLen(s)), len(j)},
			{"htmlEscapedLen", int(htmlEscapedLen(s)), len(texttemplate.HTMLEscapeString(s))},
			{"queryEscapedLen", int(queryEscapedLen(s)), len(url.QueryEscape(s))},
			{"replace", int(replaceBound([]any{s[:len(s)/3], "xyz", s})), len(strings.ReplaceAll(s, s[:len(s)/3], "xyz"))},
		}
		for _, e := range exact {
			if e.got != e.want {
				t.Errorf("%s(%q) = %d, want %d", e.what, s, e.got, e.want)
			}
		}
		atLeast := []struct {
			what      string
			got, want int
		}{
			{"jsEscapedLen", int(jsEscapedLen(s)), len(texttemplate.JSEscapeString(s))},
			{"caseLen upper", int(caseLen(s)), len(strings.ToUpper(s))},
			{"caseLen lower", int(caseLen(s)), len(strings.ToLower(s))},
			{"caseLen title", int(caseLen(s)), len(strings.ToTitle(s))},
		}
		for _, e := range atLeast {
			if e.got < e.want {
				t.Errorf("%s(%q) = %d, want at least %d", e.what, s, e.got, e.want)
			}
		}
	}
}

// TestFmtSizesAreSound checks the sizes of one verb, before printfBound
// doubles them for fmt's buffer, against what fmt writes.
func TestFmtSizesAreSound(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 20_000 {
		format := randFormat(r)
		args := []any{randValue(r, 0), randValue(r, 0), r.IntN(30), randValue(r, 1)}
		if got, bound := len(fmt.Sprintf(format, args...)), printfLen(format, args); int64(got) > bound {
			t.Errorf("Sprintf(%q, %#v) writes %d bytes, over its bound %d", format, args, got, bound)
		}
	}
}

// TestJSONSizesAreSound checks the JSON sizes, before toJson's factor,
// against what encoding/json writes, compact and indented.
func TestJSONSizesAreSound(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 20_000 {
		v := randValue(r, 0)
		var w jsonWalker
		s := w.walk(reflect.ValueOf(v))
		if b, err := json.Marshal(v); err == nil && int64(len(b)) > s.compact {
			t.Errorf("Marshal(%#v) writes %d bytes, over its bound %d", v, len(b), s.compact)
		}
		if b, err := json.MarshalIndent(v, "", "  "); err == nil && int64(len(b)) > s.pretty {
			t.Errorf("MarshalIndent(%#v) writes %d bytes, over its bound %d", v, len(b), s.pretty)
		}
	}
}

// TestBoundsAreSound calls every bounded function with random arguments,
// and checks that it never builds more than its bound.
func TestBoundsAreSound(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for name, bound := range Bounds() {
		for range 400 {
			args := randArgs(r, name)
			b := bound(args)
			if b > 1<<28 {
				continue // refused: not worth building to check
			}
			got, ok := callFunc(name, args)
			if !ok {
				continue
			}
			if m := measure(got); m*copies(name) > b {
				t.Errorf("%s %q builds %d bytes, %d times over its bound %d", name, args, m, copies(name), b)
			}
		}
	}
}

// copies is how many times a function's bound counts its result, at
// least: fmt's and bytes.Buffer's buffer and the string made of it, and
// for toJson Marshal's buffer and copy. Checking the result that many
// times keeps a bound short of the result from hiding behind the copies.
func copies(name string) int64 {
	switch name {
	case "print", "println", "printf", "cat", "wrap", "wrapWith", "regexReplaceAll",
		"regexReplaceAllLiteral", "date", "dateInZone", "b64enc", "toPrettyJson":
		return 2
	case "toJson", "quote", "squote", "formatDate":
		return 3
	}
	return 1
}

// TestBoundsCountWhatIsAllocated checks functions whose result is a
// number or a short string, but which build a string in proportion to
// their arguments on the way. For spf13/cast's functions, the error text
// it builds with the value's %#v (and drops) is within the bound. For all,
// what the call allocates in total is within three times the bound:
// runtime.MemStats counts every buffer an append outgrew, which a bound
// does not (it counts what the call holds at once, and the garbage of a
// growing buffer adds up to about twice the buffer).
func TestBoundsCountWhatIsAllocated(t *testing.T) {
	long := strings.Repeat("not a number ", 10_000)
	shared := any("xxxxxxxxxxxxxxxx")
	for range 10 {
		shared = []any{shared, shared}
	}
	tests := []struct {
		name string
		args []any
		cast bool
	}{
		{"int", []any{long}, true},
		{"add1", []any{shared}, true},
		{"float64", []any{map[string]any{"a": shared}}, true},
		{"addf", []any{1, long}, true},
		{"max", []any{1, shared, long}, true},
		{"toDecimal", []any{shared}, false},
		{"durationRound", []any{strings.Repeat("\xff", 10_000)}, false},
		{"b64dec", []any{long}, false},
		{"regexMatch", []any{"(?:(?:a{10}){10}){10}", "aaa"}, false},
	}
	for _, tt := range tests {
		bound := Bounds()[tt.name](tt.args)
		if allocated := bytesAllocated(func() { callFunc(tt.name, tt.args) }); allocated > 3*bound+4096 {
			t.Errorf("%s: allocates %d bytes, bound %d", tt.name, allocated, bound)
		}
		if !tt.cast {
			continue
		}
		var text int64
		for _, a := range tt.args {
			if _, isInt := a.(int); !isInt {
				text += int64(len(fmt.Sprintf("unable to cast %#v of type %T to float64", a, a)))
			}
		}
		if text > bound {
			t.Errorf("%s: builds an error of %d bytes, bound %d", tt.name, text, bound)
		}
	}
}

// bytesAllocated is what f allocates, the least of three runs.
func bytesAllocated(f func()) int64 {
	least := int64(math.MaxInt64)
	for range 3 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		f()
		runtime.ReadMemStats(&after)
		least = min(least, int64(after.TotalAlloc-before.TotalAlloc))
	}
	return least
}
