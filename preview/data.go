package preview

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/schema"
	"github.com/tailor-email/tailor/segment"
	"github.com/tailor-email/tailor/workspace"
)

// fixture is one known recipient: its ID (the URL key) and where it is from.
type fixture struct {
	ID      string
	Name    string // first_name, else email, for the index
	Email   string
	Where   string // source:line
	Profile segment.Profile
	// DataErrors are the profile's values that did not fit the schema.
	DataErrors []*schema.Error
	// Stored marks a recipient of the audience store (Options.Store), at
	// /email/NAME/s/ID; Raw is its JSON as stored.
	Stored bool
	Raw    string
}

// Kind is the path segment of the recipient's pages: "s" for a stored
// recipient, "r" for a fixture.
func (f fixture) Kind() string {
	if f.Stored {
		return "s"
	}
	return "r"
}

// url is the recipient's page in email, with the draft key when set.
func (f fixture) url(email, draft string) string {
	return pageURL(email, f.Kind(), f.ID, draft)
}

// recipientSet returns the known recipients: Options.Recipients, else the
// workspace's fixtures, read again after each good build.
func (s *Server) recipientSet() ([]fixture, error) {
	c := s.ws.Current()
	version := s.ws.Good().Version
	s.fixMu.Lock()
	defer s.fixMu.Unlock()
	if s.fixtures != nil && s.fixVersion == version {
		return s.fixtures, s.fixErr
	}
	recs := s.opts.Recipients
	var err error
	if recs == nil {
		if recs, err = recipients.FixturesWith(s.opts.FS, workspace.ReadOptions(c.Schema, c.Config)); err != nil {
			err = fmt.Errorf("preview: %w", err)
		}
	}
	s.fixtures, s.fixErr, s.fixVersion = fixturesOf(c, recs), err, version
	return s.fixtures, err
}

// forgetFixtures makes the next recipientSet read the files again.
func (s *Server) forgetFixtures() {
	s.fixMu.Lock()
	s.fixtures = nil
	s.fixMu.Unlock()
}

func fixturesOf(c *render.Campaign, recs []recipients.Record) []fixture {
	out := make([]fixture, 0, len(recs))
	seen := map[string]bool{}
	for _, r := range recs {
		id := c.RecipientID(r.Profile)
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, fixtureOf(c, r))
	}
	return out
}

// fixtureOf is the recipient of a record: its ID, and its first_name
// (else its address) to name it.
func fixtureOf(c *render.Campaign, r recipients.Record) fixture {
	name, _ := r.Profile["first_name"].(string)
	email, _ := r.Profile[c.Config.EmailField].(string)
	if name == "" {
		name = email
	}
	return fixture{ID: c.RecipientID(r.Profile), Name: name, Email: email, Where: r.Where(), Profile: r.Profile, DataErrors: r.DataErrors}
}

// lookup finds a known recipient by ID.
func (s *Server) lookup(id string) (fixture, bool) {
	set, _ := s.recipientSet()
	for _, f := range set {
		if f.ID == id {
			return f, true
		}
	}
	return fixture{}, false
}

// drafts holds edited profiles in memory, by random key, so a page can be
// reloaded (and live-reloaded) with the edit. The oldest go first.
type drafts struct {
	mu    sync.Mutex
	max   int
	order []string
	byKey map[string]draft
}

// draft is an edited profile, typed, with its data errors.
type draft struct {
	profile    segment.Profile
	dataErrors []*schema.Error
	src        string // the JSON as the marketer wrote it: data errors point into it
}

func newDrafts(max int) *drafts { return &drafts{max: max, byKey: map[string]draft{}} }

func (d *drafts) put(p draft) string {
	b := make([]byte, 12)
	rand.Read(b)
	key := hex.EncodeToString(b)
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.order) >= d.max {
		delete(d.byKey, d.order[0])
		d.order = d.order[1:]
	}
	d.order = append(d.order, key)
	d.byKey[key] = p
	return key
}

func (d *drafts) get(key string) (draft, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	p, ok := d.byKey[key]
	return p, ok
}

// parseProfile validates an edited profile: one JSON object within the
// size limit, read by the same reader as fixture files and typed as they
// are (c's schema, or one inferred from the profile): a value that does
// not fit is left out and is a data error at its profile:line:col, which
// the page shows over the render, as for a fixture.
func parseProfile(c *render.Campaign, src string) (draft, error) {
	if len(src) > MaxProfileBytes {
		return draft{}, fmt.Errorf("profile is %d bytes, over the %d byte limit", len(src), MaxProfileBytes)
	}
	if !strings.HasPrefix(strings.TrimSpace(src), "{") || !oneValue(src) {
		return draft{}, fmt.Errorf("profile:1: want one JSON object {...}")
	}
	if err := jsonSyntax(src); err != nil {
		return draft{}, err
	}
	var p draft
	n := 0
	for rec := range recipients.ReadWith("profile", strings.NewReader(src), recipients.JSON, workspace.ReadOptions(c.Schema, c.Config)) {
		if rec.Err != nil {
			return draft{}, fmt.Errorf("%s: %w", rec.Where(), rec.Err)
		}
		p, n = draft{rec.Profile, rec.DataErrors, src}, n+1
	}
	if n != 1 {
		return draft{}, fmt.Errorf("profile:1: want one JSON object, got %d", n)
	}
	return p, nil
}

// oneValue reports whether src holds no more than one JSON value (a
// malformed one is left for the reader to report with its place).
func oneValue(src string) bool {
	dec := json.NewDecoder(strings.NewReader(src))
	var v json.RawMessage
	if err := dec.Decode(&v); err != nil {
		return true
	}
	_, err := dec.Token()
	return err == io.EOF
}
