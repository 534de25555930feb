package mutate

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
)

// Source makes the choices of a mutation.
type Source interface {
	// Intn returns a number in [0, n); n > 0.
	Intn(n int) int
}

// Rand is a Source from math/rand.
type Rand struct{ R *rand.Rand }

// Intn returns r.R.IntN(n).
func (r Rand) Intn(n int) int { return r.R.IntN(n) }

// Bytes is a Source that reads its choices from a fuzzer's bytes, then
// gives zeros.
type Bytes struct{ b []byte }

// NewBytes returns a Source reading b.
func NewBytes(b []byte) *Bytes { return &Bytes{b} }

// Intn reads one byte, or two when n is over 256.
func (s *Bytes) Intn(n int) int {
	v := s.byte()
	if n > 256 {
		v = v<<8 | s.byte()
	}
	return v % n
}

func (s *Bytes) byte() int {
	if len(s.b) == 0 {
		return 0
	}
	v := int(s.b[0])
	s.b = s.b[1:]
	return v
}

// Kind is a way of breaking a file.
type Kind int

// The kinds of mutation.
const (
	Empty    Kind = iota // the file is emptied, as an editor does before it writes
	Truncate             // cut at a random byte
	Garbage              // random bytes replace a random part
	Huge                 // past a size bound, or big and deep
	Aliases              // YAML anchors and aliases, up to a billion laughs
	Delete               // the file is removed
	Splice               // a fragment that means something to a parser is put in
	Create               // a new file appears
	Restore              // the original content comes back
	numKinds
)

var kindNames = [...]string{"empty", "truncate", "garbage", "huge", "aliases", "delete", "splice", "create", "restore"}

// String names the kind.
func (k Kind) String() string {
	if k < 0 || k >= numKinds {
		return fmt.Sprintf("Kind(%d)", int(k))
	}
	return kindNames[k]
}

// Mutation is one change to one file.
type Mutation struct {
	File string
	Kind Kind
	Data []byte // the file's new content; nil removes the file
}

// String describes the mutation without its content.
func (m Mutation) String() string {
	if m.Data == nil {
		return fmt.Sprintf("%s %s", m.Kind, m.File)
	}
	return fmt.Sprintf("%s %s (%d bytes)", m.Kind, m.File, len(m.Data))
}

// Workspace is the current content of a workspace's files and their
// originals.
type Workspace struct {
	Files map[string][]byte // name -> content; a removed file is absent
	orig  map[string][]byte
	names []string // every name ever seen, sorted: the files to mutate
}

// New returns a Workspace whose originals are files (copied).
func New(files map[string][]byte) *Workspace {
	w := &Workspace{Files: map[string][]byte{}, orig: map[string][]byte{}}
	for name, b := range files {
		w.Files[name] = b
		w.orig[name] = b
		w.names = append(w.names, name)
	}
	sort.Strings(w.names)
	return w
}

// Next picks a file and a kind from src, applies the mutation to w.Files
// and returns it.
func (w *Workspace) Next(src Source) Mutation {
	kind := Kind(src.Intn(int(numKinds)))
	name := w.names[src.Intn(len(w.names))]
	if kind == Create {
		name = newFiles[src.Intn(len(newFiles))]
	}
	m := Mutation{File: name, Kind: kind, Data: w.data(src, kind, name)}
	if m.Data == nil {
		delete(w.Files, name)
	} else {
		w.Files[name] = m.Data
	}
	if _, seen := w.orig[name]; !seen {
		w.orig[name] = nil
		w.names = append(w.names, name)
		sort.Strings(w.names)
	}
	return m
}

// Restore returns the mutations that put every file back as it was, and
// remove the files Next created, and applies them to w.Files.
func (w *Workspace) Restore() []Mutation {
	var out []Mutation
	for _, name := range w.names {
		m := Mutation{File: name, Kind: Restore, Data: w.orig[name]}
		if m.Data == nil {
			delete(w.Files, name)
		} else {
			w.Files[name] = m.Data
		}
		out = append(out, m)
	}
	return out
}

