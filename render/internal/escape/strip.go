package escape

import "strings"

// textContent returns what html/template keeps of HTML content printed in
// an attribute value: the text outside tags and comments, and the text of
// <title> and <textarea> elements, but not the content of <script> or
// <style>. Attribute values are skipped whole, so a '>' in one does not
// end its tag. Markup that cannot be read (a quote in an attribute name)
// drops everything from there on; so does a tag, comment or attribute
// value that is not closed. A fragment that ends right after the first
// tag name or "<!--" it has is returned as it is.
func textContent(h string) string {
	if strings.IndexByte(h, '<') < 0 {
		return h
	}
	x := &stripper{src: h}
	for st := inText; x.pos < len(h) && st != finished; {
		if st != inText {
			x.markup = true
		}
		st = x.step(st)
	}
	if !x.markup {
		return h
	}
	return x.out.String()
}

// stripState is where the stripper is: in text, in a tag, in a comment,
// or in the content of an element whose content is not HTML.
type stripState uint8

const (
	inText stripState = iota
	inTag
	inComment
	inElement
	finished // the rest is dropped
)

// A stripper reads an HTML fragment once, from left to right, writing its
// text to out.
type stripper struct {
	src    string
	pos    int
	out    strings.Builder
	elem   string // the special element the current tag opens, or whose content pos is in
	markup bool   // a tag, comment or element content was read
}

// step reads from pos in state st, and returns the next state.
func (x *stripper) step(st stripState) stripState {
	switch st {
	case inText:
		return x.text()
	case inTag:
		return x.tag()
	case inComment:
		return x.comment()
	default:
		return x.element()
	}
}

// text copies text up to the next tag or comment, and moves past its
// name or its "<!--".
func (x *stripper) text() stripState {
	at, next, st, elem := nextMarkup(x.src, x.pos)
	if at < 0 {
		x.out.WriteString(x.src[x.pos:])
		x.pos = len(x.src)
		return inText
	}
	x.out.WriteString(x.src[x.pos:at])
	x.pos, x.elem = next, elem
	return st
}

// nextMarkup finds the first tag or comment in s from i on: the index of
// its '<', where its name or "<!--" ends, whether it is a tag or a
// comment and, for a start tag, the special element it opens. at is -1
// when there is none.
func nextMarkup(s string, i int) (at, next int, st stripState, elem string) {
	for {
		lt := strings.IndexByte(s[i:], '<')
		if lt < 0 || i+lt+1 == len(s) {
			return -1, 0, inText, ""
		}
		at, i = i+lt, i+lt+1
		if strings.HasPrefix(s[i:], "!--") {
			return at, i + 3, inComment, ""
		}
		closing := s[i] == '/'
		if closing {
			i++
		}
		if n := tagNameLen(s[i:]); n > 0 {
			if !closing {
				elem = specialElement(s[i : i+n])
			}
			return at, i + n, inTag, elem
		}
	}
}

// tagNameLen is the length of the tag name s starts with: an ASCII letter,
// then letters and digits, where a ':' or '-' joins two of them.
func tagNameLen(s string) int {
	if s == "" || !isLetter(s[0]) {
		return 0
	}
	n := 1
	for n < len(s) {
		switch {
		case isAlnum(s[n]):
			n++
		case (s[n] == ':' || s[n] == '-') && n+1 < len(s) && isAlnum(s[n+1]):
			n += 2
		default:
			return n
		}
	}
	return n
}

// specialElement returns the lower-case name of an element whose content
// is not HTML (script, style, title, textarea), or "".
func specialElement(name string) string {
	for _, e := range [...]string{"script", "style", "textarea", "title"} {
		if strings.EqualFold(name, e) {
			return e
		}
	}
	return ""
}

// tag reads one thing in a tag: its end, or an attribute with its value.
func (x *stripper) tag() stripState {
	s := x.src
	i := skipHTMLSpace(s, x.pos)
	if i == len(s) {
		return finished
	}
	if s[i] == '>' {
		x.pos = i + 1
		if x.elem != "" {
			return inElement
		}
		return inText
	}
	n := strings.IndexAny(s[i:], " \t\n\f\r=>\"'<")
	if n <= 0 {
		return finished // the name runs to the end, or there is none
	}
	j := i + n
	if s[j] == '"' || s[j] == '\'' || s[j] == '<' {
		return finished // a name that is not HTML
	}
	k := skipHTMLSpace(s, j)
	if k == len(s) {
		return finished
	}
	if s[k] != '=' {
		x.pos = k // an attribute without a value
		return inTag
	}
	return x.value(skipHTMLSpace(s, k+1))
}

// value skips the attribute value at i, quoted or not.
func (x *stripper) value(i int) stripState {
	s := x.src
	if i == len(s) {
		return finished
	}
	if q := s[i]; q == '"' || q == '\'' {
		end := strings.IndexByte(s[i+1:], q)
		if end < 0 {
			return finished
		}
		x.pos = i + 1 + end + 1
		return inTag
	}
	end := strings.IndexAny(s[i:], " \t\n\f\r>")
	if end < 0 {
		return finished
	}
	x.pos = i + end
	return inTag
}

// comment skips a comment, whose "<!--" has been read.
func (x *stripper) comment() stripState {
	end := strings.Index(x.src[x.pos:], "-->")
	if end < 0 {
		return finished
	}
	x.pos += end + len("-->")
	return inText
}

// element reads the content of a special element up to its end tag, and
// keeps it for <title> and <textarea>. Up to the end tag, what is kept
// stops at the last '<' (as html/template's own stripping does).
func (x *stripper) element() stripState {
	keep := x.elem == "title" || x.elem == "textarea"
	content := x.src[x.pos:]
	end := endTagIndex(content, x.elem)
	if end < 0 {
		if keep {
			x.out.WriteString(content)
		}
		x.pos = len(x.src)
		return inElement
	}
	if keep {
		kept := content[:end]
		if lt := strings.LastIndexByte(kept, '<'); lt >= 0 {
			kept = kept[:lt]
		}
		x.out.WriteString(kept)
	}
	x.pos += end
	x.elem = ""
	return inText
}

// endTagIndex returns the index in s of the first "</name" (name in any
// case) followed by '>', '/' or a space, or -1.
func endTagIndex(s, name string) int {
	for i := 0; ; {
		lt := strings.Index(s[i:], "</")
		if lt < 0 {
			return -1
		}
		at := i + lt
		rest := s[at+2:]
		if len(rest) > len(name) && strings.EqualFold(rest[:len(name)], name) &&
			strings.IndexByte("> \t\n\f/", rest[len(name)]) >= 0 {
			return at
		}
		i = at + 2
	}
}

// skipHTMLSpace returns the index of the first byte from i on in s that
// is not an HTML space, or len(s).
func skipHTMLSpace(s string, i int) int {
	for i < len(s) && isHTMLSpace(s[i]) {
		i++
	}
	return i
}

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func isAlnum(c byte) bool { return isLetter(c) || '0' <= c && c <= '9' }
