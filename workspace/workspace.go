package workspace

import (
	"errors"
	"io/fs"

	"github.com/tailor-email/tailor/internal/source"
	"github.com/tailor-email/tailor/modules"
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/schema"
	"github.com/tailor-email/tailor/segment"
	"github.com/tailor-email/tailor/templates"
)

// Workspace is every file of a workspace that a campaign is made of, read
// and checked, as plain data. Nothing in it is compiled for rendering:
// render.Compile does that.
type Workspace struct {
	// FS holds the files Load read (an os.Root's for a folder, see Open);
	// what reads more of the workspace later, such as the data files of
	// Config.Sources or the fixtures, reads them here.
	FS        fs.FS
	Config    *Config
	Rules     *segment.Rules   // segments.yaml; no rules when there is none
	Schema    *schema.Schema   // schema.yaml; nil when there is none
	Templates *templates.Set   // templates/: layouts, partials and emails
	Modules   *modules.Library // modules/<slot>/*
	Styles    []Stylesheet     // styles/*.css, in name order
}

// Stylesheet is one file of styles/.
type Stylesheet struct {
	File string // e.g. "styles/main.css"
	CSS  string
}

// RulesFile is the workspace's segment and score rules.
const RulesFile = "segments.yaml"

// Load reads the workspace in fsys: tailor.yaml, segments.yaml, the
// templates, the modules and the styles. Every file is read within the
// bounds of package internal/source (size, text only, strict YAML of
// bounded size, depth and aliases, front matter within
// limits.max_front_matter); every problem is an error at file:line:col,
// all the problems of a stage together. Give it an os.Root's files (see
// Open) so that nothing outside the workspace is read.
func Load(fsys fs.FS) (*Workspace, error) {
	cfg, err := ReadConfig(fsys)
	if err != nil {
		return nil, err
	}
	w := &Workspace{FS: fsys, Config: cfg}
	if w.Rules, err = ReadRules(fsys); err != nil {
		return nil, err
	}
	if w.Schema, err = ReadSchema(fsys); err != nil {
		return nil, err
	}
	// Template syntax is checked against the names of the function set,
	// whatever the defaults tailor.yaml gives its functions.
	names := templates.Funcs(templates.Defaults{})
	if w.Templates, err = templates.Load(fsys, names, cfg.Limits.MaxFrontMatter); err != nil {
		return nil, err
	}
	if w.Modules, err = modules.Load(fsys, names, cfg.Limits.MaxFrontMatter); err != nil {
		return nil, err
	}
	if w.Styles, err = readStyles(fsys); err != nil {
		return nil, err
	}
	return w, nil
}

// ReadRules reads segments.yaml, and the model files its models: name
// from fsys; a workspace without one has no rules.
func ReadRules(fsys fs.FS) (*segment.Rules, error) {
	return ReadRulesWith(fsys, segment.Options{Models: fsys})
}

// ReadRulesWith is ReadRules with options (opts.Models is fsys when nil).
func ReadRulesWith(fsys fs.FS, opts segment.Options) (*segment.Rules, error) {
	if opts.Models == nil {
		opts.Models = fsys
	}
	b, err := source.Files{FS: fsys}.ReadText(RulesFile)
	if errors.Is(err, fs.ErrNotExist) {
		return segment.Parse(RulesFile, nil)
	}
	if err != nil {
		return nil, err
	}
	return segment.ParseWith(RulesFile, b, opts)
}

// ReadSchema reads schema.yaml, the types of the profile fields; a
// workspace without one has none (nil), and its recipients are typed by
// a schema inferred from each source's first records.
func ReadSchema(fsys fs.FS) (*schema.Schema, error) {
	b, err := source.Files{FS: fsys}.ReadText(schema.File)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return schema.Parse(schema.File, b)
}

// ReadOptions are the options to read the workspace's recipients with:
// its schema, or inference when it has none; and its ID field.
func (w *Workspace) ReadOptions() recipients.Options {
	return ReadOptions(w.Schema, w.Config)
}

// ReadOptions are the options to read recipients with under a schema
// (nil: inferred from each source's first records) and a tailor.yaml.
func ReadOptions(s *schema.Schema, c *Config) recipients.Options {
	opts := recipients.Options{Schema: s, IDField: c.IDField}
	if s == nil {
		opts.Infer = recipients.DefaultInfer
	}
	return opts
}

// readStyles reads styles/*.css in name order.
func readStyles(fsys fs.FS) ([]Stylesheet, error) {
	files := source.Files{FS: fsys}
	names, err := files.Glob("styles/*.css")
	if err != nil {
		return nil, err
	}
	var out []Stylesheet
	var errs []error
	for _, f := range names {
		css, err := files.ReadText(f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, Stylesheet{File: f, CSS: string(css)})
	}
	return out, errors.Join(errs...)
}

// Fixtures reads the workspace's fixture recipients, testdata/recipients/
// (see recipients.FixturesWith), typed as ReadOptions says. They are
// read when asked for, not by Load: a campaign builds without them.
func (w *Workspace) Fixtures() ([]recipients.Record, error) {
	return recipients.FixturesWith(w.FS, w.ReadOptions())
}
