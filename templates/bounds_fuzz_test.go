package templates

import (
	"encoding/json"
	"testing"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
)

// FuzzBounds checks the bounds of replace, printf, regexReplaceAll,
// regexSplit, wrapWith and toPrettyJson against what the functions build.
func FuzzBounds(f *testing.F) {
	f.Add(uint8(0), "", "ab", "xyz", 3)
	f.Add(uint8(1), "%*d|%-8.3f|%q|%x %v", "é<", "", 12)
	f.Add(uint8(1), "%[2]*[1]d %!", "a", "b", -5)
	f.Add(uint8(2), `(\w+)@(\w*)`, "a@b c@", "$2.$1${x}$$", 0)
	f.Add(uint8(3), "", " ", "the quick brown fox jumps", 4)
	f.Add(uint8(3), "", "--------------------------------", "b aaaaaba b aaaabbb aa", 8)
	f.Add(uint8(4), `{"a":[1,{"b":"<x>"}],"c":{}}`, "", "", 0)
	f.Add(uint8(5), "a*", "baaac", "", -1)
	f.Fuzz(func(t *testing.T, which uint8, a, b, c string, n int) {
		name, args := fuzzCall(which, a, b, c, n)
		bound := Bounds()[name](args)
		if bound > 1<<24 {
			return // refused
		}
		got, ok := callFunc(name, args)
		if !ok {
			return
		}
		if m := measure(got); m*copies(name) > bound {
			t.Errorf("%s %q builds %d bytes, %d times over its bound %d", name, args, m, copies(name), bound)
		}
	})
}

func fuzzCall(which uint8, a, b, c string, n int) (string, []any) {
	switch which % 7 {
	case 0:
		return "replace", []any{a, b, c}
	case 1:
		return "printf", []any{a, b, n, c, float64(n) / 7, []any{b, n, map[string]any{c: a}}, -n}
	case 2:
		return "regexReplaceAll", []any{a, b, c}
	case 3:
		return "wrapWith", []any{n % 100, b, c}
	case 4:
		var v any
		if json.Unmarshal([]byte(a), &v) != nil {
			v = []any{a, map[string]any{b: []any{c, n}}}
		}
		return "toPrettyJson", []any{v}
	case 5:
		return "regexSplit", []any{a, b, n}
	}
	return "regexReplaceAllLiteral", []any{a, b, c}
}
