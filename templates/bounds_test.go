package templates

import (
	"fmt"
	"iter"
	"maps"
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// builtinNames are text/template's builtins the executor implements (call
// is refused at compile time).
var builtinNames = []string{"and", "or", "not", "len", "index", "slice", "print", "printf",
	"println", "html", "js", "urlquery", "eq", "ne", "lt", "le", "gt", "ge"}

// TestBoundsClassifyEveryFunction checks that every function a template
// can call is either bounded or listed, with a reason, as building at most
// a constant plus its arguments, and that neither table names a function
// that does not exist.
func TestBoundsClassifyEveryFunction(t *testing.T) {
	bounds := Bounds()
	names := slices.Concat(slices.Collect(maps.Keys(Funcs(Defaults{}))), builtinNames)
	for _, name := range names {
		_, bounded := bounds[name]
		reason, flat := doesNotGrow[name]
		switch {
		case bounded && flat:
			t.Errorf("%s is both bounded and in doesNotGrow", name)
		case !bounded && !flat:
			t.Errorf("%s is neither bounded nor in doesNotGrow: decide whether its result can grow", name)
		case flat && reason == "":
			t.Errorf("%s is in doesNotGrow without a reason", name)
		}
	}
	for _, table := range []iterNames{maps.Keys(bounds), maps.Keys(doesNotGrow)} {
		for name := range table {
			if !slices.Contains(names, name) {
				t.Errorf("%s is classified but no template can call it", name)
			}
		}
	}
}

type iterNames = iter.Seq[string]

// TestBoundsIsACopy checks that a caller changing the map changes nothing
// for the next one.
func TestBoundsIsACopy(t *testing.T) {
	Bounds()["replace"] = nil
	delete(Bounds(), "printf")
	b := Bounds()
	if b["replace"] == nil || b["printf"] == nil {
		t.Fatal("Bounds hands out its own map")
	}
}

// TestBoundsTightOnOrdinaryCalls checks that the bound of a typical call
// is within 4x + 64 bytes of what it really builds, so that ordinary
// templates are never refused.
func TestBoundsTightOnOrdinaryCalls(t *testing.T) {
	small := map[string]any{"name": "Zoë", "orders": 3.0, "tags": []any{"vip", "new"}, "ok": true}
	tests := []struct {
		name string
		args []any
	}{
		{"replace", []any{"-", " ", "a-b"}},
		{"replace", []any{"{{name}}", "Zoë", "Hello {{name}}, welcome {{name}}"}},
		{"printf", []any{"%05.2f", 3.14159}},
		{"printf", []any{"%s has %d points (%.1f%%)", "Zoë", 1234, 12.5}},
		{"printf", []any{"%v", small}},
		{"printf", []any{"%-10s|%8.3f|%x", "name", 2.5, "hex"}},
		{"print", []any{"Order", 42, "of", 3.5}},
		{"join", []any{", ", []any{"a", "b"}}},
		{"join", []any{" / ", []string{"shoes", "socks", "hats"}}},
		{"toJson", []any{small}},
		{"toPrettyJson", []any{small}},
		{"upper", []any{"Zoë Ångström"}},
		{"title", []any{"hello world"}},
		{"snakecase", []any{"FirstName"}},
		{"quote", []any{"a", "b"}},
		{"cat", []any{"a", 1, "b"}},
		{"list", []any{"a", "b", "c"}},
		{"dict", []any{"a", 1, "b", "x"}},
		{"splitList", []any{",", "a,b,c"}},
		{"regexReplaceAll", []any{"a(x*)b", "-ab-axxb-", "${1}W"}},
		{"regexSplit", []any{",\\s*", "a, b,c", -1}},
		{"wrapWith", []any{5, "\t", "Hello World"}},
		{"html", []any{"<b>Tom & Jerry</b>"}},
		{"urlquery", []any{"a b&c"}},
		{"b64enc", []any{"hello"}},
		{"date", []any{"2 January 2006", time.Date(2026, 9, 2, 0, 0, 0, 0, time.UTC)}},
		{"money", []any{1234.5, "EUR", "de-DE"}},
		{"link", []any{"https://shop.example/new", "hero"}},
		{"truncate", []any{5, "Hello World"}},
	}
	for _, tt := range tests {
		got, ok := callFunc(tt.name, tt.args)
		if !ok {
			t.Errorf("%s %v failed", tt.name, tt.args)
			continue
		}
		real, bound := measure(got), Bounds()[tt.name](tt.args)
		if bound < real || bound > 4*real+64 {
			t.Errorf("%s %q: builds %d bytes, bound %d; want within [%d, %d]", tt.name, tt.args, real, bound, real, 4*real+64)
		}
	}
}

// TestBoundsCatchAmplification checks that calls that would build far
// more than their arguments get bounds that large, without building the
// result: a bound of small arguments allocates under 64 KiB, where the
// result would be megabytes (BenchmarkBounds times them).
func TestBoundsCatchAmplification(t *testing.T) {
	a1000 := strings.Repeat("a", 1000)
	tests := []struct {
		name string
		args []any
		more int64
	}{
		{"replace", []any{"", a1000, a1000}, 1_001_000},
		{"printf", []any{"%*d", 100_000_000, 1}, 100_000_001},
		{"printf", []any{"%.100000000f", 1.0}, 100_000_001},
		{"printf", []any{"%100000000d", 1}, 100_000_001},
		{"printf", []any{"%[1]*[2]d", 100_000_000, 1}, 100_000_000},
		{"printf", []any{"%*v", 100_000, makeList(1000)}, 100_000_000},
		{"wrapWith", []any{1, a1000, a1000}, 1_000_000},
		{"regexReplaceAll", []any{"", a1000, a1000}, 1_000_000},
		{"regexReplaceAllLiteral", []any{"a", a1000, a1000}, 1_000_000},
		{"regexMatch", []any{"(?:(?:a{10}){10}){10}", "a"}, 100_000},
		{"join", []any{a1000, makeList(2000)}, 1_000_000},
		{"html", []any{strings.Repeat(`"`, 1_000_000)}, 5_000_000},
		{"upper", []any{strings.Repeat("ȿ", 1_000_000)}, 3_000_000},
		{"nospace", []any{strings.Repeat("é ", 500_000)}, 2_000_000},
	}
	for _, tt := range tests {
		b := Bounds()[tt.name]
		var got int64
		heap := allocatedBy(func() { got = b(tt.args) })
		if got < tt.more {
			t.Errorf("%s: bound %d, want at least %d", tt.name, got, tt.more)
		}
		if heap > 64<<10 && len(fmt.Sprint(tt.args)) < 10_000 {
			t.Errorf("%s: the bound allocated %d bytes: it built the result", tt.name, heap)
		}
	}
}

func makeList(n int) []any {
	l := make([]any, n)
	for i := range l {
		l[i] = fmt.Sprint("item", i)
	}
	return l
}

// TestBoundsAreCheap checks that bounding replace and printf takes well
// under a millisecond and allocates nothing in proportion to the result.
func TestBoundsAreCheap(t *testing.T) {
	a1000 := strings.Repeat("a", 1000)
	for _, c := range []struct {
		name string
		args []any
	}{
		{"replace", []any{"", a1000, a1000}},
		{"printf", []any{"%*d", 100_000_000, 1}},
		{"printf", []any{"%.100000000f and %-20s %q %x", 1.0, "name", "quoted", 255}},
	} {
		b := Bounds()[c.name]
		if allocs := testing.AllocsPerRun(100, func() { b(c.args) }); allocs > 1 {
			t.Errorf("%s %q: %v allocations", c.name, c.args, allocs)
		}
	}
}

// BenchmarkBounds times the bounds of calls that would build megabytes.
func BenchmarkBounds(b *testing.B) {
	a1000 := strings.Repeat("a", 1000)
	for _, c := range []struct {
		name string
		args []any
	}{
		{"replace", []any{"", a1000, a1000}},
		{"printf", []any{"%*d", 100_000_000, 1}},
		{"printf", []any{"%.100000000f and %-20s %q %x", 1.0, "name", "quoted", 255}},
		{"join", []any{a1000, makeList(2000)}},
	} {
		bound := Bounds()[c.name]
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				bound(c.args)
			}
		})
	}
}

