package render

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/tailor-email/tailor/inline"
	"github.com/tailor-email/tailor/internal/source"
	"github.com/tailor-email/tailor/templates"
	"github.com/tailor-email/tailor/workspace"
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
// element right before </head>, where the inliner finds them. layout is
// the layout's file, where a missing </head> is reported.
func withStyles(pieces []templates.Piece, css, layout string) ([]templates.Piece, error) {
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
	return nil, source.Errorf(layout, 1, 1, "the layout has no </head>: styles/*.css needs a head to go in")
}

// compileStyles checks each stylesheet on its own, so that an error in
// it names its place, and concatenates them in order.
func compileStyles(sheets []workspace.Stylesheet) (string, error) {
	var b strings.Builder
	var errs []error
	for _, s := range sheets {
		if err := checkStylesheet(s.File, s.CSS); err != nil {
			errs = append(errs, err)
			continue
		}
		fmt.Fprintf(&b, "/* %s */\n%s\n", s.File, s.CSS)
	}
	return b.String(), errors.Join(errs...)
}

// cssError is the place and message of inline's error about a stylesheet.
var cssError = regexp.MustCompile(`^[^:]*:(\d+):(\d+): (.*)$`)

// checkStylesheet reports what would break a stylesheet once it is put in
// a <style> element: an end tag, a template action, malformed CSS.
func checkStylesheet(file, css string) error {
	lower := strings.ToLower(css)
	for _, bad := range []struct{ text, msg string }{
		{"</style", "a stylesheet cannot contain </style"},
		{"{{", "template actions are not allowed in stylesheets: use a class and a conditional block"},
	} {
		if i := strings.Index(lower, bad.text); i >= 0 {
			line, col := source.LineCol(css, i)
			return source.Errorf(file, line, col, "%s", bad.msg)
		}
	}
	_, err := inline.Document("<html><head></head><body></body></html>", inline.WithCSS(file, css))
	if err == nil {
		return nil
	}
	if m := cssError.FindStringSubmatch(strings.TrimPrefix(err.Error(), file)); m != nil {
		line, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		return &source.Error{File: file, Line: line, Col: col, Msg: m[3], Err: err}
	}
	return &source.Error{File: file, Line: 1, Col: 1, Msg: strings.TrimPrefix(err.Error(), file+": "), Err: err}
}
