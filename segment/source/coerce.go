package source

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// coerce converts a raw value (a CSV string or a decoded JSON value) to
// the declared type. An empty type keeps the value as it is.
func coerce(v any, typ string) (any, error) {
	if typ == "" || typ == "string" && isString(v) {
		return v, nil
	}
	switch typ {
	case "string":
		return fmt.Sprint(v), nil
	case "number", "int":
		return toNumber(v, typ == "int")
	case "bool":
		return toBool(v)
	case "date":
		t, err := toTime(v)
		if err != nil {
			return nil, err
		}
		return t.UTC().Format(time.RFC3339), nil
	case "list":
		return toList(v)
	case "json":
		s, ok := v.(string)
		if !ok {
			return v, nil
		}
		var out any
		if err := json.Unmarshal([]byte(s), &out); err != nil {
			return nil, fmt.Errorf("%q is not JSON: %w", s, err)
		}
		return out, nil
	}
	return nil, fmt.Errorf("unknown type %q", typ)
}

// isString reports whether v is a string.
func isString(v any) bool {
	_, ok := v.(string)
	return ok
}

// toNumber converts to float64; with integral, the value must be whole.
func toNumber(v any, integral bool) (any, error) {
	v = plain(v)
	var f float64
	switch x := v.(type) {
	case float64:
		f = x
	case string:
		var err error
		f, err = strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("%q is not a number", x)
		}
	case bool:
		return nil, fmt.Errorf("%v is not a number", x)
	default:
		return nil, fmt.Errorf("%s is not a number", describe(v))
	}
	if integral && f != math.Trunc(f) {
		return nil, fmt.Errorf("%v is not a whole number", f)
	}
	return f, nil
}

// toBool converts the usual spellings of yes and no.
func toBool(v any) (any, error) {
	v = plain(v)
	switch x := v.(type) {
	case bool:
		return x, nil
	case float64:
		if x == 0 || x == 1 {
			return x == 1, nil
		}
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "true", "yes", "y", "1", "t":
			return true, nil
		case "false", "no", "n", "0", "f":
			return false, nil
		}
	}
	return nil, fmt.Errorf("%s is not a boolean", describe(v))
}

// toTime parses a date: RFC 3339, YYYY-MM-DD, "YYYY-MM-DD hh:mm:ss" (UTC)
// or Unix seconds.
func toTime(v any) (time.Time, error) {
	v = plain(v)
	switch x := v.(type) {
	case float64:
		return time.Unix(int64(x), 0).UTC(), nil
	case string:
		s := strings.TrimSpace(x)
		for _, layout := range []string{time.RFC3339Nano, time.DateOnly, time.DateTime} {
			if t, err := time.Parse(layout, s); err == nil {
				return t, nil
			}
		}
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%s is not a date", describe(v))
}

// toList splits a CSV cell on "|"; a JSON list is kept.
func toList(v any) (any, error) {
	switch x := v.(type) {
	case []any:
		return x, nil
	case string:
		parts := strings.Split(x, "|")
		out := make([]any, len(parts))
		for i, p := range parts {
			out[i] = strings.TrimSpace(p)
		}
		return out, nil
	}
	return nil, fmt.Errorf("%s is not a list", describe(v))
}

// plain turns a json.Number, which the reader keeps for a number in the
// key column so that the key is exact, into the float64 any other JSON
// number is.
func plain(v any) any {
	if n, ok := v.(json.Number); ok {
		if f, err := n.Float64(); err == nil {
			return f
		}
	}
	return v
}

// describe shows a value in an error message.
func describe(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%T", v)
	}
	return string(b)
}
