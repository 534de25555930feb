package render

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/tailor-email/tailor/templates"
)

// preheaderDiv hides the preheader in the body but lets inboxes show it
// as preview text; the zero-width filler keeps body text out of the preview.
const preheaderOpen = `<div style="display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;mso-hide:all">`

var preheaderFill = strings.Repeat("&#847;&zwnj;&nbsp;", 20) + `</div>`

// withPreheader returns the email's pieces with the hidden preheader
// inserted right after the <body> start tag. An email without a preheader,
// or whose document has no <body> tag, is returned as it is.
func withPreheader(e *templates.Email) ([]templates.Piece, error) {
	if strings.TrimSpace(e.Preheader.Src) == "" {
		return e.Pieces, nil
	}
	for i, p := range e.Pieces {
		if p.Action {
			continue
		}
		lower := strings.ToLower(p.Text)
		b := strings.Index(lower, "<body")
		if b < 0 {
			continue
		}
		end := strings.IndexByte(p.Text[b:], '>')
		if end < 0 {
			return nil, posError(p.Pos, "put no template action inside the <body> tag: the preheader goes right after it")
		}
		cut := b + end + 1
		out := make([]templates.Piece, 0, len(e.Pieces)+4)
		out = append(out, e.Pieces[:i]...)
		out = append(out,
			templates.Piece{Text: p.Text[:cut], Pos: p.Pos},
			templates.Piece{Text: preheaderOpen, Pos: e.Preheader.Pos},
			templates.Piece{Text: "{{ .Preheader }}", Action: true, Pos: e.Preheader.Pos},
			templates.Piece{Text: preheaderFill, Pos: e.Preheader.Pos},
			templates.Piece{Text: p.Text[cut:], Pos: p.Pos},
		)
		return append(out, e.Pieces[i+1:]...), nil
	}
	return e.Pieces, nil
}

// withStyles returns pieces with the workspace's stylesheets in a <style>
// element right before </head>, where the inliner finds them.
func withStyles(pieces []templates.Piece, css string) ([]templates.Piece, error) {
	if css == "" {
		return pieces, nil
	}
	for i, p := range pieces {
		if p.Action {
			continue
		}
		at := strings.Index(strings.ToLower(p.Text), "</head>")
		if at < 0 {
			continue
		}
		out := make([]templates.Piece, 0, len(pieces)+2)
		out = append(out, pieces[:i]...)
		out = append(out,
			templates.Piece{Text: p.Text[:at], Pos: p.Pos},
			templates.Piece{Text: "<style>\n" + css + "</style>\n", Pos: p.Pos},
			templates.Piece{Text: p.Text[at:], Pos: p.Pos})
		return append(out, pieces[i+1:]...), nil
	}
	return nil, posError(pieces[0].Pos, "the layout has no </head>: styles/*.css needs a head to go in")
}

// loadStyles concatenates styles/*.css in name order.
func loadStyles(fsys fs.FS) (string, error) {
	files, _ := fs.Glob(fsys, "styles/*.css")
	var b strings.Builder
	for _, f := range files {
		css, err := fs.ReadFile(fsys, f)
		if err != nil {
			return "", fmt.Errorf("workspace: %w", err)
		}
		fmt.Fprintf(&b, "/* %s */\n%s\n", f, css)
	}
	return b.String(), nil
}
