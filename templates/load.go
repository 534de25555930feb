package templates

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/tailor-email/tailor/internal/source"
)

// Email is one email of a workspace: its front matter and its body,
// flattened into its layout with partials expanded.
type Email struct {
	Name        string // file name without extension, e.g. "newsletter"
	File        string // path in the workspace, e.g. "templates/newsletter.html"
	Subject     Text
	Preheader   Text
	SubjectTest *SubjectTest // subject lines tied to experiment variants, if any
	Layout      string
	AMP         bool
	// AMPValidate is how the AMP part is validated: AMPValidateEach for
	// every recipient's part in full, else "" (once per shape).
	AMPValidate string
	Description string
	// Pieces is the whole HTML document: the layout with the body in place of
	// {{ template "content" . }} and every partial expanded.
	Pieces []Piece
}

// Text is a one-line text/template source with the place it came from.
type Text struct {
	Src string
	Pos source.Pos
}

// SubjectTest ties subject lines to the variants of an experiment.
type SubjectTest struct {
	Experiment string
	Variants   map[string]Text
}

type emailFront struct {
	Subject     string `yaml:"subject"`
	Preheader   string `yaml:"preheader"`
	Layout      string `yaml:"layout"`
	AMP         any    `yaml:"amp"`
	Description string `yaml:"description"`
	SubjectTest *struct {
		Experiment string            `yaml:"experiment"`
		Variants   map[string]string `yaml:"variants"`
	} `yaml:"subject_test"`
}

// Set is every template of a workspace.
type Set struct {
	Emails   []*Email // sorted by name
	layouts  map[string][]Piece
	partials map[string][]Piece
}

// Load reads templates/layouts/*.html, templates/partials/*.html and
// templates/*.html from fsys, checks each file's syntax against funcs, and
// flattens every email. Each front matter is at most maxFrontMatter bytes
// (zero: source.DefaultMaxFrontMatter). All problems are returned
// together.
func Load(fsys fs.FS, funcs map[string]any, maxFrontMatter int) (*Set, error) {
	files := source.Files{FS: fsys, MaxFrontMatter: maxFrontMatter}
	s := &Set{layouts: map[string][]Piece{}, partials: map[string][]Piece{}}
	var errs []error
	for _, dir := range []struct {
		glob string
		into map[string][]Piece
	}{{"templates/layouts/*.html", s.layouts}, {"templates/partials/*.html", s.partials}} {
		errs = append(errs, s.loadPieces(files, dir.glob, dir.into, funcs))
	}
	names, err := files.Glob("templates/*.html")
	errs = append(errs, err)
	for _, f := range names {
		e, err := s.loadEmail(files, f, funcs)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		s.Emails = append(s.Emails, e)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if len(s.Emails) == 0 {
		return nil, fmt.Errorf("templates: no email found (want templates/NAME.html)")
	}
	sort.Slice(s.Emails, func(i, j int) bool { return s.Emails[i].Name < s.Emails[j].Name })
	return s, nil
}

// loadPieces reads the layouts or partials that glob matches into m.
func (s *Set) loadPieces(files source.Files, glob string, into map[string][]Piece, funcs map[string]any) error {
	names, err := files.Glob(glob)
	if err != nil {
		return err
	}
	var errs []error
	for _, f := range names {
		doc, err := files.ReadDoc(f)
		if err == nil {
			into[baseName(f)], err = parseBody(doc, funcs)
		}
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// Email returns the email with the given name.
func (s *Set) Email(name string) (*Email, bool) {
	for _, e := range s.Emails {
		if e.Name == name {
			return e, true
		}
	}
	return nil, false
}

func (s *Set) loadEmail(files source.Files, file string, funcs map[string]any) (*Email, error) {
	doc, err := files.ReadDoc(file)
	if err != nil {
		return nil, err
	}
	var fm emailFront
	if err := doc.Decode(&fm); err != nil {
		return nil, err
	}
	e := &Email{Name: baseName(file), File: file, Layout: fm.Layout, Description: fm.Description}
	if e.AMP, e.AMPValidate, err = ampOption(fm.AMP); err != nil {
		line, col := doc.KeyPos("amp")
		return nil, source.Wrap(file, line, col, err)
	}
	fmPos := source.Pos{File: file, Line: 2, Col: 1} // front matter values: reported at the block
	e.Subject = Text{Src: fm.Subject, Pos: fmPos}
	e.Preheader = Text{Src: fm.Preheader, Pos: fmPos}
	if fm.Subject == "" {
		return nil, source.Errorf(file, 1, 1, "front matter has no subject")
	}
	if t := fm.SubjectTest; t != nil {
		e.SubjectTest = &SubjectTest{Experiment: t.Experiment, Variants: map[string]Text{}}
		for v, src := range t.Variants {
			e.SubjectTest.Variants[v] = Text{Src: src, Pos: fmPos}
		}
	}
	body, err := parseBody(doc, funcs)
	if err != nil {
		return nil, err
	}
	if e.Layout == "" {
		e.Layout = s.defaultLayout()
	}
	layout, ok := s.layouts[e.Layout]
	if !ok {
		return nil, source.Errorf(file, 2, 1, "layout %q not found (want templates/layouts/%s.html; have %s)",
			e.Layout, e.Layout, strings.Join(slices.Sorted(maps.Keys(s.layouts)), ", "))
	}
	e.Pieces, err = s.flatten(layout, body, "templates/layouts/"+e.Layout+".html")
	return e, err
}

func (s *Set) defaultLayout() string {
	if len(s.layouts) == 1 {
		for name := range s.layouts {
			return name
		}
	}
	return "base"
}

// parseBody checks the body's template syntax and splits it into pieces.
// The body is parsed with blank lines in place of the front matter, so that
// html/template's line numbers are the file's.
func parseBody(doc source.Doc, funcs map[string]any) ([]Piece, error) {
	if err := CheckSyntax(doc.File, doc.Body, doc.BodyLine, funcs); err != nil {
		return nil, err
	}
	return Split(doc.Body, source.Pos{File: doc.File, Line: doc.BodyLine, Col: 1})
}

func baseName(f string) string { return strings.TrimSuffix(path.Base(f), path.Ext(f)) }

// ExperimentName returns the test's experiment name; a nil test has none.
func (t *SubjectTest) ExperimentName() string {
	if t == nil {
		return ""
	}
	return t.Experiment
}
