package render

import (
	"errors"
	"fmt"
	"testing"
)

func TestMemoGivesTheFunctionsResultsAndStaysBounded(t *testing.T) {
	calls := 0
	f := func(raw string, more ...string) (string, error) {
		calls++
		if raw == "bad" {
			return "", errors.New("bad")
		}
		return fmt.Sprint(raw, more), nil
	}
	m := &memo{f: f}
	for range 2 {
		for _, args := range [][]string{{"a"}, {"a", ""}, {"a", "b"}, {"a\x00b"}, {"a", "b\x01"}, {"a\x00b\x01"}, {"a", "b", "c"}} {
			got, err := m.call(args[0], args[1:]...)
			want, _ := f(args[0], args[1:]...)
			if err != nil || got != want {
				t.Errorf("%q: %q, %v; want %q", args, got, err, want)
			}
		}
	}
	if _, err := m.call("bad"); err == nil {
		t.Error("bad: no error")
	}
	for i := range memoCap + 10 {
		m.call(fmt.Sprint(i))
	}
	if n := m.size.Load(); n != memoCap {
		t.Errorf("memo holds %d results, want the cap %d", n, memoCap)
	}
}
