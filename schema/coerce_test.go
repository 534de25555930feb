package schema

import (
	"encoding/json"
	"testing"
	"time"
)

func TestCoerceScalar(t *testing.T) {
	day := time.Date(2026, 10, 20, 0, 0, 0, 0, time.UTC)
	at := time.Date(2026, 10, 20, 14, 12, 0, 0, time.UTC)
	tests := []struct {
		typ  Kind
		in   any
		want any
		err  string
	}{
		{Int, "1200", 1200, ""},
		{Int, " -3 ", -3, ""},
		{Int, "+7", 7, ""},
		{Int, "1200.0", 1200, ""},
		{Int, 1240.0, 1240, ""},
		{Int, json.Number("42"), 42, ""},
		{Int, "abc", nil, `"abc" is not an int`},
		{Int, "1,200", nil, `"1,200" is not an int`},
		{Int, "12.5", nil, `"12.5" is not an int`},
		{Int, "12.", nil, `"12." is not an int`},
		{Int, "--3", nil, `"--3" is not an int`},
		{Int, 12.5, nil, `12.5 is not an int`},
		{Int, "9007199254740993", nil, `"9007199254740993" is not an int`},
		{Int, true, nil, `true is not an int`},
		{Float, "0.82", 0.82, ""},
		{Float, "1e3", 1000.0, ""},
		{Float, ".5", 0.5, ""},
		{Float, 3, 3.0, ""},
		{Float, "NaN", nil, `"NaN" is not a float`},
		{Float, "Inf", nil, `"Inf" is not a float`},
		{Float, "0x10", nil, `"0x10" is not a float`},
		{Float, "1_000", nil, `"1_000" is not a float`},
		{Float, "1e400", nil, `"1e400" is not a float`},
		{Decimal, "1234.50", 1234.5, ""},
		{Decimal, "-0.10", -0.1, ""},
		{Decimal, 84.0, 84.0, ""},
		{Decimal, 999999999999999.0, 999999999999999.0, ""},
		{Decimal, 1234567890123456.0, nil, `1234567890123456 has 16 significant digits: a decimal keeps at most 15 exactly`},
		{Decimal, 1e20, 1e20, ""},
		{Decimal, sum(0.1, 0.2), nil, `0.30000000000000004 has 17 significant digits: a decimal keeps at most 15 exactly`},
		{Decimal, "0.000000000000001", 1e-15, ""},
		{Decimal, "123456789012345.6", nil, `"123456789012345.6" has 16 significant digits: a decimal keeps at most 15 exactly`},
		{Decimal, "1e3", nil, `"1e3" is not a decimal`},
		{Decimal, "1,234.50", nil, `"1,234.50" is not a decimal`},
		{Bool, "Yes", true, ""},
		{Bool, "y", true, ""},
		{Bool, "ON", true, ""},
		{Bool, "1", true, ""},
		{Bool, "true", true, ""},
		{Bool, "no", false, ""},
		{Bool, "N", false, ""},
		{Bool, "off", false, ""},
		{Bool, "0", false, ""},
		{Bool, "False", false, ""},
		{Bool, 1.0, true, ""},
		{Bool, "maybe", nil, `"maybe" is not a bool (want yes/no, true/false, y/n, on/off or 1/0)`},
		{Bool, 2.0, nil, `2 is not a bool`},
		{Date, "2026-10-20", day, ""},
		{Date, "2026-10-20T00:00:00Z", day, ""},
		{Date, "2026-10-20T14:12:00Z", nil, `"2026-10-20T14:12:00Z" is not a date: it has a time of day (declare the field as time)`},
		{Date, "20/10/2026", nil, `"20/10/2026" is not a date (want YYYY-MM-DD)`},
		{Time, "2026-10-20T14:12:00Z", at, ""},
		{Time, "2026-10-20", day, ""},
		{Time, "2026-10-20 14:12:00", at, ""},
		{Time, "2026-10-20 14:12", at, ""},
		{Time, "2026-10-20 14:12:00.000", at, ""},
		{Time, "2026-10-20T14:12", nil, `"2026-10-20T14:12" is not a time (want RFC 3339 or YYYY-MM-DD)`},
		{Time, "2026-02-30", nil, `"2026-02-30" is not a time (want RFC 3339 or YYYY-MM-DD)`},
		{Time, "2026-10-20T24:00:00Z", nil, `"2026-10-20T24:00:00Z" is not a time (want RFC 3339 or YYYY-MM-DD)`},
		{Time, "2026-10-20T14:12:60Z", nil, `"2026-10-20T14:12:60Z" is not a time (want RFC 3339 or YYYY-MM-DD)`},
		{Time, "2026-13-01", nil, `"2026-13-01" is not a time (want RFC 3339 or YYYY-MM-DD)`},
		{Time, "2026-10-20T16:12:00+02:00", at, ""},
		{Date, "2026-02-29", nil, `"2026-02-29" is not a date (want YYYY-MM-DD)`},
		{Date, "2028-02-29", time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC), ""},
		{Time, "2026-10-2", nil, `"2026-10-2" is not a time (want RFC 3339 or YYYY-MM-DD)`},
		{Time, float64(at.Unix()), at, ""},
		{Time, "soon", nil, `"soon" is not a time (want RFC 3339 or YYYY-MM-DD)`},
		{String, "abc", "abc", ""},
		{String, 1200.0, "1200", ""},
		{String, json.Number("1234567"), "1234567", ""},
		{String, false, "false", ""},
		{String, map[string]any{}, nil, `{} is not a string`},
	}
	for _, tt := range tests {
		got, err := coerceScalar(Of(tt.typ), tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%s %#v: error %v, want %q", tt.typ, tt.in, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s %#v: %v", tt.typ, tt.in, err)
			continue
		}
		if gt, ok := got.(time.Time); ok {
			if !gt.Equal(tt.want.(time.Time)) {
				t.Errorf("%s %#v = %v, want %v", tt.typ, tt.in, got, tt.want)
			}
			continue
		}
		if got != tt.want {
			t.Errorf("%s %#v = %#v, want %#v", tt.typ, tt.in, got, tt.want)
		}
	}
}

