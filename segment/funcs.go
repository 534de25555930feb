package segment

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/expr-lang/expr/vm/runtime"
)

// The functions rules call: the hidden helpers the compiler patches in,
// and the ones rules name (days_since, hours_since, within, last).

// cmpFunc wraps one of expr's ordering operators: nil on either side is false.
func cmpFunc(op func(a, b any) bool) func(a, b any) bool {
	return func(a, b any) bool {
		return a != nil && b != nil && op(a, b)
	}
}

// fnGet is x.name: a field of a map, nil when x is nil or lacks it.
func fnGet(x, name any) any {
	key, _ := name.(string)
	switch m := x.(type) {
	case map[string]any:
		return m[key]
	case nil:
		return nil
	case map[string]bool:
		return m[key]
	case map[string]string:
		return m[key]
	case map[string]int:
		return m[key]
	case map[string]float64:
		if v, ok := m[key]; ok {
			return v
		}
		return nil
	}
	return runtime.Fetch(x, name)
}

// fnBool is __bool(x): x when it is a boolean, false when nil.
func fnBool(x any) bool {
	switch v := x.(type) {
	case bool:
		return v
	case nil:
		return false
	}
	panic(fmt.Sprintf("%T is not a boolean", x)) // the VM turns it into an error
}

// fnArr returns an empty list for nil and its argument otherwise.
func fnArr(x any) any {
	if x == nil {
		return emptyList
	}
	return x
}

// emptyList is the empty list fnArr returns, boxed once: expr only reads it.
var emptyList any = []any{}

// fnLastN returns the last n elements of a list (all of it when shorter).
func fnLastN(p ...any) (any, error) {
	n, _ := p[1].(int)
	switch xs := p[0].(type) {
	case nil:
		return []any{}, nil
	case []any:
		if n < len(xs) {
			return xs[len(xs)-max(n, 0):], nil
		}
		return xs, nil
	case []map[string]any:
		out := make([]any, 0, min(max(n, 0), len(xs)))
		for _, x := range xs[len(xs)-min(max(n, 0), len(xs)):] {
			out = append(out, x)
		}
		return out, nil
	default:
		return nil, fmt.Errorf("last: %T is not a list", p[0])
	}
}

// fnDaysSince is days_since(x): days from x to now, fractional; nil when
// x is missing (an unknown date is neither recent nor old). A panic
// becomes the expression's error.
func fnDaysSince(x, now any) any {
	if x == nil {
		return nil
	}
	h, err := hoursSince(x, now.(time.Time))
	if err != nil {
		panic(fmt.Errorf("days_since: %w", err))
	}
	return h / 24
}

// fnHoursSince is hours_since(x): hours from x to now, fractional; nil
// when x is missing.
func fnHoursSince(x, now any) any {
	if x == nil {
		return nil
	}
	h, err := hoursSince(x, now.(time.Time))
	if err != nil {
		panic(fmt.Errorf("hours_since: %w", err))
	}
	return h
}

// fnWithinHours is the hours since x for within with a constant span:
// never (more than any span) when x is missing.
func fnWithinHours(x, now any) any {
	h, err := hoursSince(x, now.(time.Time))
	if err != nil {
		panic(fmt.Errorf("within: %w", err))
	}
	return h
}

// fnWithin is within(x, "30d"): x is at most the given span before now.
func fnWithin(p ...any) (any, error) {
	span, err := ParseSpan(p[1].(string))
	if err != nil {
		return false, fmt.Errorf("within: %w", err)
	}
	if p[0] == nil {
		return false, nil
	}
	h, err := hoursSince(p[0], p[2].(time.Time))
	if err != nil {
		return false, fmt.Errorf("within: %w", err)
	}
	return h <= span.Hours(), nil
}

// hoursSince is the shared body of the clock helpers; for within, nil
// is "never", which no span reaches.
func hoursSince(x any, now time.Time) (float64, error) {
	if x == nil {
		return never, nil
	}
	t, err := ToTime(x)
	if err != nil {
		return 0, err
	}
	return now.Sub(t).Hours(), nil
}

// ToTime converts a profile value to a time: a time.Time, an RFC 3339
// string, a YYYY-MM-DD date (midnight UTC) or Unix seconds.
func ToTime(x any) (time.Time, error) {
	switch v := x.(type) {
	case time.Time:
		return v, nil
	case string:
		if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
			return t, nil
		}
		if t, err := time.Parse(time.DateOnly, v); err == nil {
			return t, nil
		}
		return time.Time{}, fmt.Errorf("%q is not a date (want RFC 3339 or YYYY-MM-DD)", v)
	case float64:
		return time.Unix(int64(v), 0).UTC(), nil
	case int:
		return time.Unix(int64(v), 0).UTC(), nil
	case int64:
		return time.Unix(v, 0).UTC(), nil
	}
	return time.Time{}, fmt.Errorf("%T is not a date", x)
}

// ParseSpan parses a span such as "30d", "2w", "12h" or "90m" (or any
// time.ParseDuration string).
func ParseSpan(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("empty span")
	}
	var unit time.Duration
	switch s[len(s)-1] {
	case 'd':
		unit = 24 * time.Hour
	case 'w':
		unit = 7 * 24 * time.Hour
	default:
		d, err := time.ParseDuration(s)
		if err != nil {
			return 0, fmt.Errorf("span %q: %w", s, err)
		}
		return d, nil
	}
	n, err := strconv.ParseFloat(s[:len(s)-1], 64)
	if err != nil {
		return 0, fmt.Errorf("span %q: %w", s, err)
	}
	return time.Duration(n * float64(unit)), nil
}
