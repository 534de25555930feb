package check

import (
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/tailor-email/tailor/internal/source"
	"github.com/tailor-email/tailor/templates"
)

// masked is the byte that stands in for every byte of a template action in
// a masked source: it never appears in HTML, so an attribute value or a
// comment holding masked bytes came (partly) from data.
const masked = '\x01'

// sourceFile is one workspace file as the author wrote it, with its
// template actions and YAML front matter blanked out so that HTML and CSS
// scanners see only literal markup, at the original byte offsets.
type sourceFile struct {
	name string
	raw  string // the file as written
	body string // front matter blanked to spaces (newlines kept)
	mask string // body with every action replaced by masked bytes
	// markup is mask with the insides of HTML comments blanked: what a
	// rendered finding can point at (the linter does not look inside
	// comments, Outlook conditional ones included).
	markup string
	lines  *source.Lines // of raw
}

// newSourceFile blanks the front matter of raw and masks its actions.
func newSourceFile(name, raw string) *sourceFile {
	s := &sourceFile{name: name, raw: raw, body: blankFrontMatter(raw), lines: source.NewLines(raw)}
	s.mask, s.markup = s.body, s.body
	if path.Ext(name) == ".css" {
		return s
	}
	pieces, err := templates.Split(s.body, source.Pos{File: name, Line: 1, Col: 1})
	if err != nil {
		return s // the engine reports the syntax error at load time
	}
	var b strings.Builder
	for _, p := range pieces {
		if !p.Action {
			b.WriteString(p.Text)
			continue
		}
		for _, c := range []byte(p.Text) {
			if c == '\n' {
				b.WriteByte('\n')
			} else {
				b.WriteByte(masked)
			}
		}
	}
	if b.Len() == len(s.body) {
		s.mask = b.String()
	}
	s.markup = blankComments(s.mask)
	return s
}

// blankComments replaces the inside of every <!-- ... --> with spaces,
// keeping newlines and offsets.
func blankComments(src string) string {
	b := []byte(src)
	for from := 0; ; {
		i := strings.Index(src[from:], "<!--")
		if i < 0 {
			return string(b)
		}
		start := from + i + 4
		end := strings.Index(src[start:], "-->")
		if end < 0 {
			end = len(src) - start
		}
		for j := start; j < start+end; j++ {
			if b[j] != '\n' {
				b[j] = ' '
			}
		}
		from = start + end
	}
}

// blankFrontMatter replaces a leading "---" YAML block with spaces, keeping
// its newlines so that offsets and line numbers stay those of the file.
func blankFrontMatter(src string) string {
	if !strings.HasPrefix(src, "---\n") && !strings.HasPrefix(src, "---\r\n") {
		return src
	}
	end := strings.Index(src[3:], "\n---")
	if end < 0 {
		return src
	}
	end += 3 + len("\n---")
	if nl := strings.IndexByte(src[end:], '\n'); nl >= 0 {
		end += nl
	} else {
		end = len(src)
	}
	b := []byte(src)
	for i := 0; i < end; i++ {
		if b[i] != '\n' && b[i] != '\r' {
			b[i] = ' '
		}
	}
	return string(b)
}

// lineCol converts a byte offset to a 1-based line and rune column.
func (s *sourceFile) lineCol(off int) (line, col int) { return s.lines.LineCol(off) }

// finding returns a finding placed at off in the file.
func (s *sourceFile) finding(rule string, sev Severity, off int, msg string) Finding {
	f := Finding{Rule: rule, Severity: sev, File: s.name, Message: msg}
	f.Line, f.Col = s.lineCol(off)
	return f
}

// sourceSet is every template, module and stylesheet of a workspace.
type sourceSet struct {
	files map[string]*sourceFile
	names []string // sorted
}

// sourcePatterns are the workspace files the checks read.
var sourcePatterns = []string{
	"templates/*.html", "templates/layouts/*.html", "templates/partials/*.html",
	"modules/*/*.html", "modules/*/*.md", "styles/*.css",
}

// loadSources reads the workspace's source files; unreadable files are
// skipped (the engine has already loaded them once).
func loadSources(fsys fs.FS) *sourceSet {
	set := &sourceSet{files: map[string]*sourceFile{}}
	for _, pat := range sourcePatterns {
		matches, _ := fs.Glob(fsys, pat)
		for _, name := range matches {
			b, err := fs.ReadFile(fsys, name)
			if err != nil {
				continue
			}
			set.files[name] = newSourceFile(name, string(b))
			set.names = append(set.names, name)
		}
	}
	sort.Strings(set.names)
	return set
}

// each calls fn on every source file whose name matches one of the
// prefixes (all files when none are given), in name order.
func (set *sourceSet) each(fn func(*sourceFile), prefixes ...string) {
	for _, name := range set.names {
		if len(prefixes) == 0 || hasAnyPrefix(name, prefixes) {
			fn(set.files[name])
		}
	}
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
