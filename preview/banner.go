package preview

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
)

// notice is one message of the banner at the top of a page: an error, a
// warning or a result, with the source line it is about when it names one.
type notice struct {
	ID      string // the element's id, on the first notice of each sort
	Kind    string // "error", "warn" or "ok"
	Title   string
	Text    string
	Snippet []srcLine
}

// srcLine is one numbered line of a snippet; Bad marks the offending one.
type srcLine struct {
	N    int    `json:"n"`
	Text string `json:"text"`
	Bad  bool   `json:"bad,omitempty"`
	Col  int    `json:"col,omitempty"` // on the bad line, 1-based; 0 unknown
}

// placeRE finds file:line[:col] at the start of a message (or of one of
// its lines, after a "label: " prefix such as "render newsletter: ").
var placeRE = regexp.MustCompile(`(?m)(?:^|\s)([\w./-]+\.[A-Za-z]+|profile|store):(\d+)(?::(\d+))?:`)

// placeOf returns the first file:line[:col] a message names.
func placeOf(msg string) (file string, line, col int, ok bool) {
	m := placeRE.FindStringSubmatch(msg)
	if m == nil {
		return "", 0, 0, false
	}
	line, _ = strconv.Atoi(m[2])
	col, _ = strconv.Atoi(m[3])
	return m[1], line, col, line > 0
}

// snippet returns src's line, with one line of context each side.
func snippet(src string, line, col int) []srcLine {
	lines := strings.Split(src, "\n")
	if line < 1 || line > len(lines) {
		return nil
	}
	var out []srcLine
	for n := max(1, line-1); n <= min(len(lines), line+1); n++ {
		text := strings.TrimRight(lines[n-1], "\r")
		if len(text) > 240 {
			text = text[:240] + "…"
		}
		l := srcLine{N: n, Text: text, Bad: n == line}
		if l.Bad {
			l.Col = col
		}
		out = append(out, l)
	}
	return out
}

// maxSnippetFile bounds the file a snippet is read from.
const maxSnippetFile = 4 << 20

// fileSnippet is the snippet of the workspace file a message names at its
// start; nil when it names none or the file cannot be read. fsys is the
// workspace (an os.Root underneath), and only a valid relative path is
// opened.
func fileSnippet(fsys fs.FS, msg string) []srcLine {
	file, line, col, ok := placeOf(msg)
	if !ok || fsys == nil || !fs.ValidPath(file) {
		return nil
	}
	f, err := fsys.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxSnippetFile))
	if err != nil {
		return nil
	}
	return snippet(string(b), line, col)
}

// jsonSyntax reports a JSON syntax error in src at its profile:line:col,
// nil when src is well-formed.
func jsonSyntax(src string) error {
	var v json.RawMessage
	err := json.Unmarshal([]byte(src), &v)
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return nil
	}
	off := min(int(se.Offset), len(src))
	if off > 0 && se.Offset <= int64(len(src)) {
		off-- // the offset is after the offending byte
	}
	line := 1 + strings.Count(src[:off], "\n")
	col := off - strings.LastIndex(src[:off], "\n")
	return fmt.Errorf("profile:%d:%d: malformed JSON: %w", line, col, se)
}

// recipientBanner gathers what the recipient page reports: the result of
// an action, a refused edit with its line, a failed render, the rules that
// could not evaluate and the profile's data errors, each with its line.
func (s *Server) recipientBanner(t target, v *recipientView) []notice {
	var out []notice
	if v.Notice != "" {
		out = append(out, notice{ID: "notice", Kind: "ok", Title: "Done", Text: v.Notice})
	}
	if v.NoticeErr != "" {
		out = append(out, notice{ID: "send-error", Kind: "error", Title: "Not sent", Text: v.NoticeErr})
	}
	if v.EditErr != "" {
		n := notice{ID: "edit-error", Kind: "error", Title: "The profile was not applied", Text: v.EditErr}
		if _, line, col, ok := placeOf(v.EditErr); ok && strings.HasPrefix(v.EditErr, "profile:") {
			n.Snippet = snippet(v.ProfileJSON, line, col)
		}
		out = append(out, n)
	}
	if v.Suppressed {
		out = append(out, notice{ID: "suppressed", Kind: "warn", Title: "Suppressed: this recipient is not mailed",
			Text: t.fix.ID + " is on the audience store's suppression list (of this campaign's list or of every list): tailor render and serve skip them. The preview still shows the email."})
	}
	ws := s.ws.FS()
	if v.RenderErr != "" {
		out = append(out, notice{ID: "render-error", Kind: "error", Title: "This email does not render for " + t.fix.ID, Text: v.RenderErr, Snippet: fileSnippet(ws, v.RenderErr)})
	}
	if v.Msg == nil {
		return out
	}
	for i, e := range v.Msg.RuleErrors {
		out = append(out, notice{ID: firstID(i, "rule-errors"), Kind: "warn", Title: "A segment rule could not be evaluated: it counted as not matching",
			Text: e, Snippet: fileSnippet(ws, e)})
	}
	for i, e := range v.Msg.DataErrors {
		n := notice{ID: firstID(i, "data-errors"), Kind: "warn", Title: "A value does not fit the schema: rendered without it", Text: e}
		if _, line, col, ok := placeOf(e); ok && t.draft != "" {
			n.Snippet = snippet(v.ProfileJSON, line, col)
		} else if ok && t.fix.Stored {
			n.Snippet = snippet(t.fix.Raw, line, col)
		} else {
			n.Snippet = fileSnippet(s.opts.FS, e)
		}
		out = append(out, n)
	}
	return out
}

// firstID is id for the first of a list, "" for the others.
func firstID(i int, id string) string {
	if i == 0 {
		return id
	}
	return ""
}
