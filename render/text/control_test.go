package text

import "testing"

func TestStripControls(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                        "plain",
		"a\x00b\rc\x1bd\x7fe":          "abcde",
		"tab\tand\nnewline":            "tab\tand\nnewline",
		"c1 \u0085x\u009fy é ü €":      "c1 xy é ü €",
		"line one\r\nline two\r\n":     "line one\nline two\n",
		"\x00\x01\x02":                 "",
		"invalid \xc2 and \xc2\x20 ok": "invalid \xc2 and \xc2\x20 ok",
	} {
		if got := StripControls(in); got != want {
			t.Errorf("StripControls(%q) = %q, want %q", in, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { StripControls("no controls here, é ü €") }); n != 0 {
		t.Errorf("a clean string allocates %v times", n)
	}
}
