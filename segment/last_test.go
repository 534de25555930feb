package segment

import "testing"

// TestLastOfTypedLists: last(xs, n) takes the last n elements of a list
// of objects however the profile holds it (decoded JSON or a Go
// []map[string]any from a data source), all of it when n is larger, and
// none when n is zero or negative.
func TestLastOfTypedLists(t *testing.T) {
	maps := []map[string]any{{"t": 1}, {"t": 2}, {"t": 3}}
	anys := []any{map[string]any{"t": 1}, map[string]any{"t": 2}, map[string]any{"t": 3}}
	for _, orders := range []any{maps, anys} {
		p := Profile{"orders": orders}
		for when, want := range map[string]bool{
			"map(last(orders, 2), .t) == [2, 3]":    true,
			"map(last(orders, 3), .t) == [1, 2, 3]": true,
			"map(last(orders, 9), .t) == [1, 2, 3]": true,
			"len(last(orders, 0)) == 0":             true,
			"len(last(orders, -1)) == 0":            true,
			"last(orders).t == 3":                   true,
		} {
			c, err := CompileCondition(when)
			if err != nil {
				t.Fatalf("%s: %v", when, err)
			}
			if got, err := c.Match(Env{Profile: p}); err != nil || got != want {
				t.Errorf("%T: %s = %v (%v), want %v", orders, when, got, err, want)
			}
		}
	}
}
