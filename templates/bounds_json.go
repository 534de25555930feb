package templates

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"
)

// jsonSize bounds a value's JSON: compact as json.Marshal writes it, and
// indented as json.MarshalIndent(v, "", "  ") does, which at depth d is
// pretty + 2*d*lines bytes: each of its lines is indented two more bytes
// per level it sits at.
type jsonSize struct{ compact, pretty, lines int64 }

func flat(n int64) jsonSize { return jsonSize{n, n, 0} }

// toJSONBound bounds sprig's toJson: json.Marshal's encoder buffer, the
// copy Marshal returns, and the string toJson makes of it.
func toJSONBound(args []any) int64 {
	if len(args) == 0 {
		return 0
	}
	var w jsonWalker
	return mul(w.walk(reflect.ValueOf(args[0])).compact, 3)
}

// toPrettyJSONBound bounds sprig's toPrettyJson: Marshal's compact copy,
// the buffer json.Indent writes into (made twice the compact size), and
// the string.
func toPrettyJSONBound(args []any) int64 {
	if len(args) == 0 {
		return 0
	}
	var w jsonWalker
	s := w.walk(reflect.ValueOf(args[0]))
	return sum(s.compact, max(mul(s.compact, 2), s.pretty), s.pretty)
}

// jsonWalker bounds encoding/json's output for values, remembering the
// lists, maps and pointers it has walked.
type jsonWalker struct{ memo memo[jsonSize] }

var (
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
	jsonNumber    = reflect.TypeFor[json.Number]()
	timeType      = reflect.TypeFor[time.Time]()
	timeDeref     = reflect.TypeFor[*time.Time]()
)

// jsonError is the size of a value encoding/json refuses: Marshal fails,
// and toJson gives "".
var jsonError = flat(8)

func (w *jsonWalker) walk(v reflect.Value) jsonSize {
	if !v.IsValid() {
		return flat(4) // null
	}
	if s, ok := w.marshaler(v.Type()); ok {
		return s
	}
	if k, keyed := key(v); keyed {
		return w.memo.size(k, flat(unknownSize), func() jsonSize { return w.kind(v) })
	}
	return w.kind(v)
}

// marshaler bounds a type with its own MarshalJSON or MarshalText: a
// time.Time is an RFC 3339 string of at most 37 bytes; any other is not
// known.
func (w *jsonWalker) marshaler(t reflect.Type) (jsonSize, bool) {
	if t.Kind() == reflect.Interface {
		return jsonSize{}, false
	}
	pt := reflect.PointerTo(t)
	if !t.Implements(jsonMarshaler) && !pt.Implements(jsonMarshaler) &&
		!t.Implements(textMarshaler) && !pt.Implements(textMarshaler) {
		return jsonSize{}, false
	}
	if t == timeType || t == timeDeref {
		return flat(40), true
	}
	return flat(unknownSize), true
}

func (w *jsonWalker) kind(v reflect.Value) jsonSize {
	switch v.Kind() {
	case reflect.Bool:
		return flat(5)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n := v.Int()
		mag := uint64(n)
		if n < 0 {
			mag = -mag
		}
		return flat(decLen(mag) + 1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return flat(decLen(v.Uint()))
	case reflect.Float32, reflect.Float64:
		return flat(26) // the shortest form, in %f or %e
	case reflect.String:
		if v.Type() == jsonNumber {
			return flat(int64(v.Len()) + 1)
		}
		return flat(jsonQuotedLen(v.String()))
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			return flat(4)
		}
		return w.walk(v.Elem())
	case reflect.Map:
		return w.mapSize(v)
	case reflect.Struct:
		var o jsonObject
		w.fields(v, &o)
		return o.size()
	case reflect.Slice, reflect.Array:
		return w.listSize(v)
	}
	return jsonError // channels, functions, complex numbers
}

func (w *jsonWalker) listSize(v reflect.Value) jsonSize {
	if v.Kind() == reflect.Slice && v.IsNil() {
		return flat(4)
	}
	if v.Type().Elem().Kind() == reflect.Uint8 && v.Kind() == reflect.Slice {
		return flat(int64(v.Len()+2)/3*4 + 2) // base64
	}
	var o jsonObject
	for i := range v.Len() {
		o.entry(0, w.walk(v.Index(i)))
	}
	return o.size()
}

func (w *jsonWalker) mapSize(v reflect.Value) jsonSize {
	if v.IsNil() {
		return flat(4)
	}
	var o jsonObject
	for it := v.MapRange(); it.Next(); {
		kn := w.keySize(it.Key())
		if kn == unknownSize || kn == 0 {
			return flat(kn) // a key json cannot write, or one it writes by its own method
		}
		o.entry(kn+1, w.walk(it.Value()))
	}
	return o.size()
}

// keySize bounds a map key as json writes it, quoted; 0 for a key type it
// refuses.
func (w *jsonWalker) keySize(k reflect.Value) int64 {
	if k.Kind() == reflect.String {
		return jsonQuotedLen(k.String())
	}
	if _, ok := w.marshaler(k.Type()); ok {
		return unknownSize
	}
	switch k.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return w.kind(k).compact + 2
	}
	return 0
}

// fields adds a struct's fields as encoding/json writes them: exported
// ones, by their tag's name or their own, and those of embedded structs.
func (w *jsonWalker) fields(v reflect.Value, o *jsonObject) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		fv := v.Field(i)
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				if fv.Kind() == reflect.Pointer && !fv.IsNil() {
					fv = fv.Elem()
				}
				if fv.Kind() == reflect.Struct {
					w.fields(fv, o)
				}
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		s := w.walk(fv)
		if hasOption(opts, "string") { // the value, as a JSON string
			s = flat(add(mul(s.compact, 2), 2))
		}
		o.entry(max(jsonQuotedLen(name), jsonQuotedLen(f.Name))+1, s)
	}
}

func hasOption(opts, name string) bool {
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == name {
			return true
		}
	}
	return false
}

// jsonObject adds up the entries of a list or object (key is 0 for a list).
type jsonObject struct {
	n, compact, pretty, lines int64
}

// entry adds an element: its key and colon, its comma, and indented, its
// newline, its two more bytes of indent and ": ", and its own lines one
// level deeper.
func (o *jsonObject) entry(key int64, s jsonSize) {
	o.n++
	o.compact = sum(o.compact, key, s.compact, 1)
	o.pretty = sum(o.pretty, key, s.pretty, mul(s.lines, 2), 6)
	o.lines = sum(o.lines, s.lines, 1)
}

// size is the list or object with its brackets, and indented, the line of
// its closing bracket.
func (o *jsonObject) size() jsonSize {
	if o.n == 0 {
		return flat(2)
	}
	return jsonSize{o.compact + 2, add(o.pretty, 3), add(o.lines, 1)}
}

// jsonQuotedLen is the length of s as encoding/json writes it, with HTML
// escaping: quoted, with <, >, &, control characters, U+2028, U+2029 and
// each byte of invalid UTF-8 as a six-byte \u escape.
func jsonQuotedLen(s string) int64 {
	n := int64(2)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t':
				n += 2
			case c < ' ' || c == '<' || c == '>' || c == '&':
				n += 6
			default:
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			n += 6
		} else {
			n += int64(size)
		}
		i += size
	}
	return n
}
