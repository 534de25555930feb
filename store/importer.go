package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"time"
)

// Merge is how an imported profile meets the stored one of its ID, the
// conflict policies of tailor.yaml's sources: (segment/source) with the
// store as the first source.
type Merge string

// The merge policies.
const (
	// MostRecent: the import's fields win; stored fields it lacks stay.
	MostRecent Merge = "most_recent"
	// Precedence: the stored fields win; the import adds the fields the
	// stored profile lacks.
	Precedence Merge = "precedence"
	// Replace: the imported profile replaces the stored one.
	Replace Merge = "replace"
)

// ParseMerge checks a policy's name.
func ParseMerge(s string) (Merge, error) {
	switch m := Merge(s); m {
	case MostRecent, Precedence, Replace:
		return m, nil
	}
	return "", fmt.Errorf("merge policy %q: want most_recent, precedence or replace", s)
}

// ImportReport counts what an import did. Read = Inserted + Updated +
// Unchanged (a profile read twice counts each time).
type ImportReport struct {
	Read, Inserted, Updated, Unchanged int
	// Conflicts counts the fields whose imported value differed from the
	// stored (or an earlier imported) one.
	Conflicts int
}

// String is the report on one line.
func (r ImportReport) String() string {
	return fmt.Sprintf("read %d: inserted %d, updated %d, unchanged %d; %d fields in conflict",
		r.Read, r.Inserted, r.Updated, r.Unchanged, r.Conflicts)
}

// Import merges the profiles of seq into s by policy, batch profiles to a
// transaction, so that memory holds one batch whatever the input's size.
// It is idempotent: importing the same profiles again changes nothing
// (Unchanged counts them), so an interrupted import is resumed by running
// it again. Profiles' Updated is set to now when they change.
func Import(ctx context.Context, s Store, seq iter.Seq[Profile], policy Merge, batch int, now func() time.Time) (ImportReport, error) {
	if batch <= 0 {
		batch = 1000
	}
	var rep ImportReport
	pending := make([]Profile, 0, batch)
	for p := range seq {
		pending = append(pending, p)
		if len(pending) == batch {
			if err := importBatch(ctx, s, pending, policy, now(), &rep); err != nil {
				return rep, err
			}
			pending = pending[:0]
		}
	}
	return rep, importBatch(ctx, s, pending, policy, now(), &rep)
}

// importBatch merges one batch with what is stored and writes the changed
// profiles in one transaction.
func importBatch(ctx context.Context, s Store, ps []Profile, policy Merge, now time.Time, rep *ImportReport) error {
	if len(ps) == 0 {
		return nil
	}
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	stored, err := s.Get(ctx, ids...)
	if err != nil {
		return err
	}
	changed := map[string]int{} // ID -> index in out
	var out []Profile
	for _, p := range ps {
		rep.Read++
		old, had := stored[p.ID]
		if !had {
			p.Updated = now
			rep.Inserted++
			stored[p.ID] = p
			changed[p.ID] = len(out)
			out = append(out, p)
			continue
		}
		merged, conflicts := old.Data, 0
		if !bytes.Equal(old.Data, p.Data) { // the same profile again merges to itself
			if merged, conflicts, err = MergeJSON(old.Data, p.Data, policy); err != nil {
				return fmt.Errorf("profile %s: %w", p.ID, err)
			}
		}
		rep.Conflicts += conflicts
		p.Email = mergeEmail(old.Email, Normalize(p.Email), policy)
		if bytes.Equal(merged, old.Data) && p.Email == old.Email {
			rep.Unchanged++
			continue
		}
		rep.Updated++
		p.Data, p.Updated = merged, now
		stored[p.ID] = p
		if i, ok := changed[p.ID]; ok {
			out[i] = p
			continue
		}
		changed[p.ID] = len(out)
		out = append(out, p)
	}
	return s.Put(ctx, out)
}

// mergeEmail is the address a merged profile keeps, by policy.
func mergeEmail(stored, imported string, policy Merge) string {
	switch {
	case policy == Replace, stored == "":
		return imported
	case policy == Precedence, imported == "":
		return stored
	}
	return imported
}

// MergeJSON merges two profiles, JSON objects, field by field (top-level
// fields) by policy, and counts the fields both have with different
// values. The result has its fields in sorted order.
func MergeJSON(stored, incoming []byte, policy Merge) ([]byte, int, error) {
	var old, in map[string]json.RawMessage
	if err := json.Unmarshal(stored, &old); err != nil {
		return nil, 0, fmt.Errorf("stored profile: %w", err)
	}
	if err := json.Unmarshal(incoming, &in); err != nil {
		return nil, 0, fmt.Errorf("imported profile: %w", err)
	}
	conflicts := 0
	for k, v := range in {
		if o, ok := old[k]; ok && !bytes.Equal(o, v) {
			conflicts++
		}
	}
	var out map[string]json.RawMessage
	switch policy {
	case Replace:
		out = in
	case Precedence:
		out = in
		for k, v := range old {
			out[k] = v
		}
	default:
		out = old
		for k, v := range in {
			out[k] = v
		}
	}
	b, err := json.Marshal(out)
	if err != nil {
		return nil, 0, fmt.Errorf("merged profile: %w", err)
	}
	return b, conflicts, nil
}
