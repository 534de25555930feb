package schema

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Inferrer proposes a schema from records: for each field, the most
// specific type that every value it saw has, and why. Feed it with Add;
// it keeps counts, not records, so it reads any number of them.
//
// A value's type, most specific first: bool (every value a spelling of
// yes or no, and not all of them 0 or 1), int (whole numbers without a
// leading zero or a sign +, at most 15 digits: a zip code 02134 or a
// phone number stays a string), float (numbers), date (YYYY-MM-DD), time
// (as Coerce reads times), else string when every value is text; a field
// whose values are of several kinds (JSON numbers and text) is left out,
// kept as read. A JSON object is an object whose
// fields are inferred in turn, a JSON array a list of its elements' type,
// and so is JSON text in a CSV cell; a flat source's dotted column nests
// (ApplyFlat). Decimal is never inferred: declare money yourself.
type Inferrer struct {
	// IDField is always a string.
	IDField string
	// AllOptional makes every field optional; otherwise a field is
	// optional when some record lacks it.
	AllOptional bool
	root        *stat
	records     int
}

// stat counts the values of one field.
type stat struct {
	name    string // dotted
	parents int    // how often the field could have been there
	n       int    // values seen
	objects int
	lists   int
	// counts are, by scalar kind, the values that read as it: spellings
	// of yes and no (JSON booleans too), ints, floats (ints too), dates,
	// times (dates too).
	counts   [Time + 1]int
	words    int // of the bools, those that are words, not 0 or 1
	strs     int // values that were text (not JSON numbers or booleans)
	miss     map[Kind]example
	children map[string]*stat
	order    []string // children, in the order first seen
	elem     *stat    // a list's elements
}

// example is the first value that does not have a type, and its place.
type example struct {
	value any
	where string
}

func newStat(name string) *stat { return &stat{name: name, miss: map[Kind]example{}} }

// Records is the number of records added.
func (in *Inferrer) Records() int { return in.records }

// Add counts one record: p as read, its keys in the order to list them
// (a CSV header; nil sorts them), flat for a flat source's row, and where
// it is from (source:line) for the reasons.
func (in *Inferrer) Add(p map[string]any, keys []string, flat bool, where string) {
	if in.root == nil {
		in.root = newStat("")
	}
	in.records++
	if keys == nil {
		keys = sortedKeys(p)
	}
	if flat {
		p, keys = nest(p, keys)
	}
	in.root.n++
	in.root.objects++
	in.root.fields(p, keys, where)
}

// fields counts the fields of one object that was there.
func (s *stat) fields(m map[string]any, keys []string, where string) {
	for _, k := range keys {
		c, ok := s.children[k]
		if !ok {
			if s.children == nil {
				s.children = map[string]*stat{}
			}
			c = newStat(strings.TrimPrefix(s.name+"."+k, "."))
			s.children[k] = c
			s.order = append(s.order, k)
		}
		if v, ok := m[k]; ok && !missing(v) {
			c.add(v, where)
		}
	}
	for _, k := range s.order {
		s.children[k].parents++
	}
}

// add counts one value that is there.
func (s *stat) add(v any, where string) {
	s.n++
	if str, ok := v.(string); ok {
		v = jsonText(str)
	}
	switch x := v.(type) {
	case map[string]any:
		s.objects++
		s.fields(x, sortedKeys(x), where)
		return
	case []any:
		s.lists++
		if s.elem == nil {
			s.elem = newStat(s.name)
		}
		for _, e := range x {
			if _, gap := e.(dropped); gap {
				continue
			}
			s.elem.parents++
			if !missing(e) {
				s.elem.add(e, where)
			}
		}
		return
	}
	s.scalar(v, where)
}

// jsonText is the JSON value of a string that holds an object or array,
// else the string.
func jsonText(s string) any {
	t := strings.TrimSpace(s)
	if t == "" || t[0] != '{' && t[0] != '[' {
		return s
	}
	var v any
	if json.Unmarshal([]byte(t), &v) != nil {
		return s
	}
	return v
}

// kinds is a set of the scalar kinds a value reads as.
type kinds uint16

func (k kinds) has(x Kind) bool { return k&(1<<x) != 0 }

func (k *kinds) set(x Kind, ok bool) {
	if ok {
		*k |= 1 << x
	}
}

