package modules

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/tailor-email/tailor/internal/source"
	"github.com/tailor-email/tailor/templates"
)

// md converts Markdown with GitHub's tables and strikethrough. Raw HTML in
// Markdown is not rendered (goldmark's safe default): use an .html module.
var md = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))

// markdownPieces converts a Markdown body to HTML pieces. Template actions
// are swapped for opaque words before conversion and swapped back after,
// keeping their original positions; an action alone in a paragraph stands
// alone in the HTML too.
func markdownPieces(body []templates.Piece) ([]templates.Piece, error) {
	var src strings.Builder
	var actions []templates.Piece
	for _, p := range body {
		if p.Action {
			fmt.Fprintf(&src, "tlrmd%dx", len(actions))
			actions = append(actions, p)
			continue
		}
		src.WriteString(p.Text)
	}
	var buf bytes.Buffer
	if err := md.Convert([]byte(src.String()), &buf); err != nil {
		return nil, fmt.Errorf("markdown: %w", err)
	}
	out := buf.String()
	for i := range actions {
		tok := "tlrmd" + strconv.Itoa(i) + "x"
		out = strings.Replace(out, "<p>"+tok+"</p>\n", tok, 1)
	}
	return restoreTokens(out, actions, body[0].Pos)
}

// restoreTokens splits html at each tlrmdNx token and puts action N there.
func restoreTokens(html string, actions []templates.Piece, pos source.Pos) ([]templates.Piece, error) {
	var out []templates.Piece
	seen := make([]bool, len(actions))
	for {
		i := strings.Index(html, "tlrmd")
		if i < 0 {
			break
		}
		j := i + 5
		for j < len(html) && html[j] >= '0' && html[j] <= '9' {
			j++
		}
		n, err := strconv.Atoi(html[i+5 : j])
		if err != nil || j >= len(html) || html[j] != 'x' || n >= len(actions) {
			out = append(out, templates.Piece{Text: html[:i+5], Pos: pos})
			html = html[i+5:]
			continue
		}
		if i > 0 {
			out = append(out, templates.Piece{Text: html[:i], Pos: pos})
		}
		out = append(out, actions[n])
		seen[n] = true
		html = html[j+1:]
	}
	if html != "" {
		out = append(out, templates.Piece{Text: html, Pos: pos})
	}
	for i, ok := range seen {
		if !ok {
			a := actions[i]
			return nil, fmt.Errorf("%s: Markdown dropped this action (inside a code span or raw HTML?)", a.Pos)
		}
	}
	return out, nil
}
