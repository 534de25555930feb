package schema

import (
	"errors"
	"fmt"
	"strings"

	"github.com/tailor-email/tailor/internal/source"
)

// File is the schema's file in a workspace, beside tailor.yaml.
const File = "schema.yaml"

// Field is one declared profile field.
type Field struct {
	// Name is the field's dotted path: "loyalty_points", "address.city";
	// a field of a list's elements has no index ("orders.total" types
	// the total of every order).
	Name        string
	Type        Type
	Optional    bool // it may be missing; without it a missing value is a data error
	Default     any  // the typed value a missing field takes; nil for none
	Description string

	leaf     string   // the last step of Name
	children []*Field // the declared fields of an object (or of a list's objects)
	needy    []int    // the children with a default or not optional (see Complete)
}

// Schema is the declared fields of a profile, in order.
type Schema struct {
	Fields []*Field
	root   Field // an object whose children are the top-level fields
	byName map[string]*Field
}

// New builds a schema from fields, in order. It checks that each name is
// new, that its steps are names (not empty, not all digits), that the
// parent of a dotted field is declared an object or a list of objects,
// and that each default fits its type. Errors name the field.
func New(fields []*Field) (*Schema, error) {
	s := &Schema{Fields: fields, root: Field{Type: Of(Object)}, byName: make(map[string]*Field, len(fields))}
	var errs []error
	for i, f := range fields {
		if err := s.add(f); err != nil {
			errs = append(errs, &fieldError{index: i, key: "name", err: err})
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	for i, f := range fields {
		if err := s.link(f); err != nil {
			errs = append(errs, &fieldError{index: i, key: "name", err: err})
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	for i, f := range fields {
		if err := f.typeDefault(); err != nil {
			errs = append(errs, &fieldError{index: i, key: "default", err: err})
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	need(&s.root)
	return s, nil
}

// fieldError is a problem with the field at index of a schema's list,
// at its key ("name", "default").
type fieldError struct {
	index int
	key   string
	err   error
}

func (e *fieldError) Error() string { return e.err.Error() }
func (e *fieldError) Unwrap() error { return e.err }

// add indexes f by name, checking the name.
func (s *Schema) add(f *Field) error {
	if f.Name == "" {
		return errors.New("a field needs a name")
	}
	for _, step := range strings.Split(f.Name, ".") {
		if step == "" || isDigits(step, false) || strings.TrimSpace(step) != step {
			return fmt.Errorf("field %q: each step of a dotted name must be a name, not empty, not a number, without spaces around it", f.Name)
		}
	}
	if f.Type.Kind == 0 {
		return fmt.Errorf("field %s: no type", f.Name)
	}
	if _, dup := s.byName[f.Name]; dup {
		return fmt.Errorf("field %s: declared twice", f.Name)
	}
	s.byName[f.Name] = f
	return nil
}

// link makes f a child of its parent: the root, or the object (or list
// of objects) its dotted name is in.
func (s *Schema) link(f *Field) error {
	parent := &s.root
	dir, leaf, dotted := cutLast(f.Name)
	f.leaf = f.Name
	if dotted {
		f.leaf = leaf
		p, ok := s.byName[dir]
		if !ok {
			return fmt.Errorf("field %s: declare %s first, as an object or a list<object>", f.Name, dir)
		}
		if p.Type.Base().Kind != Object {
			return fmt.Errorf("field %s: %s is %s, which has no fields (want object or list<object>)", f.Name, dir, p.Type.article())
		}
		parent = p
	}
	parent.children = append(parent.children, f)
	return nil
}

// cutLast splits "a.b.c" into "a.b" and "c".
func cutLast(name string) (dir, leaf string, ok bool) {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return "", name, false
	}
	return name[:i], name[i+1:], true
}

// typeDefault replaces the default, as written, by its typed value.
func (f *Field) typeDefault() error {
	if f.Default == nil {
		return nil
	}
	v, err := f.Coerce(f.Default)
	if err != nil {
		return fmt.Errorf("field %s: default: %w", f.Name, err)
	}
	if v == nil {
		return fmt.Errorf("field %s: default: an empty default is no default (leave it out)", f.Name)
	}
	f.Default = v
	return nil
}

// Lookup returns the field of a dotted name ("orders.total"), or nil.
func (s *Schema) Lookup(name string) *Field { return s.byName[name] }

// Fields of a schema.yaml, as written.
type fileSpec struct {
	Fields []fieldSpec `yaml:"fields"`
}

type fieldSpec struct {
	Name        string `yaml:"name"`
	Type        string `yaml:"type"`
	Optional    bool   `yaml:"optional"`
	Default     any    `yaml:"default"`
	Description string `yaml:"description"`
}

// Parse reads a schema.yaml: strict YAML within the bounds of a workspace
// file, every problem at file:line:col.
//
//	fields:
//	  - {name: id, type: string, description: The CRM's contact ID}
//	  - {name: loyalty_points, type: int, optional: true, default: 0}
//	  - {name: orders, type: list<object>, optional: true}
//	  - {name: orders.total, type: decimal}
func Parse(file string, src []byte) (*Schema, error) {
	var spec fileSpec
	if err := source.DecodeYAML(file, 0, src, &spec, source.YAMLLimit{MaxBytes: source.MaxConfigBytes}); err != nil {
		return nil, err
	}
	fields := make([]*Field, len(spec.Fields))
	var errs []error
	for i, fs := range spec.Fields {
		t, err := ParseType(fs.Type)
		if err != nil {
			errs = append(errs, placed(file, src, fieldPath(i, "type"), fmt.Errorf("field %s: %w", fs.Name, err)))
		}
		fields[i] = &Field{Name: fs.Name, Type: t, Optional: fs.Optional, Default: fs.Default, Description: fs.Description}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	s, err := New(fields)
	if err != nil {
		return nil, placeFieldErrors(file, src, err)
	}
	return s, nil
}

// fieldPath is the YAML path of a key of the i-th field.
func fieldPath(i int, key string) string {
	return source.Index("$.fields", i) + "." + key
}

// placeFieldErrors puts each of New's errors at its place in src.
func placeFieldErrors(file string, src []byte, err error) error {
	var out []error
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var fe *fieldError
		if errors.As(e, &fe) {
			e = placed(file, src, fieldPath(fe.index, fe.key), fe.err)
		}
		out = append(out, e)
	}
	return errors.Join(out...)
}

// placed is err at the value of src that path names.
func placed(file string, src []byte, path string, err error) error {
	e := source.YAMLErrorf(file, src, path, "%s", err.Error())
	e.Err = err
	return e
}
