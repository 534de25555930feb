package serve

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// readBody reads the whole body, bounded by the MaxBytesReader the
// server put around it.
func readBody(r *http.Request) ([]byte, error) {
	b, err := io.ReadAll(r.Body)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, &Error{Status: http.StatusRequestEntityTooLarge, Code: "too_large",
			Message: "request body over " + itoa(tooBig.Limit) + " bytes"}
	}
	if err != nil {
		return nil, badRequest("bad_body", "", "reading the body: %s", err.Error())
	}
	return b, nil
}

// decodeStrict decodes one JSON object into v: an unknown top-level field,
// a wrong type or trailing data is a 400 naming the field or position.
func decodeStrict(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return badRequest("bad_json", "", "empty body: want a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(body, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		line, col := lineCol(body, dec.InputOffset())
		return badRequest("bad_json", "", "%d:%d: data after the JSON object", line, col)
	}
	return nil
}

func jsonError(body []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := lineCol(body, syn.Offset)
		return badRequest("bad_json", "", "malformed JSON at %d:%d: %s", line, col, syn.Error())
	case errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest("bad_json", "", "malformed JSON: the body ends before the object does")
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return badRequest("bad_json", "", "want a JSON object, got %s", typ.Value)
		}
		return badRequest("bad_type", field, "%s: want %s, got %s", field, typ.Type.String(), typ.Value)
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name = strings.Trim(name, `"`)
		return badRequest("unknown_field", name, "unknown field %q", name)
	}
	return badRequest("bad_json", "", "malformed JSON: %s", err.Error())
}

// lineCol turns a byte offset into a 1-based line and column.
func lineCol(b []byte, off int64) (line, col int) {
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	before := b[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(off) - bytes.LastIndexByte(before, '\n')
	return line, col
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
