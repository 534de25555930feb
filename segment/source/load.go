package source

import (
	"fmt"
	"io/fs"
	"time"

	"github.com/tailor-email/tailor/schema"
	"github.com/tailor-email/tailor/segment"
)

// Result is the merged audience. Profiles are built on demand by Each and
// Get, so holding a Result costs far less than a map per recipient.
type Result struct {
	Report Report
	st     *store
	events []*eventInput
	keyFld string
	now    time.Time
	schema *schema.Schema
	// dataErrs are, by recipient, its rows' values that did not fit the
	// schema; only recipients with some are in it.
	dataErrs map[int32][]*schema.Error
}

// Load reads every input of spec from fsys (profiles first, then events,
// each in spec order), merges and aggregates them at time now. Data errors
// go into the Report; the error is for a spec that is invalid or an input
// that cannot be opened.
func Load(fsys fs.FS, spec Spec, now time.Time) (*Result, error) {
	return LoadWith(fsys, spec, now, nil)
}

// LoadWith is Load with the workspace's schema: each profiles input is
// typed by it as it is read (see inputSchema), a value that does not fit
// is a BadValue issue at its source:line:col and one of the data errors
// of its recipient (EachWith). The merged profiles are not held to the
// whole schema here: their reader does that (schema.Apply).
func LoadWith(fsys fs.FS, spec Spec, now time.Time, s *schema.Schema) (*Result, error) {
	if err := spec.Validate(); err != nil {
		return nil, err
	}
	spec = spec.withDefaults()
	res := &Result{st: newStore(spec.Conflict == MostRecent), keyFld: spec.Key, now: now, schema: s}
	res.Report.ConflictFields = map[string]int{}
	res.Report.Inputs = make([]InputReport, len(spec.Inputs))
	for i, in := range spec.Inputs {
		res.Report.Inputs[i] = InputReport{Name: in.Name, Kind: in.Kind, Missing: map[string]int{}}
	}
	for pass := range 2 {
		for i, in := range spec.Inputs {
			if (pass == 0) != (in.Kind == Profiles) {
				continue
			}
			if err := res.loadInput(fsys, i, in); err != nil {
				return nil, fmt.Errorf("source %s: %w", in.Path, err)
			}
		}
	}
	res.Report.Profiles = len(res.st.recs)
	return res, nil
}

// loadInput streams one input into the result.
func (res *Result) loadInput(fsys fs.FS, i int, in Input) error {
	f, err := fsys.Open(in.Path)
	if err != nil {
		return err
	}
	defer f.Close()
	rep := &res.Report.Inputs[i]
	issue := func(kind IssueKind, line int, key, field, msg string) {
		res.Report.add(Issue{Kind: kind, Source: in.Path, Line: line, Key: key, Field: field, Msg: msg})
	}
	bad := func(line int, msg string) {
		rep.Rows++
		rep.BadRows++
		issue(BadRow, line, "", "", msg)
	}
	var fn func(*row, []*schema.Error)
	var typed *schema.Schema
	if in.Kind == Events {
		ev := newEventInput(in, len(res.st.recs), res.now)
		res.events = append(res.events, ev)
		fn = func(r *row, _ []*schema.Error) { ev.add(res.st, r, rep, issue) }
	} else {
		pl := newProfileLoader(res, i, in)
		fn = func(r *row, errs []*schema.Error) { pl.add(r, errs, rep, issue) }
		typed = inputSchema(res.schema, in)
	}
	return scan(f, in.Path, in.Format, in.Key, typed, fn, bad)
}

// Len is the number of merged recipients.
func (res *Result) Len() int { return len(res.st.recs) }

// Each calls fn with every recipient's profile, in the order their keys
// were first seen; it stops at fn's first error. Each profile is a new map
// that fn may keep.
func (res *Result) Each(fn func(segment.Profile) error) error {
	return res.EachWith(func(p segment.Profile, _ []*schema.Error) error { return fn(p) })
}

