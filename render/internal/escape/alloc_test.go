package escape

import (
	"testing"
	"unsafe"
)

// TestNoChangeNoAlloc checks that the common escapers return a string
// that needs no change as it is, without allocating, from Lookup (given
// the string already boxed) and from LookupString.
func TestNoChangeNoAlloc(t *testing.T) {
	const s = "Jane-Doe_42.example~ABCxyz"
	var boxed any = s
	for _, name := range []string{"htmlescaper", "attrescaper", "urlescaper", "urlnormalizer", "urlfilter"} {
		e, es := Lookup(prefix+name), LookupString(prefix+name)
		if got := e(boxed); unsafe.StringData(got) != unsafe.StringData(s) {
			t.Errorf("%s(%q) = %q, not the same string", name, s, got)
		}
		if got := es(s); unsafe.StringData(got) != unsafe.StringData(s) {
			t.Errorf("%s string form (%q) = %q, not the same string", name, s, got)
		}
		if n := testing.AllocsPerRun(100, func() { allocSink = e(boxed) }); n != 0 {
			t.Errorf("%s allocates %v times for %q", name, n, s)
		}
		if n := testing.AllocsPerRun(100, func() { allocSink = es(s) }); n != 0 {
			t.Errorf("%s string form allocates %v times for %q", name, n, s)
		}
	}
}

var allocSink string
