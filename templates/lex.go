package templates

import (
	"fmt"
	"strings"

	"github.com/tailor-email/tailor/internal/source"
)

// Piece is a run of template source: literal text, or one action
// ("{{ ... }}", delimiters included).
type Piece struct {
	Text   string
	Action bool
	Pos    source.Pos // where the piece starts in its original file
}

// Split cuts template source into text and actions. It only finds the
// action boundaries (honouring quoted strings and comments that contain
// "}}"); html/template checks the syntax itself.
func Split(src string, start source.Pos) ([]Piece, error) {
	var out []Piece
	pos := start
	for len(src) > 0 {
		i := strings.Index(src, "{{")
		if i < 0 {
			out = append(out, Piece{Text: src, Pos: pos})
			break
		}
		if i > 0 {
			out = append(out, Piece{Text: src[:i], Pos: pos})
			pos = pos.Advance(src[:i])
			src = src[i:]
		}
		n, err := actionLen(src)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", pos, err)
		}
		out = append(out, Piece{Text: src[:n], Action: true, Pos: pos})
		pos = pos.Advance(src[:n])
		src = src[n:]
	}
	return out, nil
}

// actionLen returns the length of the action at the start of s.
func actionLen(s string) (int, error) {
	i := 2
	if strings.HasPrefix(s[i:], "- ") {
		i += 2
	}
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	if strings.HasPrefix(s[i:], "/*") {
		end := strings.Index(s[i+2:], "*/")
		if end < 0 {
			return 0, fmt.Errorf("unclosed comment")
		}
		i += 2 + end + 2
	}
	for i < len(s) {
		switch c := s[i]; c {
		case '"', '\'', '`':
			n := quotedLen(s[i:], c)
			if n < 0 {
				return 0, fmt.Errorf("unterminated quoted string in action")
			}
			i += n
		case '}':
			if strings.HasPrefix(s[i:], "}}") {
				return i + 2, nil
			}
			i++
		default:
			i++
		}
	}
	return 0, fmt.Errorf("unclosed action: no matching }}")
}

// quotedLen returns the length of the quoted string at the start of s, or
// -1 when it never closes.
func quotedLen(s string, q byte) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if q != '`' {
				i++
			}
		case '\n':
			if q != '`' {
				return -1
			}
		case q:
			return i + 1
		}
	}
	return -1
}

// Join concatenates pieces back into template source.
func Join(pieces []Piece) string {
	var b strings.Builder
	for _, p := range pieces {
		b.WriteString(p.Text)
	}
	return b.String()
}