// data returns the new content of file name, or nil to remove it.
func (w *Workspace) data(src Source, kind Kind, name string) []byte {
	cur := w.Files[name]
	switch kind {
	case Empty:
		return []byte{}
	case Truncate:
		return cur[:src.Intn(len(cur)+1)]
	case Garbage:
		return garbage(src, cur)
	case Huge:
		return huge(src, cur)
	case Aliases:
		return aliases(src, cur)
	case Delete:
		return nil
	case Splice:
		return splice(src, cur)
	case Create:
		return []byte(fragments[src.Intn(len(fragments))] + "\n<p>new</p>\n")
	}
	return w.orig[name] // Restore; nil for a created file
}

// newFiles are the files Create makes.
var newFiles = []string{
	"modules/hero/new.md", "modules/sidebar/new.html", "templates/new.html",
	"templates/partials/new.html", "templates/layouts/other.html", "styles/new.css",
	"testdata/recipients/new.json",
}

// garbage replaces up to 64 bytes at a random place with random bytes.
func garbage(src Source, cur []byte) []byte {
	at := src.Intn(len(cur) + 1)
	end := min(len(cur), at+src.Intn(65))
	junk := make([]byte, 1+src.Intn(64))
	for i := range junk {
		junk[i] = byte(src.Intn(256))
	}
	return join(cur[:at], junk, cur[end:])
}

// splice puts a fragment at a random place.
func splice(src Source, cur []byte) []byte {
	at := src.Intn(len(cur) + 1)
	return join(cur[:at], []byte(fragments[src.Intn(len(fragments))]), cur[at:])
}

// fragments mean something to one of the parsers a workspace goes
// through: front matter fences, YAML, template actions, HTML, CSS.
var fragments = []string{
	"---\n", "---\n---\n", "---\nsegments: [vip]\n---\n", "\n---\n", "{{", "}}", "{{ end }}",
	"{{ if .Profile.x }}", `{{ template "content" . }}`, `{{ template "header" . }}`, "{{ .Slots.hero }}",
	"{{ .Slots.sidebar }}", "</head>", "<head>", "<body>", "</body>", "<style>", "</style>", "<table><tr>",
	"<!--[if mso]>", "<![endif]-->", "<!--", "-->", "{", "}", "@media (max-width: 600px) {", "/*",
	": &a [x]\n", "*a", "<<: *a\n", "\t", "\r\n", "\ufeff", "\x00", "\xff\xfe",
	"priority: 1e999\n", "when: 'x'\n", "layout: nope\n", "[[[[[[[[", "- - - - - -",
}

// huge makes a file past a bound, or one that is big and deep but within
// them, where parsers that do not bound themselves would spend without end.
func huge(src Source, cur []byte) []byte {
	switch src.Intn(5) {
	case 0: // front matter over the 1 MiB default
		return join([]byte("---\ntitle: \""), []byte(strings.Repeat("x", 1<<20+1)), []byte("\"\n---\n"), cur)
	case 1: // a file over the 4 MiB bound
		return join(cur, []byte(strings.Repeat("<p>x</p>\n", 4<<20/9+1)))
	case 2: // YAML nested deeper than any bound
		n := 1000 << src.Intn(8)
		return join([]byte("---\ntags: "+strings.Repeat("[", n)+strings.Repeat("]", n)+"\n---\n"), cur)
	case 3: // block YAML nested deep
		return join([]byte("---\ntags:\n"+strings.Repeat("- ", 200<<src.Intn(8))+"x\n---\n"), cur)
	}
	// a long body, within the bounds
	return join(cur, []byte(strings.Repeat("<p>{{ .Profile.first_name }} text</p>\n", 1000<<src.Intn(3))))
}

// aliases puts a "billion laughs" in front of the file's YAML: levels of
// anchors, each a list of aliases to the one before, used by a known key.
func aliases(src Source, cur []byte) []byte {
	levels, width := 1+src.Intn(12), 1+src.Intn(12)
	var b strings.Builder
	b.WriteString("l0: &l0 [lol]\n")
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&b, "l%d: &l%d [", i, i)
		for j := range width {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*l%d", i-1)
		}
		b.WriteString("]\n")
	}
	fmt.Fprintf(&b, "tags: *l%d\n", levels)
	if rest, ok := strings.CutPrefix(string(cur), "---\n"); ok {
		return []byte("---\n" + b.String() + rest)
	}
	return join([]byte(b.String()), cur)
}

func join(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	if out == nil {
		out = []byte{}
	}
	return out
}
