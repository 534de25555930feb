package modules

import (
	"errors"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/tailor-email/tailor/internal/source"
	"github.com/tailor-email/tailor/segment"
	"github.com/tailor-email/tailor/templates"
)

// Module is one piece of content that can fill a slot.
type Module struct {
	ID         string // "<slot>/<file name without extension>", e.g. "hero/winback"
	File       string
	Slot       string
	Segments   []string           // any of these segments qualifies; empty means no segment test
	When       *segment.Condition // an extra condition; nil means none
	Priority   int                // higher wins among matching modules
	Experiment string             // with Variant: shown only to that variant
	Variant    string
	Locale     string // a language ("de") or tag ("de-AT"); empty matches every locale
	Tags       []string
	Starts     time.Time // zero means no start
	Ends       time.Time // zero means no end
	Pieces     []templates.Piece
	AMP        []templates.Piece // the AMP variant (<name>.amp.html), if any

	pos map[string]source.Pos // where each front matter key sits
}

type front struct {
	Slot       string   `yaml:"slot"`
	Segments   []string `yaml:"segments"`
	When       string   `yaml:"when"`
	Priority   int      `yaml:"priority"`
	Experiment string   `yaml:"experiment"`
	Variant    string   `yaml:"variant"`
	Locale     string   `yaml:"locale"`
	Tags       []string `yaml:"tags"`
	Starts     string   `yaml:"starts"`
	Ends       string   `yaml:"ends"`
	Title      string   `yaml:"title"`
}

// Fallback reports whether the module has no condition at all, so it can
// serve any recipient.
func (m *Module) Fallback() bool {
	return len(m.Segments) == 0 && m.When == nil && m.Experiment == "" && m.Locale == "" &&
		m.Starts.IsZero() && m.Ends.IsZero()
}

// Pos returns where a front matter key of the module is written.
func (m *Module) Pos(key string) source.Pos {
	if p, ok := m.pos[key]; ok {
		return p
	}
	return source.Pos{File: m.File, Line: 1, Col: 1}
}

// Load reads every modules/<slot>/*.md and *.html file of fsys. Each
// must start with front matter, at most maxFrontMatter bytes of it (zero:
// source.DefaultMaxFrontMatter).
func Load(fsys fs.FS, funcs map[string]any, maxFrontMatter int) (*Library, error) {
	files := source.Files{FS: fsys, MaxFrontMatter: maxFrontMatter}
	names, err := files.Glob("modules/*/*")
	if err != nil {
		return nil, err
	}
	lib := &Library{slots: map[string][]*Module{}}
	amp := map[string]string{}
	var errs []error
	for _, f := range names {
		switch {
		case strings.HasSuffix(f, ".amp.html"):
			amp[strings.TrimSuffix(f, ".amp.html")] = f
		case strings.HasSuffix(f, ".md"), strings.HasSuffix(f, ".html"):
			m, err := loadModule(files, f, funcs)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			lib.add(m)
		}
	}
	for _, stem := range slices.Sorted(maps.Keys(amp)) {
		errs = append(errs, lib.attachAMP(files, stem, amp[stem], funcs))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	lib.sort()
	return lib, nil
}

func loadModule(files source.Files, file string, funcs map[string]any) (*Module, error) {
	doc, err := files.ReadDoc(file)
	if err != nil {
		return nil, err
	}
	if !doc.HasFrontMatter() {
		return nil, source.Errorf(file, 1, 1, "a module starts with front matter: a --- line, its conditions, a --- line (none, for the slot's fallback)")
	}
	var fm front
	if err := doc.Decode(&fm); err != nil {
		return nil, err
	}
	folder := path.Base(path.Dir(file))
	m := &Module{
		ID: folder + "/" + strings.TrimSuffix(path.Base(file), path.Ext(file)), File: file,
		Slot: fm.Slot, Segments: fm.Segments, Priority: fm.Priority, Experiment: fm.Experiment,
		Variant: fm.Variant, Locale: fm.Locale, Tags: fm.Tags, pos: map[string]source.Pos{},
	}
	for _, k := range []string{"slot", "segments", "when", "experiment", "variant", "starts", "ends"} {
		line, col := doc.KeyPos(k)
		m.pos[k] = source.Pos{File: file, Line: line, Col: col}
	}
	if m.Slot == "" {
		m.Slot = folder
	}
	if (m.Experiment == "") != (m.Variant == "") {
		return nil, m.Pos("experiment").At("experiment and variant go together")
	}
	if err := m.parseDates(fm); err != nil {
		return nil, err
	}
	if fm.When != "" {
		if m.When, err = segment.CompileCondition(fm.When); err != nil {
			return nil, conditionError(m.Pos("when"), err)
		}
	}
	m.Pieces, err = bodyPieces(doc, funcs)
	return m, err
}

func (m *Module) parseDates(fm front) error {
	for _, d := range []struct {
		key, val string
		into     *time.Time
	}{{"starts", fm.Starts, &m.Starts}, {"ends", fm.Ends, &m.Ends}} {
		if d.val == "" {
			continue
		}
		t, err := segment.ToTime(d.val)
		if err != nil {
			return m.Pos(d.key).At("%s: want RFC 3339 or YYYY-MM-DD: %v", d.key, err)
		}
		*d.into = t
	}
	if !m.Starts.IsZero() && !m.Ends.IsZero() && !m.Ends.After(m.Starts) {
		return m.Pos("ends").At("ends (%s) is not after starts (%s)", fm.Ends, fm.Starts)
	}
	return nil
}

// conditionError places an expression error at its column in the when: value.
func conditionError(at source.Pos, err error) error {
	var ee *segment.ExprError
	if errors.As(err, &ee) {
		return &source.Error{File: at.File, Line: at.Line + ee.Line - 1, Col: at.Col + ee.Col - 1, Msg: ee.Msg, Err: err}
	}
	return &source.Error{File: at.File, Line: at.Line, Col: at.Col, Msg: err.Error(), Err: err}
}

func bodyPieces(doc source.Doc, funcs map[string]any) ([]templates.Piece, error) {
	if len(doc.Body) > templates.MaxDocumentBytes {
		return nil, source.Errorf(doc.File, doc.BodyLine, 1, "the module's body is %d bytes, over the limit of %d", len(doc.Body), templates.MaxDocumentBytes)
	}
	if err := templates.CheckSyntax(doc.File, doc.Body, doc.BodyLine, funcs); err != nil {
		return nil, err
	}
	pieces, err := templates.Split(doc.Body, source.Pos{File: doc.File, Line: doc.BodyLine, Col: 1})
	if err != nil || !strings.HasSuffix(doc.File, ".md") || len(pieces) == 0 {
		return pieces, err
	}
	return markdownPieces(pieces)
}

func (lib *Library) attachAMP(files source.Files, stem, file string, funcs map[string]any) error {
	id := path.Base(path.Dir(stem)) + "/" + path.Base(stem)
	m := lib.byID(id)
	if m == nil {
		return source.Errorf(file, 1, 1, "AMP variant has no module beside it (want %s.md or %s.html)", stem, stem)
	}
	doc, err := files.ReadDoc(file)
	if err == nil {
		m.AMP, err = bodyPieces(doc, funcs)
	}
	return err
}
