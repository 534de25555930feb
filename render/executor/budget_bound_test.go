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
