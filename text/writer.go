package text

import "strings"

// writer accumulates plain text. Breaks, spaces and separators are lazy:
// they are recorded as pending and written only before the next word, so
// empty elements leave no blank lines and no line ends with a space.
type writer struct {
	b []byte
	// nl counts the newlines that end b; an empty b counts as 2, so no
	// break is ever written before the first word.
	nl int
	// brk is the number of newlines wanted before the next word: 1 starts
	// a new line, 2 leaves a blank line.
	brk int
	// space asks for a space before the next word on the same line.
	space bool
	// sep, when set, replaces that space (" | " between data cells).
	sep string
	// masks are mask comments met between blocks, written at the start of
	// the next word's line. maskAt is the number of newlines pending when
	// the first of them came: they go after that many, and the breaks asked
	// for later go after them. The first maskPre of them go before the
	// line's indent or bullet; the others came inside a list item before
	// its first word, and go after its bullet.
	masks   []string
	maskAt  int
	maskPre int
	// boundary is len(masks) at the last block boundary: masks after it
	// came inside the current block.
	boundary int
	// indent starts every new line; bullet replaces it on the first line
	// of a list item.
	indent, bullet string
	// skip suppresses all output (between "start text/html" and "end
	// text/html" comments).
	skip bool
}

func newWriter() *writer { return &writer{nl: 2} }

// lineEmpty reports whether nothing, not even a deferred mask, stands on
// the line the next word goes to.
func (w *writer) lineEmpty() bool {
	return (w.nl > 0 || w.brk > 0) && len(w.masks) == w.boundary
}

// block asks for n newlines (1 or 2) before the next word: the start of a
// block.
func (w *writer) block(n int) {
	if n > w.brk {
		w.brk = n
	}
	w.space = false
	w.sep = ""
	w.boundary = len(w.masks)
}

// blockEnd ends a block: masks deferred inside it are its content and are
// written now, then n newlines are asked for.
func (w *writer) blockEnd(n int) {
	w.endInline()
	w.block(n)
}

// endInline writes the masks deferred since the last block boundary: the
// end of an element whose content they are.
func (w *writer) endInline() {
	if len(w.masks) > w.boundary {
		w.flushMasks()
	}
}

// addSpace records collapsed whitespace: a space before the next word,
// unless the line is still empty.
func (w *writer) addSpace() {
	if !w.lineEmpty() {
		w.space = true
	}
}

// flushBreak writes the pending newlines and deferred masks and, at the
// start of a line, the indent or bullet. It reports whether the line holds
// nothing but that prefix, so that no space is due before the next word.
func (w *writer) flushBreak() bool {
	if len(w.masks) == 0 {
		w.newlines(w.brk)
		w.brk = 0
		if w.nl == 0 {
			return false
		}
		w.prefix()
		return true
	}
	prefixed := w.writeMasks()
	after := w.brk - w.maskAt
	w.brk = 0
	if after > 0 {
		w.newlines(after)
		w.prefix()
		return true
	}
	if !prefixed {
		w.prefix()
	}
	return false
}

// writeMasks writes the deferred masks on their line, around its prefix
// when some of them belong after a bullet, and reports whether it wrote
// the prefix.
func (w *writer) writeMasks() (prefixed bool) {
	w.newlines(w.maskAt)
	for _, m := range w.masks[:w.maskPre] {
		w.b = append(w.b, m...)
	}
	if len(w.masks) > w.maskPre {
		w.prefix()
		prefixed = true
		for _, m := range w.masks[w.maskPre:] {
			w.b = append(w.b, m...)
		}
	}
	w.masks, w.boundary, w.maskPre = w.masks[:0], 0, 0
	w.nl = 0
	return prefixed
}

// newlines ends b with at least n newlines.
func (w *writer) newlines(n int) {
	for w.nl < n {
		w.b = append(w.b, '\n')
		w.nl++
	}
}

// prefix starts a line with the bullet of a list item, once, or with the
// indent.
func (w *writer) prefix() {
	if w.bullet != "" {
		w.b = append(w.b, w.bullet...)
		w.bullet = ""
	} else {
		w.b = append(w.b, w.indent...)
	}
	w.nl = 0
}

// word writes s, which holds no collapsible whitespace, after whatever is
// pending.
func (w *writer) word(s string) {
	if w.skip || s == "" {
		return
	}
	start := w.flushBreak()
	switch {
	case w.sep != "" && !start:
		w.b = append(w.b, w.sep...)
	case w.space && !start:
		w.b = append(w.b, ' ')
	}
	w.space, w.sep = false, ""
	w.b = append(w.b, s...)
}

// mask writes a mask comment: in the text when the line has begun, or
// deferred to the start of the next word's line when it stands between
// blocks.
func (w *writer) mask(s string) {
	if w.skip {
		return
	}
	if w.nl > 0 || w.brk > 0 {
		if len(w.masks) == 0 {
			w.maskAt = max(w.brk, w.nl)
		}
		w.masks = append(w.masks, s)
		if w.bullet == "" {
			w.maskPre = len(w.masks)
		}
		return
	}
	w.word(s)
}

// ownLine writes a mask comment that prints text of its own: inline when
// the line has begun, else as a block, set off like the blocks around it.
func (w *writer) ownLine(s string) {
	if w.skip {
		return
	}
	between := w.nl > 0 || w.brk > 0
	w.word(s)
	if between {
		w.block(1) // the next block asks for more if it needs it
	}
}

// flushMasks writes deferred masks now, as if a word followed them.
func (w *writer) flushMasks() {
	if len(w.masks) > 0 && !w.skip {
		w.flushBreak()
	}
}

// lineBreak ends the current line, as <br> does; a second one in a row
// leaves a blank line, a third adds nothing.
func (w *writer) lineBreak() {
	if w.skip {
		return
	}
	w.flushMasks()
	w.newlines(w.brk)
	w.brk = 0
	if w.nl < 2 {
		w.b = append(w.b, '\n')
		w.nl++
	}
	w.space, w.sep = false, ""
}

// text writes character data with whitespace collapsed as a browser does.
func (w *writer) text(s string) {
	if w.skip {
		return
	}
	start := -1
	for i, r := range s {
		switch {
		case isSpace(r):
			if start >= 0 {
				w.word(s[start:i])
				start = -1
			}
			w.addSpace()
		case isInvisible(r):
			if start >= 0 {
				w.word(s[start:i])
				start = -1
			}
		case start < 0:
			start = i
		}
	}
	if start >= 0 {
		w.word(s[start:])
	}
}

// preText writes character data of a <pre>, keeping its spaces and line
// breaks (trailing spaces of each line are dropped).
func (w *writer) preText(s string) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			w.lineBreak()
		}
		line = strings.TrimRight(line, " \t\r")
		if line != "" {
			w.word(line)
		}
	}
}

// finish flushes deferred masks and returns the text.
func (w *writer) finish() string {
	if len(w.masks) > 0 {
		w.writeMasks()
	}
	return strings.Trim(string(w.b), "\n")
}

// isSpace reports whether r is whitespace that HTML collapses. A
// non-breaking space is included on purpose: in a text part it is only
// spacing.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\u00a0':
		return true
	}
	return false
}

// isInvisible reports whether r draws nothing: zero-width characters, the
// combining grapheme joiner used in preview-text padding, and soft hyphens.
func isInvisible(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u034f', '\u00ad':
		return true
	}
	return false
}
