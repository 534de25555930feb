package mutate

import (
	"bytes"
	"math/rand/v2"
	"testing"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
)

func TestNextAndRestore(t *testing.T) {
	orig := map[string][]byte{"tailor.yaml": []byte("name: t\n"), "modules/hero/a.md": []byte("---\n---\nHi\n")}
	run := func(seed uint64) (*Workspace, []string) {
		w := New(orig)
		src := Rand{rand.New(rand.NewPCG(seed, 1))}
		var done []string
		for range 300 {
			done = append(done, w.Next(src).String())
		}
		return w, done
	}
	w, a := run(7)
	_, b := run(7)
	if len(a) != len(b) || a[0] != b[0] || a[len(a)-1] != b[len(b)-1] {
		t.Fatal("the same seed gave other mutations")
	}
	kinds := map[Kind]bool{}
	src := NewBytes(nil)
	for k := range numKinds {
		src.b = []byte{byte(k), 0, 3, 3, 3, 3}
		kinds[New(orig).Next(src).Kind] = true
	}
	if len(kinds) != int(numKinds) {
		t.Errorf("%d kinds reachable from bytes, want %d", len(kinds), numKinds)
	}
	w.Restore()
	if len(w.Files) != len(orig) {
		t.Fatalf("after Restore, %d files, want %d", len(w.Files), len(orig))
	}
	for name, b := range orig {
		if !bytes.Equal(w.Files[name], b) {
			t.Errorf("%s not restored", name)
		}
	}
}
