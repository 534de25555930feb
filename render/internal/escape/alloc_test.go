package escape

import (
	"runtime"
	"strings"
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

// TestEscapingAllocatesOnceAtSize checks that a value the escaper
// changes costs one allocation, the output, sized up front: the table
// escapers (HTML text, quoted and unquoted attributes) reserve exactly
// the output, and the URL escapers, for a
// long value escaped only at its end, about the output too (3 bytes are
// reserved only for each byte from the first escaped one on).
func TestEscapingAllocatesOnceAtSize(t *testing.T) {
	for _, c := range []struct{ name, in string }{
		{"htmlescaper", strings.Repeat("<", 1000)},
		{"htmlescaper", strings.Repeat("a<b&", 250)},
		{"attrescaper", strings.Repeat(`"`, 1000)},
		{"nospaceescaper", strings.Repeat("a =", 300)},
		{"urlescaper", strings.Repeat("a", 1000) + strings.Repeat("<", 10)},
		{"urlnormalizer", strings.Repeat("a", 1000) + strings.Repeat(" ", 10)},
	} {
		e := Lookup(prefix + c.name)
		var boxed any = c.in
		out := e(boxed)
		if out == c.in {
			t.Fatalf("%s: the test value needs no escaping", c.name)
		}
		if n := testing.AllocsPerRun(100, func() { allocSink = e(boxed) }); n != 1 {
			t.Errorf("%s of %d bytes: %v allocations, want 1", c.name, len(c.in), n)
		}
		// The allocator rounds a size up to its class, by at most an
		// eighth at these sizes; the rest of the margin is for what else
		// the process allocates meanwhile.
		if b := bytesPerRun(1000, func() { allocSink = e(boxed) }); b > float64(len(out))*5/4 {
			t.Errorf("%s of %d bytes: %.0f bytes allocated for an output of %d", c.name, len(c.in), b, len(out))
		}
	}
}

// bytesPerRun returns the bytes f allocates on the heap per call, over
// runs calls, with one processor as testing.AllocsPerRun does.
func bytesPerRun(runs int, f func()) float64 {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	f()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		f()
	}
	runtime.ReadMemStats(&after)
	return float64(after.TotalAlloc-before.TotalAlloc) / float64(runs)
}
