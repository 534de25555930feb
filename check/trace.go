package check

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// tracer maps a finding in a rendered email back to the workspace file
// that wrote the element: the module or template whose markup matches it.
type tracer struct {
	set *sourceSet
}

// trace moves f, found in the rendered document d, to the source file
// among files (in preference order) that holds the element or text at its
// position. When nothing matches, f is placed on the whole of fallback
// (the email's template file).
func (t *tracer) trace(d *document, f Finding, files []string, fallback string) Finding {
	off, ok := d.offset(f.Line, f.Col)
	if !ok {
		f.File, f.Line, f.Col = fallback, 0, 0
		return f
	}
	file, at, found := t.locate(d, off, files)
	if !found {
		f.File, f.Line, f.Col = fallback, 0, 0
		return f
	}
	s := t.set.files[file]
	f.File = file
	f.Line, f.Col = s.lineCol(at)
	return f
}

// offset converts a 1-based line and rune column back to a byte offset.
func (d *document) offset(line, col int) (int, bool) {
	off, ok := d.lines.Offset(line, col)
	return off, ok && off < len(d.src)
}

// locate finds the source of the rendered element or text at off.
func (t *tracer) locate(d *document, off int, files []string) (string, int, bool) {
	at := d.find(func(n *node) bool { return n.off == off && n.tag != "#root" })
	switch {
	case at == nil:
		// a comment (a conditional one), the doctype, or a style sheet
		rest := string(d.src[off:])
		return t.snippet(rest, files, strings.HasPrefix(rest, "<!--"))
	case at.tag == "":
		if file, pos, ok := t.snippet(at.text, files, false); ok {
			return file, pos, true
		}
		return t.element(at.parent, files)
	}
	if file, pos, ok := t.element(at, files); ok {
		return file, pos, true
	}
	return t.snippet(firstText(at), files, false)
}

// firstText returns the first text under n that is not blank.
func firstText(n *node) string {
	text := ""
	n.walk(func(c *node) {
		if text == "" && c.tag == "" && strings.TrimSpace(c.text) != "" {
			text = c.text
		}
	})
	return text
}

// element finds the source tag that shares the most literal attributes
// with the rendered element el; style is left out, since inlining
// rewrote it. A source tag with a literal attribute that el does not have
// (or has with another value) is not a candidate. With no shared
// attribute, a tag name that occurs once among the candidates is taken.
func (t *tracer) element(el *node, files []string) (string, int, bool) {
	open := regexp.MustCompile(`(?i)<` + regexp.QuoteMeta(el.tag) + `[\s/>]`)
	bestFile, bestAt, bestScore, count := "", 0, 0, 0
	lone, loneAt := "", 0
	for _, name := range files {
		s := t.set.files[name]
		for _, m := range open.FindAllStringIndex(s.markup, -1) {
			tag := s.markup[m[0]:]
			if end := strings.IndexByte(tag, '>'); end >= 0 {
				tag = tag[:end]
			}
			score, ok := attrScore(el, tag)
			if !ok {
				continue
			}
			count++
			lone, loneAt = name, m[0]
			if score > bestScore {
				bestFile, bestAt, bestScore = name, m[0], score
			}
		}
	}
	switch {
	case bestScore > 0:
		return bestFile, bestAt, true
	case count == 1:
		return lone, loneAt, true
	}
	return "", 0, false
}

// literalAttr matches a double-quoted attribute with no action in its value.
var literalAttr = regexp.MustCompile(`([a-zA-Z][\w:-]*)="([^"\x01]*)"`)

// attrScore counts the literal attributes of a source tag that el has
// with the same value; ok is false when el lacks one (style aside).
func attrScore(el *node, tag string) (score int, ok bool) {
	for _, m := range literalAttr.FindAllStringSubmatch(tag, -1) {
		key := strings.ToLower(m[1])
		if key == "style" {
			continue
		}
		v, has := el.attr(key)
		if !has || v != html.UnescapeString(m[2]) {
			return 0, false
		}
		score++
	}
	return score, true
}

// snippet finds the first line of rendered text (up to 40 bytes) in the
// files. When the whole line is not there (data was filled in), ever
// shorter prefixes cut at a space or '>' are tried, down to 6 bytes; a
// prefix only counts where the source goes on with a template action or
// markup, as it does when data followed it. Text inside comments is only
// searched for a comment.
func (t *tracer) snippet(text string, files []string, comment bool) (string, int, bool) {
	text = strings.TrimLeft(text, " \t\r\n")
	if i := strings.IndexAny(text, "\r\n"); i >= 0 {
		text = text[:i]
	}
	if len(text) > 40 {
		text = text[:40]
	}
	whole := true
	for text = strings.TrimSpace(text); len(text) >= 6; whole = false {
		for _, name := range files {
			mask := t.set.files[name].markup
			if comment {
				mask = t.set.files[name].mask
			}
			for from := 0; ; {
				i := strings.Index(mask[from:], text)
				if i < 0 {
					break
				}
				if i += from; whole || endsLiteral(mask[i+len(text):]) {
					return name, i, true
				}
				from = i + 1
			}
		}
		cut := strings.LastIndexAny(text, " >")
		if cut < 0 {
			break
		}
		text = strings.TrimSpace(text[:cut])
	}
	return "", 0, false
}

// endsLiteral reports whether the source after a matched prefix goes on
// with an action, markup or the end of a line, not with more literal text.
func endsLiteral(rest string) bool {
	rest = strings.TrimLeft(rest, " \t")
	return rest == "" || rest[0] == masked || rest[0] == '<' || rest[0] == '>' || rest[0] == '\n' || rest[0] == '\r'
}
