package executor

import (
	"context"
	"errors"
	"strings"
	"testing"
	texttemplate "text/template"
	"text/template/parse"
	"time"
)

func compile(t *testing.T, src string, c *Config) *Program {
	t.Helper()
	fm := texttemplate.FuncMap{}
	for k, v := range c.Funcs {
		fm[k] = v
	}
	tt := texttemplate.Must(texttemplate.New("t").Funcs(fm).Parse(src))
	p, err := Compile(tt.Tree, func(name string) *parse.Tree {
		if x := tt.Lookup(name); x != nil {
			return x.Tree
		}
		return nil
	}, c)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestBudgetStops runs templates that never end, or never would in
// practice, and wants each stopped by its bound, at its place.
func TestBudgetStops(t *testing.T) {
	calls := 0
	c := &Config{
		Funcs: map[string]any{
			"grow": func(s string) string { calls++; return s + s },
			"mul":  func(a, b int) int { return a * b },
		},
		Bounds: map[string]Bound{"grow": func(a []any) int64 { return 2 * int64(len(a[0].(string))) }},
	}
	for _, tc := range []struct {
		src, at string // at: the inner loop, the call
		want    error
	}{
		{"{{range 100000}}{{range 100000}}{{end}}{{end}}", "t:1:24", ErrSteps},
		{"{{range 100000}}{{mul 2 2}}{{end}}", "t:1:8", ErrSteps}, // the 501st iteration
		{"{{$n := mul 1000 1000}}\n{{range $n}}{{range $n}}{{end}}{{end}}", "t:2:20", ErrSteps},
		{`{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}`, "t:1:25", nil},
		{`{{$s := "ab"}}{{range 64}}{{$s = grow $s}}{{end}}`, "t:1:33", ErrTooLarge},
		// 1 iteration, then 999 that continue: the 1000th is one too many.
		{`{{range 10}}{{break}}{{end}}{{range 1000}}{{continue}}{{end}}x`, "t:1:36", ErrSteps},
	} {
		calls = 0
		p := compile(t, tc.src, c)
		var out strings.Builder
		err := p.Execute(&out, nil, NewBudget(context.Background(), time.Minute, 1000, 1<<20))
		var e *Error
		switch {
		case !errors.As(err, &e) || !strings.Contains(err.Error(), tc.at+":"):
			t.Errorf("%s: %v, want an error at %s", tc.src, err, tc.at)
		case tc.want != nil && !errors.Is(err, tc.want):
			t.Errorf("%s: %v, want %v", tc.src, err, tc.want)
		}
		// "ab" doubled 19 times is 1 MiB; the 20th would build 2 MiB.
		if tc.want == ErrTooLarge && calls != 19 {
			t.Errorf("%s: grow called %d times, want 19", tc.src, calls)
		}
	}
}

// TestBudgetContext stops a loop that has neither a step bound nor a
// deadline when its context is cancelled.
func TestBudgetContext(t *testing.T) {
	p := compile(t, "{{range 1000000000}}{{range 1000000000}}{{end}}{{end}}", &Config{})
	ctx, cancel := context.WithCancel(context.Background())
	b := NewBudget(ctx, 0, 1<<62, 0)
	done := make(chan error)
	go func() { done <- p.Execute(&strings.Builder{}, nil, b) }()
	cancel()
	err := <-done
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// TestBudgetDeadline stops a loop at its deadline.
func TestBudgetDeadline(t *testing.T) {
	p := compile(t, "{{range 1000000000}}{{range 1000000000}}{{end}}{{end}}", &Config{})
	err := p.Execute(&strings.Builder{}, nil, NewBudget(context.Background(), time.Millisecond, 1<<62, 0))
	if !errors.Is(err, ErrTimeout) || !strings.Contains(err.Error(), "render took too long (1ms)") {
		t.Fatalf("err = %v, want ErrTimeout naming the limit", err)
	}
}

// TestStepsCounted checks what a step is: a range iteration, a function
// call, a template call; so a budget of exactly the steps a template
// takes is enough, and one fewer is not.
func TestStepsCounted(t *testing.T) {
	c := &Config{Funcs: map[string]any{"id": func(v any) any { return v }}}
	src := `{{define "x"}}{{id .}}{{end}}{{range 3}}{{template "x" .}}{{end}}{{id 1 | id}}`
	// 3 iterations + 3 template calls + 3 calls + 2 calls.
	const steps = 11
	for _, n := range []int{steps, steps - 1} {
		err := compile(t, src, c).Execute(&strings.Builder{}, nil, NewBudget(context.Background(), time.Minute, n, 0))
		if (err == nil) != (n == steps) {
			t.Errorf("budget %d: err = %v", n, err)
		}
	}
}

// TestPanicIsTheCallsError checks that a function's panic ends the
// execution with an error at the call, and the next execution is clean.
func TestPanicIsTheCallsError(t *testing.T) {
	c := &Config{Funcs: map[string]any{"boom": func(s string) string { panic("bad " + s) }, "id": func(v any) any { return v }}}
	p := compile(t, `{{$x := 1}}{{range 3}}{{id .}}{{end}}x{{boom "y"}}`, c)
	var out strings.Builder
	err := p.Execute(&out, nil, NewBudget(context.Background(), time.Minute, 100, 0))
	if err == nil || !strings.Contains(err.Error(), `t:1:40: at <boom "y">: error calling boom: panic: bad y`) {
		t.Fatalf("err = %v", err)
	}
	out.Reset()
	if err := compile(t, `{{$.a}}{{$y := 2}}{{$y}}`, c).Execute(&out, map[string]any{"a": "A"}, NewBudget(context.Background(), time.Minute, 100, 0)); err != nil || out.String() != "A2" {
		t.Fatalf("after a panic: %q, %v", out.String(), err)
	}
}

// TestBudgetCallersDeadline checks that a context's deadline earlier than
// the timeout is the one that stops the render, and the one the error names.
func TestBudgetCallersDeadline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	p := compile(t, "{{range 1000000000}}{{range 1000000000}}{{end}}{{end}}", &Config{})
	err := p.Execute(&strings.Builder{}, nil, NewBudget(ctx, time.Hour, 1<<62, 0))
	if !errors.Is(err, ErrTimeout) || strings.Contains(err.Error(), "1h0m0s") {
		t.Fatalf("err = %v, want ErrTimeout naming the context's deadline", err)
	}
}
