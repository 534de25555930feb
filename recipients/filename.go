package recipients

import (
	"errors"
	"fmt"
	"strings"
)

// MaxFileName is the longest name FileName makes, in bytes: with an
// extension and a writer's temporary prefix and suffix it stays within
// the 255 bytes most file systems allow.
const MaxFileName = 200

// ErrNoID is FileName's error for an empty ID.
var ErrNoID = errors.New("the recipient has no ID (neither an ID nor an email field): its file cannot be named")

// FileName encodes a recipient ID as a file name that cannot leave its
// folder or hide, and that no other ID shares: letters, digits and
// "-_@+." stay as they are (but a leading "."), and every other byte,
// "%" included, becomes "%" and two upper-case hex digits, so ParseFileName
// gives the ID back. An empty ID, or one whose name would pass
// MaxFileName, is an error rather than a name: names are never cut short
// or hashed, since either would let two IDs share a file.
func FileName(id string) (string, error) {
	if id == "" {
		return "", ErrNoID
	}
	var b strings.Builder
	for i := 0; i < len(id); i++ {
		if c := id[i]; keep(c) && (c != '.' || i > 0) {
			b.WriteByte(c)
		} else {
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
		if b.Len() > MaxFileName {
			return "", fmt.Errorf("the recipient ID (%d bytes) is too long for a file name: its encoded name passes %d bytes", len(id), MaxFileName)
		}
	}
	return b.String(), nil
}

const hexDigits = "0123456789ABCDEF"

// keep reports whether FileName keeps c as it is.
func keep(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-_@+.", c) >= 0
}

// ParseFileName returns the ID that FileName encoded as name, or an error
// when name is not one of FileName's names.
func ParseFileName(name string) (string, error) {
	if len(name) > MaxFileName {
		return "", fmt.Errorf("%q: longer than %d bytes", name, MaxFileName)
	}
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c != '%' {
			if !keep(c) || c == '.' && i == 0 {
				return "", fmt.Errorf("%q: byte %d should be escaped", name, i)
			}
			b.WriteByte(c)
			continue
		}
		hi, lo := -1, -1
		if i+2 < len(name) {
			hi, lo = strings.IndexByte(hexDigits, name[i+1]), strings.IndexByte(hexDigits, name[i+2])
		}
		if hi < 0 || lo < 0 || keep(byte(hi<<4|lo)) && (hi<<4|lo != '.' || i > 0) {
			return "", fmt.Errorf("%q: bad escape at byte %d", name, i)
		}
		b.WriteByte(byte(hi<<4 | lo))
		i += 2
	}
	if b.Len() == 0 {
		return "", ErrNoID
	}
	return b.String(), nil
}
