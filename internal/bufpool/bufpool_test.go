package bufpool

import (
	"testing"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
)

func TestGetGivesRoomAndPutKeepsOnlyUsualSizes(t *testing.T) {
	var p Pool
	b := p.Get(100)
	if len(b) != 0 || cap(b) != 8<<10 {
		t.Fatalf("Get(100): len %d cap %d, want 0 and 8 KiB", len(b), cap(b))
	}
	if b := p.Get(20 << 10); cap(b) < 20<<10 {
		t.Fatalf("Get(20 KiB): cap %d", cap(b))
	}
	p.Put(append(b, "used"...))
	if got := p.Get(10); len(got) != 0 || cap(got) < 10 {
		t.Fatalf("a recycled buffer: len %d cap %d", len(got), cap(got))
	}
	p.Put(make([]byte, 0, MaxKept+1)) // dropped, not kept: nothing to observe but no panic
}

// TestKeepsUpToMaxKept: a buffer of MaxKept bytes of capacity is kept for
// reuse, one a byte larger is not, whatever its length.
func TestKeepsUpToMaxKept(t *testing.T) {
	for _, c := range []struct {
		len, cap int
		keep     bool
	}{{0, 0, true}, {0, 8 << 10, true}, {MaxKept, MaxKept, true}, {0, MaxKept, true}, {0, MaxKept + 1, false}, {MaxKept + 1, MaxKept + 1, false}} {
		if got := Keeps(make([]byte, c.len, c.cap)); got != c.keep {
			t.Errorf("Keeps(len %d, cap %d) = %v, want %v", c.len, c.cap, got, c.keep)
		}
	}
}
