package text

import "testing"

func TestWrapPartRemovesControls(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                        "plain\n",
		"a\x00b\rc\x1bd\x7fe":          "abcde\n",
		"tab\tand\nnewline":            "tab\tand\nnewline\n",
		"c1 \u0085x\u009fy é ü €":      "c1 xy é ü €\n",
		"line one\r\nline two\r\n":     "line one\nline two\n",
		"\x00\x01\x02":                 "\n",
		"invalid \xc2 and \xc2\x20 ok": "invalid \xc2 and \xc2  ok\n",
	} {
		if got := WrapPart([]byte(in), 0); got != want {
			t.Errorf("WrapPart(%q) = %q, want %q", in, got, want)
		}
	}
}
