package inline

import (
	"errors"
	"fmt"
	"strings"
)

// ErrCSS is wrapped by every error about malformed CSS. The message in
// front of it names the place as line:col in the document.
var ErrCSS = errors.New("malformed CSS")

// pos is a place in the document, 1-based. A zero pos is unknown.
type pos struct{ line, col int }

// advance returns the place reached after reading text from p.
func (p pos) advance(text string) pos {
	if p.line == 0 {
		return p
	}
	for _, r := range text {
		if r == '\n' {
			p.line++
			p.col = 1
		} else {
			p.col++
		}
	}
	return p
}

// cursor gives the places of increasing offsets into a text that starts
// at a place, reading each byte once, where pos.advance from the start
// would read the text again for each offset.
type cursor struct {
	off int
	at  pos
}

// to returns the place of offset off of text; off is never less than the
// last offset asked for.
func (c *cursor) to(text string, off int) pos {
	c.at = c.at.advance(text[c.off:off])
	c.off = off
	return c.at
}

// errorf reports malformed CSS at offset off of a text starting at p.
func (p pos) errorf(text string, off int, format string, args ...any) error {
	at := p.advance(text[:off])
	if at.line == 0 {
		return fmt.Errorf("%w: "+format, append([]any{ErrCSS}, args...)...)
	}
	return fmt.Errorf("%d:%d: %w: "+format, append([]any{at.line, at.col, ErrCSS}, args...)...)
}

// item is one top-level statement of a stylesheet.
type item struct {
	raw     string // the statement's text, verbatim
	prelude string // at-keyword and prelude, or the selector list
	block   string // the text between the braces; "" for a statement at-rule
	at      bool   // an at-rule (@media, @font-face, @import, ...)
	start   pos    // where raw starts
}

// scanSheet splits CSS text that starts at p into its top-level
// statements. Comments, CDO and CDC between statements are dropped.
func scanSheet(text string, p pos) ([]item, error) {
	var items []item
	i := 0
	cur := cursor{at: p}
	for {
		var err error
		if i, err = skipSpaceAndComments(text, i, p); err != nil {
			return nil, err
		}
		if i >= len(text) {
			return items, nil
		}
		if strings.HasPrefix(text[i:], "<!--") || strings.HasPrefix(text[i:], "-->") {
			i += 3 + boolInt(text[i] == '<')
			continue
		}
		it, end, err := scanStatement(text, i, p, cur.to(text, i))
		if err != nil {
			return nil, err
		}
		items = append(items, it)
		i = end
	}
}

// scanStatement reads the statement starting at offset start, at place
// at, and returns it with the offset just past it.
func scanStatement(text string, start int, p, at pos) (item, int, error) {
	it := item{at: text[start] == '@', start: at}
	j, stop, err := scanUntil(text, start, "{;}", p)
	if err != nil {
		return it, 0, err
	}
	switch {
	case stop == ';' && it.at:
		it.prelude = strings.TrimSpace(text[start:j])
		it.raw = text[start : j+1]
		return it, j + 1, nil
	case stop == '}':
		return it, 0, p.errorf(text, j, "} with no { before it")
	case stop == ';':
		return it, 0, p.errorf(text, start, "%q ends with ; where a rule needs a { block", strings.TrimSpace(text[start:j]))
	case stop == 0:
		return it, 0, p.errorf(text, start, "%q at the end has no { block", strings.TrimSpace(text[start:j]))
	}
	end, err := matchBrace(text, j, p)
	if err != nil {
		return it, 0, err
	}
	it.prelude = strings.TrimSpace(text[start:j])
	it.block = text[j+1 : end]
	it.raw = text[start : end+1]
	return it, end + 1, nil
}

// scanUntil returns the offset of the first byte of stops found outside
// strings, comments, parentheses and brackets, and that byte; at the end
// of text it returns len(text) and 0.
func scanUntil(text string, i int, stops string, p pos) (int, byte, error) {
	depth := 0
	for i < len(text) {
		c := text[i]
		switch {
		case c == '"' || c == '\'':
			end, err := skipString(text, i, p)
			if err != nil {
				return 0, 0, err
			}
			i = end
			continue
		case c == '/' && strings.HasPrefix(text[i:], "/*"):
			end, err := skipComment(text, i, p)
			if err != nil {
				return 0, 0, err
			}
			i = end
			continue
		case c == '\\':
			i += 2
			continue
		case c == '(' || c == '[':
			depth++
		case (c == ')' || c == ']') && depth > 0:
			depth--
		case depth == 0 && strings.IndexByte(stops, c) >= 0:
			return i, c, nil
		}
		i++
	}
	return len(text), 0, nil
}

// matchBrace returns the offset of the } that closes the { at open.
func matchBrace(text string, open int, p pos) (int, error) {
	i := open + 1
	for {
		j, stop, err := scanUntil(text, i, "{}", p)
		if err != nil {
			return 0, err
		}
		switch stop {
		case '}':
			return j, nil
		case '{':
			end, err := matchBrace(text, j, p)
			if err != nil {
				return 0, err
			}
			i = end + 1
		default:
			return 0, p.errorf(text, open, "{ is never closed")
		}
	}
}

// skipString returns the offset just past the string starting at i.
func skipString(text string, i int, p pos) (int, error) {
	q := text[i]
	for j := i + 1; j < len(text); j++ {
		switch text[j] {
		case '\\':
			j++
		case q:
			return j + 1, nil
		case '\n':
			return 0, p.errorf(text, i, "string is not closed on its line")
		}
	}
	return 0, p.errorf(text, i, "string is never closed")
}

// skipComment returns the offset just past the comment starting at i.
func skipComment(text string, i int, p pos) (int, error) {
	end := strings.Index(text[i+2:], "*/")
	if end < 0 {
		return 0, p.errorf(text, i, "comment is never closed")
	}
	return i + 2 + end + 2, nil
}

// skipSpaceAndComments returns the offset of the next byte that is
// neither white space nor inside a comment.
func skipSpaceAndComments(text string, i int, p pos) (int, error) {
	for i < len(text) {
		switch {
		case strings.IndexByte(" \t\r\n\f", text[i]) >= 0:
			i++
		case strings.HasPrefix(text[i:], "/*"):
			end, err := skipComment(text, i, p)
			if err != nil {
				return 0, err
			}
			i = end
		default:
			return i, nil
		}
	}
	return i, nil
}

// splitTopLevel splits s on sep outside strings, comments, parentheses
// and brackets.
func splitTopLevel(s string, sep byte) []string {
	var parts []string
	start := 0
	for i := 0; i <= len(s); {
		j, stop, err := scanUntil(s, i, string(sep), pos{})
		if err != nil || stop == 0 {
			break
		}
		parts = append(parts, s[start:j])
		start, i = j+1, j+1
	}
	return append(parts, s[start:])
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