// EachWith is Each with each recipient's data errors: the values of its
// rows that did not fit the schema (LoadWith), left out of the profile.
func (res *Result) EachWith(fn func(segment.Profile, []*schema.Error) error) error {
	for i := range res.st.recs {
		if err := fn(res.profile(i), res.dataErrs[int32(i)]); err != nil {
			return err
		}
	}
	return nil
}

// Get returns the profile of a key (normalized first).
func (res *Result) Get(key string) (segment.Profile, bool) {
	i, ok := res.st.index[Normalize(key)]
	if !ok {
		return nil, false
	}
	return res.profile(int(i)), true
}

// profile builds recipient i's map: fields, the key, event features.
func (res *Result) profile(i int) segment.Profile {
	r := &res.st.recs[i]
	p := make(segment.Profile, len(r.vals)+1+len(res.events)*6)
	for f, v := range r.vals {
		if v != nil {
			p[res.st.fields[f]] = v
		}
	}
	p[res.keyFld] = r.key
	for _, ev := range res.events {
		ev.features(i, p)
	}
	return p
}

// profileLoader merges the rows of one profiles input.
type profileLoader struct {
	res      *Result
	input    int
	in       Input
	colField map[string]string // column -> field (renamed)
	declared []string          // fields listed in fields: or types:
	fieldIx  map[string]int    // column -> store field, cached
}

// newProfileLoader prepares the column mapping of an input.
func newProfileLoader(res *Result, input int, in Input) *profileLoader {
	pl := &profileLoader{res: res, input: input, in: in, colField: map[string]string{}, fieldIx: map[string]int{}}
	seen := map[string]bool{}
	for field, col := range in.Fields {
		pl.colField[col] = field
		seen[field] = true
	}
	for field := range in.Types {
		seen[field] = true
	}
	for field := range seen {
		pl.declared = append(pl.declared, field)
	}
	return pl
}

// fieldOf maps a column to its profile field.
func (pl *profileLoader) fieldOf(col string) string {
	if f, ok := pl.colField[col]; ok {
		return f
	}
	return col
}

// add merges one row, with the data errors of its typing.
func (pl *profileLoader) add(r *row, dataErrs []*schema.Error, rep *InputReport, issue func(IssueKind, int, string, string, string)) {
	key, ok := r.key(pl.in.Key, rep, issue)
	if !ok {
		return
	}
	st := pl.res.st
	var ts int64
	if pl.in.Timestamp != "" {
		if v, ok := r.get(pl.in.Timestamp); ok {
			if t, err := toTime(v); err == nil {
				ts = t.UnixNano()
			}
		}
	}
	rec, dup := st.upsert(key, pl.input)
	rep.Loaded++
	for _, e := range dataErrs {
		rep.BadValues++
		pl.res.Report.add(pl.rename(e, key))
		if pl.res.dataErrs == nil {
			pl.res.dataErrs = map[int32][]*schema.Error{}
		}
		i := st.index[key]
		pl.res.dataErrs[i] = append(pl.res.dataErrs[i], e)
	}
	if dup {
		rep.Duplicates++
		issue(Duplicate, r.line, key, "", "key seen before in this input")
	}
	r.each(func(col string, v any) {
		if col == pl.in.Key {
			return
		}
		field := pl.fieldOf(col)
		v, err := coerce(v, pl.in.Types[field])
		if err != nil {
			rep.BadValues++
			issue(BadValue, r.line, key, field, err.Error())
			return
		}
		fi, ok := pl.fieldIx[col]
		if !ok {
			fi = st.field(field)
			pl.fieldIx[col] = fi
		}
		if conflict, won := st.set(rec, fi, v, ts); conflict {
			pl.res.Report.Conflicts++
			pl.res.Report.ConflictFields[field]++
			verdict := "kept the earlier value"
			if won {
				verdict = "newer value wins"
			}
			issue(Conflict, r.line, key, field, fmt.Sprintf("%s differs (%s)", describe(v), verdict))
		}
	})
	for _, field := range pl.declared {
		col := field
		if c, ok := pl.in.Fields[field]; ok {
			col = c
		}
		if _, ok := r.get(col); !ok {
			rep.Missing[field]++
		}
	}
}
