package escape

import (
	"fmt"
	htmltemplate "html/template"
	"reflect"
	"strconv"
)

// kind is what a value's text is known to be safe as: plain text, or one
// of html/template's content types.
type kind uint8

const (
	plain kind = iota
	kindHTML
	kindAttr // template.HTMLAttr
	kindCSS
	kindJS
	kindJSStr
	kindURL
	kindSrcset
)

// failsafe is what html/template prints in place of a value it refuses.
const failsafe = "ZgotmplZ"

// textOf gives the text html/template's escapers work on for v and the
// kind of content it is. The common types are handled without reflection.
func textOf(v any) (string, kind) {
	switch x := v.(type) {
	case string:
		return x, plain
	case nil:
		return "", plain // an untyped nil prints nothing
	case int:
		return strconv.Itoa(x), plain
	case bool:
		return strconv.FormatBool(x), plain
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), plain
	case htmltemplate.HTML:
		return string(x), kindHTML
	case htmltemplate.HTMLAttr:
		return string(x), kindAttr
	case htmltemplate.CSS:
		return string(x), kindCSS
	case htmltemplate.JS:
		return string(x), kindJS
	case htmltemplate.JSStr:
		return string(x), kindJSStr
	case htmltemplate.URL:
		return string(x), kindURL
	case htmltemplate.Srcset:
		return string(x), kindSrcset
	}
	if t := reflect.TypeOf(v); t.Kind() == reflect.Pointer {
		// A pointer is looked through: a *string is its string, a
		// *template.HTML is HTML.
		if end := pointee(reflect.ValueOf(v)); end.Kind() != reflect.Pointer {
			if s, k, ok := ownText(end.Interface()); ok {
				return s, k
			}
		}
	}
	return fmt.Sprint(printable(v)), plain
}

// ownText gives the text of a string or a content type, as textOf does,
// and false for any other value.
func ownText(v any) (string, kind, bool) {
	switch v.(type) {
	case string, htmltemplate.HTML, htmltemplate.HTMLAttr, htmltemplate.CSS, htmltemplate.JS,
		htmltemplate.JSStr, htmltemplate.URL, htmltemplate.Srcset:
		s, k := textOf(v)
		return s, k, true
	}
	return "", plain, false
}

// pointee follows v through pointers for as long as they are not nil.
func pointee(v reflect.Value) reflect.Value {
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v
}

var (
	stringerType = reflect.TypeFor[fmt.Stringer]()
	errorType    = reflect.TypeFor[error]()
)

// printable is v as fmt should print it: pointers are followed until a
// value that has its own String or Error method, a nil pointer, or a
// value that is not a pointer.
func printable(v any) any {
	if v == nil {
		return nil
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() && !describesItself(rv.Type()) {
		rv = rv.Elem()
	}
	return rv.Interface()
}

// describesItself reports whether fmt prints values of t with their own
// String or Error method.
func describesItself(t reflect.Type) bool {
	return t.Implements(stringerType) || t.Implements(errorType)
}

// EvalArgs is html/template's "_eval_args_" function, which it puts before
// the predefined escapers html and urlquery: it formats its arguments as
// one string, as fmt.Sprint does, once pointers are followed to the value
// they point at (or to a fmt.Stringer or error on the way). A single string
// is returned as it is.
func EvalArgs(args ...any) string {
	if len(args) == 1 {
		if s, ok := args[0].(string); ok {
			return s
		}
	}
	vals := make([]any, len(args))
	for i, a := range args {
		vals[i] = printable(a)
	}
	return fmt.Sprint(vals...)
}
