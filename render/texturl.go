package render

import (
	"fmt"
	"regexp"
	"strconv"
	texttemplate "text/template"
	"text/template/parse"

	"github.com/tailor-email/tailor/inline"
	"github.com/tailor-email/tailor/internal/tmpltree"
	"github.com/tailor-email/tailor/render/internal/escape"
)

// urlStart matches an action's mask at the start of a link's or an
// image's URL in the masked document: the place html/template filters
// the URL's scheme.
var urlStart = regexp.MustCompile(`(?i)\s(?:href|src)\s*=\s*["']?\s*tlr(\d+)x`)

// dropUnsafeURLs makes each action of the text part that prints the start
// of a link's URL print nothing for a URL the HTML part neutralizes (a
// javascript: URL becomes #ZgotmplZ there): the text part shows links in
// full, so it must not carry one either. html is the masked document the
// text was made from; spans place the text template's actions.
func dropUnsafeURLs(t *texttemplate.Template, html string, spans []inline.Span) {
	urls := map[int]bool{}
	for _, m := range urlStart.FindAllStringSubmatch(html, -1) {
		n, _ := strconv.Atoi(m[1])
		urls[n] = true
	}
	if len(urls) == 0 || t.Tree == nil {
		return
	}
	t.Funcs(texttemplate.FuncMap{"tailorURL": textURL})
	tmpltree.Actions(t.Tree, func(_ *parse.ListNode, _ int, a *parse.ActionNode) {
		if len(a.Pipe.Decl) != 0 || !urls[pieceAt(spans, int(a.Pos))] {
			return
		}
		id := parse.NewIdentifier("tailorURL").SetTree(t.Tree).SetPos(a.Pos)
		a.Pipe.Cmds = append(a.Pipe.Cmds, &parse.CommandNode{NodeType: parse.NodeCommand, Pos: a.Pos, Args: []parse.Node{id}})
	})
}

// pieceAt returns the piece whose action spans offset pos, or -1.
func pieceAt(spans []inline.Span, pos int) int {
	for _, s := range spans {
		if s.Start <= pos && pos < s.End {
			return s.Piece
		}
	}
	return -1
}

var urlFilter = escape.LookupString("_html_template_urlfilter")

// textURL prints a URL in the text part as it is, or nothing when the HTML
// part's URL filter would refuse it.
func textURL(v any) string {
	var s string
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		s = x
	default:
		s = fmt.Sprint(x)
	}
	if urlFilter(s) != s {
		return ""
	}
	return s
}
