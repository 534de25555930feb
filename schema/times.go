package schema

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// Time layouts, as the README documents them.
const (
	dayLayout    = time.DateOnly      // 2026-10-20
	spaceLayout  = "2006-01-02 15:04" // 2026-10-20 14:12, UTC
	secondLayout = time.DateTime      // 2026-10-20 14:12:00, UTC
)

// quickTime reads the two commonest spellings, 2026-10-20 and
// 2026-10-20T14:12:00Z, without time.Parse's layout walk; false for any
// other (time.Parse then decides).
func quickTime(s string) (time.Time, bool) {
	if len(s) != 10 && (len(s) != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z') {
		return time.Time{}, false
	}
	if s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	year, ok1 := digitsOf(s[0:4])
	month, ok2 := digitsOf(s[5:7])
	day, ok3 := digitsOf(s[8:10])
	hour, min, sec, ok4 := 0, 0, 0, true
	if len(s) == 20 {
		var a, b, c bool
		hour, a = digitsOf(s[11:13])
		min, b = digitsOf(s[14:16])
		sec, c = digitsOf(s[17:19])
		ok4 = a && b && c && hour < 24 && min < 60 && sec < 60
	}
	if !ok1 || !ok2 || !ok3 || !ok4 || month < 1 || month > 12 || day < 1 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, hour, min, sec, 0, time.UTC)
	return t, t.Day() == day // February 30th is not March 2nd
}

// digitsOf reads a run of ASCII digits.
func digitsOf(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// toDate takes a day, YYYY-MM-DD, or an RFC 3339 time at midnight (as a
// date is written back as JSON); its value is midnight UTC of the day.
func toDate(v any) (any, error) {
	var t time.Time
	switch x := v.(type) {
	case time.Time:
		t = x
	case string:
		s := strings.TrimSpace(x)
		var ok bool
		if t, ok = quickTime(s); !ok {
			var err error
			if t, err = time.Parse(time.RFC3339Nano, s); err != nil || len(s) == len(dayLayout) {
				return nil, fmt.Errorf("%s is not a date (want YYYY-MM-DD)", describe(x))
			}
		}
	default:
		return nil, notA(Of(Date), v)
	}
	if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 || t.Nanosecond() != 0 {
		return nil, fmt.Errorf("%s is not a date: it has a time of day (declare the field as time)", describe(v))
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
}

// toTime takes RFC 3339 ("2026-10-20T14:12:00Z", any offset, fractions of
// a second), a day ("2026-10-20", midnight UTC), "2026-10-20 14:12:00" or
// "2026-10-20 14:12" (UTC), and a JSON number of Unix seconds.
func toTime(v any) (any, error) {
	switch x := v.(type) {
	case time.Time:
		return v, nil
	case float64:
		if x == math.Trunc(x) && math.Abs(x) <= maxExactInt {
			return time.Unix(int64(x), 0).UTC(), nil
		}
	case string:
		if t, ok := parseTime(strings.TrimSpace(x)); ok {
			return t, nil
		}
		return nil, fmt.Errorf("%s is not a time (want RFC 3339 or YYYY-MM-DD)", describe(x))
	}
	return nil, notA(Of(Time), v)
}

// parseTime reads the spellings of a time, trying only the layout its
// length and separator say (a failed parse allocates its error).
func parseTime(s string) (time.Time, bool) {
	if t, ok := quickTime(s); ok {
		return t, true
	}
	layout := time.RFC3339Nano
	switch {
	case len(s) == len(dayLayout):
		layout = dayLayout
	case len(s) == len(spaceLayout) && s[10] == ' ':
		layout = spaceLayout
	case len(s) > len(dayLayout) && s[10] == ' ': // fractions of a second may follow
		layout = secondLayout
	}
	t, err := time.Parse(layout, s)
	return t, err == nil
}
