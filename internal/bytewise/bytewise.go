package bytewise

// Ones and Highs have 0x01 and 0x80 in each byte of a word: x - n*Ones
// takes n from each byte, and &Highs keeps each byte's top bit.
const (
	Ones  = 0x0101010101010101
	Highs = 0x8080808080808080
)

// Word reads the eight bytes of s at i as one little-endian number; the
// compiler turns it into a single load.
func Word(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}
