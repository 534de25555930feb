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
	"github.com/tailor-email/tailor/segment"
)

// fixture is one known recipient: its ID (the URL key) and where it is from.
type fixture struct {
	ID      string
	Name    string // first_name, else email, for the index
	Where   string // source:line
	Profile segment.Profile
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
		if recs, err = recipients.Fixtures(s.opts.FS); err != nil {
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
		name, _ := r.Profile["first_name"].(string)
		if name == "" {
			name, _ = r.Profile[c.Config.EmailField].(string)
		}
		out = append(out, fixture{ID: id, Name: name, Where: r.Where(), Profile: r.Profile})
	}
	return out
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
	byKey map[string]segment.Profile
}

func newDrafts(max int) *drafts { return &drafts{max: max, byKey: map[string]segment.Profile{}} }

func (d *drafts) put(p segment.Profile) string {
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

func (d *drafts) get(key string) (segment.Profile, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	p, ok := d.byKey[key]
	return p, ok
}

// parseProfile validates an edited profile: one JSON object within the
// size limit, read by the same reader as fixture files.
func parseProfile(src string) (segment.Profile, error) {
	if len(src) > MaxProfileBytes {
		return nil, fmt.Errorf("profile is %d bytes, over the %d byte limit", len(src), MaxProfileBytes)
	}
	if !strings.HasPrefix(strings.TrimSpace(src), "{") || !oneValue(src) {
		return nil, fmt.Errorf("profile:1: want one JSON object {...}")
	}
	var p segment.Profile
	n := 0
	for rec := range recipients.Read("profile", strings.NewReader(src), recipients.JSON) {
		if rec.Err != nil {
			return nil, fmt.Errorf("%s: %w", rec.Where(), rec.Err)
		}
		p, n = rec.Profile, n+1
	}
	if n != 1 {
		return nil, fmt.Errorf("profile:1: want one JSON object, got %d", n)
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
