package executor

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestBuildBoundIsInclusive: a function with a bound may build a value of
// exactly MaxBytes; one that would build a byte more fails before it is
// called.
func TestBuildBoundIsInclusive(t *testing.T) {
	calls := 0
	c := &Config{
		Funcs:  map[string]any{"grow": func(s string) string { calls++; return s + s }},
		Bounds: map[string]Bound{"grow": func(a []any) int64 { return 2 * int64(len(a[0].(string))) }},
	}
	var out strings.Builder
	if err := compile(t, `{{grow "abcd"}}`, c).Execute(&out, nil, NewBudget(context.Background(), time.Minute, 100, 8)); err != nil || out.String() != "abcdabcd" {
		t.Fatalf("an 8-byte value under an 8-byte bound: %q, %v", out.String(), err)
	}
	calls = 0
	err := compile(t, `{{grow "abcde"}}`, c).Execute(&strings.Builder{}, nil, NewBudget(context.Background(), time.Minute, 100, 8))
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "would build 10 bytes") || calls != 0 {
		t.Fatalf("a 10-byte value under an 8-byte bound: %v (grow called %d times)", err, calls)
	}
}

// TestNoByteBound: MaxBytes 0 is no bound: a function may build any size.
func TestNoByteBound(t *testing.T) {
	c := &Config{
		Funcs:  map[string]any{"grow": func(s string) string { return s + s }},
		Bounds: map[string]Bound{"grow": func(a []any) int64 { return 2 * int64(len(a[0].(string))) }},
	}
	var out strings.Builder
	if err := compile(t, `{{grow "abcd"}}`, c).Execute(&out, nil, NewBudget(context.Background(), time.Minute, 100, 0)); err != nil || out.String() != "abcdabcd" {
		t.Fatalf("no byte bound: %q, %v", out.String(), err)
	}
}

// TestCancelAfterHeavyCallStopsTheLoop: a call over a large value brings
// the next look at the context closer; it must not put it off for good. A
// context cancelled after such a call stops the loop that follows, long
// before the step budget would.
func TestCancelAfterHeavyCallStopsTheLoop(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := &Config{
		Funcs:  map[string]any{"heavy": func() string { return "" }, "cancel": func() string { cancel(); return "" }},
		Bounds: map[string]Bound{"heavy": func([]any) int64 { return 64 << 20 }},
	}
	p := compile(t, `{{heavy}}{{cancel}}{{range 100000000}}{{end}}`, c)
	err := p.Execute(&strings.Builder{}, nil, NewBudget(ctx, 0, 1_000_000, 0))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}