// scalarKinds are the kinds a scalar is counted for, most specific first.
var scalarKinds = [...]Kind{Bool, Int, Float, Date, Time}

// scalar counts the types a scalar value has.
func (s *stat) scalar(v any, where string) {
	var has kinds
	switch x := v.(type) {
	case bool:
		has.set(Bool, true)
		s.words++
	case float64:
		has.set(Float, true)
		has.set(Int, x == math.Trunc(x) && math.Abs(x) <= maxExactInt)
	case json.Number:
		has.set(Float, true)
		_, err := strconv.ParseInt(string(x), 10, 64)
		has.set(Int, err == nil)
	case int: // typed already
		has.set(Float, true)
		has.set(Int, true)
	case time.Time:
		has.set(Time, true)
		has.set(Date, x.Equal(time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, x.Location())))
	case string:
		s.strs++
		t := strings.TrimSpace(x)
		has = textKinds(t)
		if has.has(Bool) && t != "0" && t != "1" {
			s.words++
		}
	}
	for _, k := range scalarKinds {
		if has.has(k) {
			s.counts[k]++
		} else if _, seen := s.miss[k]; !seen {
			s.miss[k] = example{v, where}
		}
	}
}

// textKinds are the types a text reads as.
func textKinds(t string) kinds {
	var has kinds
	_, isBool := boolText(t)
	has.set(Bool, isBool)
	digits := strings.TrimPrefix(t, "-")
	has.set(Int, isDigits(digits, false) && len(digits) <= 15 && (digits == "0" || digits[0] != '0'))
	if floatText(t) {
		whole := strings.TrimPrefix(digits, "+")
		has.set(Float, !(len(whole) > 1 && whole[0] == '0' && whole[1] != '.')) // 007 is a code
	}
	has.set(Date, len(t) == len(dayLayout) && validDay(t))
	_, isTime := parseTime(t)
	has.set(Time, isTime)
	return has
}

// validDay reports whether t, of YYYY-MM-DD's length, is a day.
func validDay(t string) bool {
	_, err := time.Parse(dayLayout, t)
	return err == nil
}

// sortedKeys returns m's keys in order.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// nest turns a flat row's dotted columns into objects and lists, as
// ApplyFlat would with the schema inferred: a step that is a number is a
// list index. It returns the nested row and its keys in column order.
func nest(p map[string]any, keys []string) (map[string]any, []string) {
	out := make(map[string]any, len(p))
	var order []string
	for _, k := range keys {
		v := p[k]
		steps := strings.Split(k, ".")
		if len(steps) == 1 || steps[0] == "" {
			out[k] = v
			order = appendNew(order, k)
			continue
		}
		order = appendNew(order, steps[0])
		if !missing(v) {
			setNested(out, steps, v)
		}
	}
	for k, v := range out {
		out[k] = finish(v)
	}
	return out, order
}

func appendNew(order []string, k string) []string {
	if slices.Contains(order, k) {
		return order
	}
	return append(order, k)
}

// setNested places v at steps under m, making objects and lists.
func setNested(m map[string]any, steps []string, v any) {
	var cur any = m
	for i, step := range steps {
		last := i == len(steps)-1
		next := func() any {
			if last {
				return v
			}
			if n, err := strconv.Atoi(steps[i+1]); err == nil && n >= 0 && n <= maxIndex {
				return sparse{}
			}
			return map[string]any{}
		}
		switch c := cur.(type) {
		case map[string]any:
			if _, ok := c[step]; !ok || last {
				c[step] = next()
			}
			cur = c[step]
		case sparse:
			n, err := strconv.Atoi(step)
			if err != nil {
				return
			}
			if _, ok := c[n]; !ok || last {
				c[n] = next()
			}
			cur = c[n]
		default:
			return
		}
	}
}

// share says what k of n values are, as one noun or many: "all 15
// values are whole numbers", "the one value is a whole number", "9,700
// of 10,000 values (97%) are dates".
func share(k, n int, plural, singular string) string {
	switch {
	case k == n && n == 1:
		return "the one value is " + singular
	case k == n:
		return "all " + count(n) + " values are " + plural
	case k == 1:
		return fmt.Sprintf("1 of %s values (%d%%) is %s", count(n), 100/n, singular)
	}
	return fmt.Sprintf("%s of %s values (%d%%) are %s", count(k), count(n), k*100/n, plural)
}

// count prints a number with thousands separators.
func count(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