// sum adds at run time (a constant expression would be exact).
func sum(a, b float64) float64 { return a + b }

// TestDecimalPrintsBack holds decimals to their promise: the float64 of a
// decimal of at most 15 significant digits prints back to its digits.
func TestDecimalPrintsBack(t *testing.T) {
	for _, s := range []string{"1234.5", "0.1", "0.3", "999999999999.99", "123456789012345", "0.000000000000001", "-84.01", "19.99"} {
		v, err := toDecimal(s)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := toString(v)
		if got != s {
			t.Errorf("%s reads as %v, which prints as %s", s, v, got)
		}
	}
}

func TestParseType(t *testing.T) {
	for _, s := range []string{"string", "int", "float", "decimal", "bool", "date", "time", "object", "list<int>", "list<object>", "list<list<date>>"} {
		typ, err := ParseType(s)
		if err != nil || typ.String() != s {
			t.Errorf("ParseType(%q) = %v, %v", s, typ, err)
		}
	}
	for _, s := range []string{"", "list", "list<>", "list<int", "number", "List<int>", "list<list<list<list<list<list<list<list<list<int>>>>>>>>>"} {
		if _, err := ParseType(s); err == nil {
			t.Errorf("ParseType(%q): no error", s)
		}
	}
}

// TestQuickTimeAgreesWithParse: the fast path takes exactly what
// time.Parse takes for its two shapes, to the same instant.
func TestQuickTimeAgreesWithParse(t *testing.T) {
	var inputs []string
	for _, y := range []string{"2026", "2028", "0000", "9999", "20a6"} {
		for _, m := range []string{"00", "01", "02", "12", "13", "1x"} {
			for _, d := range []string{"00", "01", "28", "29", "30", "31", "32"} {
				day := y + "-" + m + "-" + d
				inputs = append(inputs, day, day+"T00:00:00Z", day+"T23:59:59Z", day+"T24:00:00Z", day+"T12:60:00Z", day+"T12:00:60Z", day+"T1:00:000Z", day+"X12:00:00Z")
			}
		}
	}
	for _, s := range inputs {
		got, ok := quickTime(s)
		layout := time.RFC3339
		if len(s) == 10 {
			layout = time.DateOnly
		}
		want, err := time.Parse(layout, s)
		if ok && (err != nil || !got.Equal(want)) {
			t.Errorf("%q: quick %v, time.Parse %v, %v", s, got, want, err)
		}
		if !ok && err == nil && (len(s) == 10 || len(s) == 20) && s[len(s)-1] == 'Z' == (len(s) == 20) {
			t.Errorf("%q: time.Parse takes it, the quick path does not", s)
		}
	}
}
