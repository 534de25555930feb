package serve

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tailor-email/tailor/internal/source"
)

// readBody reads the whole body, bounded by the MaxBytesReader the
// server put around it.
func readBody(r *http.Request) ([]byte, error) {
	b, err := io.ReadAll(r.Body)
	return b, bodyError(err)
}

// readInto reads the whole body as readBody does, into b, a buffer with
// room for the Content-Length the request gives.
func readInto(r *http.Request, b []byte) ([]byte, error) {
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Body.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, bodyError(err)
		}
	}
}

// bodyError turns a failed read of the body into the request's error.
func bodyError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return &Error{Status: http.StatusRequestEntityTooLarge, Code: "too_large",
			Message: "request body over " + itoa(tooBig.Limit) + " bytes"}
	}
	if err != nil {
		return badRequest("bad_body", "", "reading the body: %s", err.Error())
	}
	return nil
}

// decodeStrict decodes one JSON object into v: an unknown top-level field,
// a wrong type or trailing data is a 400 naming the field or position
// (line:col, the column in runes).
func decodeStrict(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return badRequest("bad_json", "", "empty body: want a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(body, v, err)
	}
	end := dec.InputOffset()
	if _, err := dec.Token(); err != io.EOF {
		return badRequest("bad_json", "", "%s: data after the JSON object", at(body, skip(body, end, " \t\r\n")))
	}
	return nil
}

// jsonError turns a decoding error into a 400, from encoding/json's
// typed errors. Its error for an unknown field has no type: that field is
// found by comparing the keys with v's fields.
func jsonError(body []byte, v any, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn): // Offset is just past the offending byte
		return badRequest("bad_json", "", "malformed JSON at %s: %s", at(body, syn.Offset-1), syn.Error())
	case errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest("bad_json", "", "malformed JSON: the body ends before the object does")
	case errors.As(err, &typ) && typ.Field == "":
		return badRequest("bad_json", "", "want a JSON object, got %s", typ.Value)
	case errors.As(err, &typ):
		return badRequest("bad_type", typ.Field, "%s at %s: want %s, got %s", typ.Field, at(body, valueAt(body, typ)), typ.Type.String(), typ.Value)
	}
	fields := fieldNames(reflect.TypeOf(v).Elem())
	var name string
	var off int64
	members(body, func(key string, keyAt, _ int64) bool {
		if slices.ContainsFunc(fields, func(f string) bool { return strings.EqualFold(f, key) }) {
			return true
		}
		name, off = key, keyAt
		return false
	})
	if name != "" {
		return badRequest("unknown_field", name, "unknown field %q at %s", name, at(body, off))
	}
	return badRequest("bad_json", "", "malformed JSON: %s", err.Error())
}

// valueAt is where the value of a type error starts: the value of its
// top-level field, or encoding/json's Offset, which is just past a
// number, string or literal but just inside an object or array.
func valueAt(body []byte, typ *json.UnmarshalTypeError) int64 {
	off := typ.Offset
	members(body, func(key string, _, value int64) bool {
		if strings.EqualFold(key, typ.Field) {
			off = value
		}
		return true
	})
	return off
}

// members calls fn with each top-level key of body, a JSON object, and
// the offsets where the key and its value start, until fn returns false
// or the JSON breaks.
func members(body []byte, fn func(key string, keyAt, valueAt int64) bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return
	}
	for dec.More() {
		keyAt := skip(body, dec.InputOffset(), " \t\r\n,")
		t, err := dec.Token()
		key, isKey := t.(string)
		if err != nil || !isKey || !fn(key, keyAt, skip(body, dec.InputOffset(), " \t\r\n:")) {
			return
		}
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return
		}
	}
}

// skip returns the offset of the first byte at or after off that is not
// in cutset.
func skip(body []byte, off int64, cutset string) int64 {
	rest := body[min(off, int64(len(body))):]
	return off + int64(len(rest)-len(bytes.TrimLeft(rest, cutset)))
}

// fieldNames lists the JSON names of a struct type's fields.
func fieldNames(t reflect.Type) []string {
	if t.Kind() != reflect.Struct {
		return nil
	}
	var names []string
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case !f.IsExported() || name == "-":
		case name == "":
			names = append(names, f.Name)
		default:
			names = append(names, name)
		}
	}
	return names
}

// at formats a byte offset in body as line:col, the column in runes.
func at(body []byte, off int64) string {
	line, col := source.LineCol(string(body), int(off))
	return fmt.Sprintf("%d:%d", line, col)
}

// parseNow reads an optional RFC 3339 "now" field.
func parseNow(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, badRequest("bad_now", "now", "now: want RFC 3339 like 2026-11-02T09:00:00Z, got %q", s)
	}
	return t, nil
}

func itoa[T int | int64](n T) string { return strconv.FormatInt(int64(n), 10) }
