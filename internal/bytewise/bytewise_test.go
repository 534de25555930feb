package bytewise

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
)

// TestWord holds Word to the little-endian reading of the eight bytes at
// every offset of random strings.
func TestWord(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		b := make([]byte, 8+r.IntN(24))
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		s := string(b)
		for i := 0; i+8 <= len(s); i++ {
			if got, want := Word(s, i), binary.LittleEndian.Uint64(b[i:]); got != want {
				t.Fatalf("Word(%q, %d) = %#x, want %#x", s, i, got, want)
			}
		}
	}
}

// TestConstants checks Ones and Highs byte by byte.
func TestConstants(t *testing.T) {
	for i := range 8 {
		if b := byte(uint64(Ones) >> (8 * i)); b != 0x01 {
			t.Errorf("byte %d of Ones = %#x", i, b)
		}
		if b := byte(uint64(Highs) >> (8 * i)); b != 0x80 {
			t.Errorf("byte %d of Highs = %#x", i, b)
		}
	}
}
