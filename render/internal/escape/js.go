package escape

import (
	"encoding/json"
	"fmt"
	htmltemplate "html/template"
	"reflect"
	"strings"
)

// The JavaScript escapers: a value as a JS expression, and text in a
// string, a template literal or a regular expression literal.

// jsControl is how the JS escapers write the ASCII control characters:
// the short escapes JS has for some, \u00XX for the others (\v too, which
// old browsers read as "v").
var jsControl = func() map[byte]string {
	m := map[byte]string{'\t': `\t`, '\n': `\n`, '\f': `\f`, '\r': `\r`}
	for c := byte(0); c < ' '; c++ {
		if m[c] == "" {
			m[c] = fmt.Sprintf(`\u%04x`, c)
		}
	}
	return m
}()

// jsSeparators escapes U+2028 and U+2029, which end a line (and so a
// string) in older JS.
func jsSeparators(s string) (string, int) {
	switch {
	case strings.HasPrefix(s, "\u2028"):
		return `\u2028`, len("\u2028")
	case strings.HasPrefix(s, "\u2029"):
		return `\u2029`, len("\u2029")
	}
	return "", 1
}

var (
	// jsString escapes text in a quoted JS string. The HTML specials
	// become \u escapes so the string can sit in an attribute value too.
	jsString = newTable(jsControl, jsSeparators).with(map[byte]string{
		'"': `\u0022`, '&': `\u0026`, '\'': `\u0027`, '+': `\u002b`, '/': `\/`,
		'<': `\u003c`, '>': `\u003e`, '\\': `\\`, '`': `\u0060`,
	})
	// jsStringContent is jsString for JSStr content, whose backslashes
	// are escapes already.
	jsStringContent = jsString.with(map[byte]string{'\\': ""})
	// jsTemplate escapes text in a template literal: also what starts a
	// substitution.
	jsTemplate = jsString.with(map[byte]string{'$': `\u0024`, '{': `\u007b`, '}': `\u007d`})
	// jsRegexp escapes text in a regular expression literal: also the
	// characters that mean something in a pattern.
	jsRegexp = newTable(jsControl, jsSeparators).with(map[byte]string{
		'"': `\u0022`, '&': `\u0026`, '\'': `\u0027`, '+': `\u002b`, '<': `\u003c`, '>': `\u003e`,
		'$': `\$`, '(': `\(`, ')': `\)`, '*': `\*`, '-': `\-`, '.': `\.`, '/': `\/`, '?': `\?`,
		'[': `\[`, '\\': `\\`, ']': `\]`, '^': `\^`, '{': `\{`, '|': `\|`, '}': `\}`,
	})
)

// jsStrEscaper is _html_template_jsstrescaper, for text in a quoted JS
// string.
func jsStrEscaper(v any) string {
	s, k := textOf(v)
	if k == kindJSStr {
		return jsStringContent.rewrite(s)
	}
	return jsString.rewrite(s)
}

// jsTmplLitEscaper is _html_template_jstmpllitescaper, for text in a JS
// template literal, whatever its content type.
func jsTmplLitEscaper(v any) string {
	s, _ := textOf(v)
	return jsTemplate.rewrite(s)
}

// jsRegexpEscaper is _html_template_jsregexpescaper, for text in a JS
// regular expression literal, whatever its content type. Nothing becomes
// "(?:)", so that /{{.}}/ does not turn into a // comment.
func jsRegexpEscaper(v any) string {
	s, _ := textOf(v)
	if s = jsRegexp.rewrite(s); s == "" {
		return "(?:)"
	}
	return s
}

var jsonMarshalerType = reflect.TypeFor[json.Marshaler]()

// jsValue is v as jsValEscaper marshals it: pointers are followed until a
// json.Marshaler, a nil pointer or a value that is not a pointer; then a
// fmt.Stringer that is not a json.Marshaler is its String().
func jsValue(v any) any {
	if v == nil {
		return nil
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() && !rv.Type().Implements(jsonMarshalerType) {
		rv = rv.Elem()
	}
	v = rv.Interface()
	if _, ok := v.(json.Marshaler); ok {
		return v
	}
	if s, ok := v.(fmt.Stringer); ok {
		return s.String()
	}
	return v
}

// jsValEscaper is _html_template_jsvalescaper, for a value where JS
// expects an expression: the value as JSON (JS content as it is, JSStr
// content quoted), with spaces around it when it starts or ends like a
// name or number, so that it cannot run into a keyword next to it.
func jsValEscaper(v any) string {
	v = jsValue(v)
	switch x := v.(type) {
	case htmltemplate.JS:
		return string(x)
	case htmltemplate.JSStr:
		return `"` + string(x) + `"`
	}
	j, err := json.Marshal(v)
	if err != nil {
		return jsonErrorComment(err)
	}
	if len(j) == 0 {
		return " null "
	}
	out := string(j)
	if strings.Contains(out, "\u2028") || strings.Contains(out, "\u2029") {
		out = strings.NewReplacer("\u2028", `\u2028`, "\u2029", `\u2029`).Replace(out)
	}
	if jsNameByte(j[0]) || jsNameByte(j[len(j)-1]) {
		return " " + out + " "
	}
	return out
}

// jsNameByte reports whether c can be part of a JS identifier or number
// as html/template sees it: an ASCII letter or digit, '_' or '$'.
func jsNameByte(c byte) bool { return isAlnum(c) || c == '_' || c == '$' }

// jsonErrorComment is what jsValEscaper prints for a value JSON cannot
// hold: the error in a comment that the error cannot end, then null.
func jsonErrorComment(err error) string {
	msg := strings.NewReplacer("*/", "* /", "</script", `\x3C/script`, "<!--", `\x3C!--`).Replace(err.Error())
	return " /* " + msg + " */null "
}