// allocatedBy is how many bytes f allocates on the heap.
func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestBoundsSharedValues checks that a value holding the same list many
// times, which a template builds with a few calls of list, is bounded by
// its printed size, in time linear in what is in memory.
func TestBoundsSharedValues(t *testing.T) {
	v := any("xxxxxxxx")
	for range 40 {
		v = []any{v, v} // 2^40 leaves, 80 lists' worth of list calls
	}
	m := map[string]any{"a": v, "b": v}
	for _, name := range []string{"print", "printf", "toJson", "toPrettyJson", "toString", "join", "cat", "squote", "quote", "int", "add1", "toDecimal", "html", "truncate"} {
		args := []any{m}
		switch name {
		case "printf":
			args = []any{"%v", m}
		case "join":
			args = []any{",", []any{v}}
		case "truncate":
			args = []any{5, m}
		}
		// A walk of every leaf would not end (2^40 of them): the bound
		// must remember the lists it has measured.
		if got := Bounds()[name](args); got < 1<<40 {
			t.Errorf("%s of 2^40 strings: bound %d", name, got)
		}
	}
}

// TestBoundsRefuseUnknownMethods checks that a value whose String or
// MarshalJSON method tailor does not know is refused rather than guessed.
func TestBoundsRefuseUnknownMethods(t *testing.T) {
	v := []any{stringerFunc(func() string { return strings.Repeat("x", 1<<20) })}
	for name, args := range map[string][]any{"print": {v}, "printf": {"%s", v}, "toString": {v[0]}, "join": {",", v}} {
		if got := Bounds()[name](args); got < 1<<40 {
			t.Errorf("%s of an unknown Stringer: bound %d", name, got)
		}
	}
	if got := Bounds()["printf"]([]any{"%d", v}); got > 1000 {
		t.Errorf("printf %%d calls no String method, bound %d", got)
	}
}

type stringerFunc func() string

func (f stringerFunc) String() string { return f() }

// TestBoundsNeverPanic calls every bound with arguments of any type and
// number: the executor calls a bound before the function, which may then
// refuse its arguments, and a bound must not fail first.
func TestBoundsNeverPanic(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	odd := []any{nil, "", "%", "[", "(", 0, -1, math.MinInt64, math.MaxInt64, uint64(math.MaxUint64), -1e308,
		math.NaN(), []any(nil), map[string]any(nil), (*time.Time)(nil), (*int)(nil), make(chan int),
		func() {}, struct{ a, b int }{1, 2}, []byte(nil), complex(1, 2), reflect.Value{}}
	for name, bound := range Bounds() {
		for range 300 {
			args := make([]any, r.IntN(5))
			for i := range args {
				if r.IntN(2) == 0 {
					args[i] = odd[r.IntN(len(odd))]
				} else {
					args[i] = randValue(r, 0)
				}
			}
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Errorf("%s %#v: %v", name, args, p)
					}
				}()
				if b := bound(args); b < 0 {
					t.Errorf("%s %#v: bound %d", name, args, b)
				}
			}()
		}
	}
}
