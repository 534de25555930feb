package golden

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/workspace"
)

// Dir is where goldens live inside a workspace.
const Dir = "testdata/golden"

// Case is one email for one fixture recipient.
type Case struct {
	Email, Recipient string
	Path             string // relative to the workspace, e.g. testdata/golden/newsletter/c-1001.txtar
	Diff             string // unified diff per part; empty when it matches
	Status           Status
	Err              error // the render failed
}

// Status is what became of a case.
type Status int

// The statuses of a case.
const (
	Same    Status = iota // matches its golden
	Changed               // differs from its golden (updated, with Update)
	Missing               // has no golden (written, with Update)
	Failed                // could not be rendered
)

func (s Status) String() string {
	return [...]string{"ok", "changed", "missing", "failed"}[s]
}

// Render renders every email of c for every fixture of fsys, in a stable
// order, and returns the golden file content of each.
//
// Fixtures are typed as render types recipients (workspace.ReadOptions);
// a fixture with a value that does not fit the schema fails its cases.
func Render(ctx context.Context, c *render.Campaign, fsys fs.FS) ([]Case, map[string][]byte, error) {
	recs, err := recipients.FixturesWith(fsys, workspace.ReadOptions(c.Schema, c.Config))
	if err != nil {
		return nil, nil, err
	}
	if len(recs) == 0 {
		return nil, nil, errors.New("no fixture recipients in testdata/recipients/")
	}
	var cases []Case
	files := map[string][]byte{}
	for _, email := range c.Emails() {
		for _, r := range recs {
			id := c.RecipientID(r.Profile)
			name, err := recipients.FileName(id)
			k := Case{Email: email, Recipient: id, Path: filepath.ToSlash(filepath.Join(Dir, email, name+".txtar"))}
			if err != nil {
				k.Status, k.Err = Failed, fmt.Errorf("%s: %w", r.Where(), err)
				cases = append(cases, k)
				continue
			}
			m, err := c.Render(ctx, render.Request{Email: email, Profile: r.Profile, DataErrors: r.DataErrors, StrictRules: len(r.DataErrors) > 0})
			if err != nil {
				k.Status, k.Err = Failed, fmt.Errorf("%s (recipient %s): %w", r.Where(), id, err)
			} else {
				files[k.Path] = Format(m)
			}
			cases = append(cases, k)
		}
	}
	return cases, files, nil
}

// Format is a message's golden file: a txtar archive with one file per
// part, and a comment that says who got which modules and variants.
func Format(m *render.Message) []byte {
	var comment strings.Builder
	fmt.Fprintf(&comment, "email %s, recipient %s\nsegments: %s\n", m.Template, m.ID, strings.Join(m.Segments, " "))
	fmt.Fprintf(&comment, "tiers: %s\nmodules: %s\nvariants: %s\n", pairs(m.Tiers), pairs(m.Modules), pairs(m.Variants))
	if m.AMPDropped != "" {
		fmt.Fprintf(&comment, "amp dropped: %s\n", m.AMPDropped)
	}
	a := &txtar.Archive{Comment: []byte(comment.String())}
	for _, p := range []struct{ name, body string }{
		{"subject", m.Subject}, {"preheader", m.Preheader}, {"html", m.HTML}, {"text", m.Text}, {"amp", m.AMP},
	} {
		if p.body == "" && p.name == "amp" {
			continue
		}
		a.Files = append(a.Files, txtar.File{Name: p.name, Data: []byte(withNewline(p.body))})
	}
	return txtar.Format(a)
}

// Compare checks each case against the golden file in dir (the workspace
// folder on disk), or writes it when update is set.
func Compare(dir string, cases []Case, files map[string][]byte, update bool) ([]Case, error) {
	for i := range cases {
		k := &cases[i]
		if k.Status == Failed {
			continue
		}
		got := files[k.Path]
		path := filepath.Join(dir, filepath.FromSlash(k.Path))
		want, err := os.ReadFile(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			k.Status = Missing
		case err != nil:
			return nil, err
		case !bytes.Equal(got, want):
			k.Status, k.Diff = Changed, diffParts(k.Path, want, got)
		}
		if update && k.Status != Same {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return nil, err
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				return nil, err
			}
		}
	}
	return cases, nil
}

func withNewline(s string) string {
	if s == "" || strings.HasSuffix(s, "\n") {
		return s
	}
	return s + "\n"
}

func pairs(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(k + "=" + m[k])
	}
	return b.String()
}
