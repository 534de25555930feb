package inline

import (
	"errors"
	"fmt"
	"strings"

	"github.com/tailor-email/tailor/internal/css"
)

// ErrCSS is wrapped by every error about malformed CSS. The message in
// front of it names the place as line:col in the document.
var ErrCSS = errors.New("malformed CSS")

// pos is a place in the document, 1-based, columns in runes. A zero pos is
// unknown.
type pos = css.Pos

// errorf reports malformed CSS at offset off of a text starting at p.
func errorf(p pos, text string, off int, format string, args ...any) error {
	at := p.Advance(text[:off])
	if at.Line == 0 {
		return fmt.Errorf("%w: "+format, append([]any{ErrCSS}, args...)...)
	}
	return fmt.Errorf("%d:%d: %w: "+format, append([]any{at.Line, at.Col, ErrCSS}, args...)...)
}

// item is one statement of a stylesheet, or a rule nested in a block.
type item struct {
	raw     string // the statement's text, verbatim
	prelude string // at-keyword and prelude, or the selector list
	block   string // the text between the braces; "" for a statement at-rule
	at      bool   // an at-rule (@media, @font-face, @import, ...)
	start   pos    // where raw starts
	inner   pos    // where block starts
}

// scanSheet splits CSS text that starts at p into its top-level
// statements. Comments, CDO and CDC between statements are dropped. CSS
// that a browser would read past with a parse error (an unclosed string,
// comment or block, a stray '}', a selector list with no block) is an
// error here, so that the author hears of it.
func scanSheet(text string, p pos) ([]item, error) {
	toks := css.Tokenize(text)
	if err := lexError(text, toks, p); err != nil {
		return nil, err
	}
	var items []item
	cur := css.NewCursor(text, p)
	for _, r := range css.Rules(toks) {
		head := strings.TrimSpace(strings.TrimSuffix(text[r.Off:r.End], ";"))
		switch {
		case r.Open < 0 && !r.Closed:
			return nil, errorf(p, text, r.Off, "%q at the end has no { block", head)
		case r.Open < 0 && !r.At:
			return nil, errorf(p, text, r.Off, "%q ends with ; where a rule needs a { block", head)
		}
		items = append(items, itemOf(text, r, cur))
	}
	return items, nil
}

// lexError reports the first unclosed string or comment, else the
// innermost unclosed block, else the first '}' that closes nothing.
func lexError(text string, toks []css.Token, p pos) error {
	for _, t := range toks {
		switch {
		case t.Kind == css.BadString:
			return errorf(p, text, t.Off, "string is not closed on its line")
		case t.Kind == css.String && t.Unclosed():
			return errorf(p, text, t.Off, "string is never closed")
		case t.Kind == css.Comment && t.Unclosed():
			return errorf(p, text, t.Off, "comment is never closed")
		}
	}
	if i := css.Unclosed(toks); i >= 0 {
		return errorf(p, text, toks[i].Off, "%s is never closed", toks[i].Text)
	}
	for i := 0; i < len(toks); i, _ = css.Skip(toks, i) {
		if toks[i].Kind == css.RightBrace {
			return errorf(p, text, toks[i].Off, "} with no { before it")
		}
	}
	return nil
}

// itemOf returns the statement of r, a rule of text, placed by cur.
func itemOf(text string, r css.Rule, cur *css.Cursor) item {
	it := item{raw: text[r.Off:r.End], at: r.At, start: cur.At(r.Off)}
	if r.Open < 0 {
		it.prelude = strings.TrimSpace(strings.TrimSuffix(it.raw, ";"))
		return it
	}
	it.prelude = strings.TrimSpace(text[r.Off:r.Open])
	it.block = text[r.Open+1 : r.End-1]
	it.inner = cur.At(r.Open + 1)
	return it
}
