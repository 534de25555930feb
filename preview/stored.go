package preview

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/store"
	"github.com/tailor-email/tailor/unsubscribe"
	"github.com/tailor-email/tailor/workspace"
)

// maxStored bounds the stored profiles the index and the switcher list:
// the first ones by ID, read with one query of that many rows, however
// big the store. Any stored recipient's page still works, and the find
// box finds one by ID or address.
const maxStored = 50

// storedSource is the source name a stored profile is read under, so
// that its data errors read store:1:COL, at their column in the stored
// JSON.
const storedSource = "store"

// storedSet returns the first maxStored stored profiles, typed, and
// whether the store holds more; none without a store.
func (s *Server) storedSet(ctx context.Context, c *render.Campaign) ([]fixture, bool, error) {
	if s.opts.Store == nil {
		return nil, false, nil
	}
	var out []fixture
	for p, err := range s.opts.Store.Profiles(ctx, store.Filter{Page: maxStored + 1}) {
		if err != nil {
			return out, false, fmt.Errorf("preview: %w", err)
		}
		if len(out) == maxStored {
			return out, true, nil
		}
		if f, err := storedFixture(c, p); err == nil {
			out = append(out, f)
		}
	}
	return out, false, nil
}

// storedFixture types a stored profile by the workspace's schema, with
// the reader tailor render --from-store reads the store with (a JSONL
// line; without a schema.yaml, its types are inferred from the profile).
func storedFixture(c *render.Campaign, p store.Profile) (fixture, error) {
	line := strings.NewReader(string(p.Data) + "\n")
	for rec := range recipients.ReadWith(storedSource, line, recipients.JSONL, workspace.ReadOptions(c.Schema, c.Config)) {
		if rec.Err != nil {
			return fixture{}, fmt.Errorf("stored profile %s: %s: %w", strconvQuote(p.ID), rec.Where(), rec.Err)
		}
		f := fixtureOf(c, rec)
		f.ID, f.Stored, f.Raw, f.Where = p.ID, true, string(p.Data), "audience store, updated "+p.Updated.Format("2006-01-02 15:04 MST")
		if f.Email == "" {
			f.Email = p.Email
		}
		return f, nil
	}
	return fixture{}, fmt.Errorf("stored profile %s: no JSON object", strconvQuote(p.ID))
}

// lookupStored reads one stored profile by ID.
func (s *Server) lookupStored(ctx context.Context, c *render.Campaign, id string) (fixture, bool, error) {
	if s.opts.Store == nil {
		return fixture{}, false, nil
	}
	got, err := s.opts.Store.Get(ctx, id)
	if err != nil {
		return fixture{}, false, fmt.Errorf("preview: %w", err)
	}
	p, ok := got[id]
	if !ok {
		return fixture{}, false, nil
	}
	f, err := storedFixture(c, p)
	return f, err == nil, err
}

// findStored asks the store for the profiles whose ID or address is q
// exactly (the address compared normalized), at most maxListed.
func (s *Server) findStored(ctx context.Context, c *render.Campaign, q string) []fixture {
	if s.opts.Store == nil || q == "" {
		return nil
	}
	var out []fixture
	if f, ok, _ := s.lookupStored(ctx, c, q); ok {
		out = append(out, f)
	}
	if !strings.Contains(q, "@") {
		return out
	}
	ps, _ := s.opts.Store.ProfilesByEmail(ctx, q, maxListed)
	for _, p := range ps {
		if len(out) > 0 && out[0].ID == p.ID {
			continue
		}
		if f, err := storedFixture(c, p); err == nil {
			out = append(out, f)
		}
	}
	return out
}

// suppressed says whether the store suppresses a stored recipient, by ID
// or address, on the campaign's list or every list, as render and serve
// ask before they render.
func (s *Server) suppressed(ctx context.Context, c *render.Campaign, f fixture) (bool, error) {
	if s.opts.Store == nil || !f.Stored {
		return false, nil
	}
	sup, err := store.RecipientSuppressed(ctx, s.opts.Store, unsubscribe.ListOf(c), f.ID, f.Email)
	if err != nil {
		return false, fmt.Errorf("preview: %w", err)
	}
	return sup, nil
}

// people is who the index and the switcher list: the first maxListed
// fixtures, then the first maxStored stored recipients.
type people struct {
	All        []fixture // the listed fixtures, then the listed stored recipients
	Fixtures   int       // the fixtures known
	More       int       // the fixtures left out
	Stored     int       // the stored recipients listed
	StoredMore bool      // the store holds more
	Err        error     // reading the fixtures
	StoreErr   error     // reading the store
}

func (s *Server) people(ctx context.Context, c *render.Campaign) people {
	all, err := s.recipientSet()
	set, more := listed(all)
	p := people{Fixtures: len(all), More: more, Err: err}
	stored, storedMore, err := s.storedSet(ctx, c)
	p.Stored, p.StoredMore, p.StoreErr = len(stored), storedMore, err
	p.All = append(append(make([]fixture, 0, len(set)+len(stored)), set...), stored...)
	return p
}

// storedView adds what the store says of a stored recipient to their
// page: whether they are suppressed (the page still shows the email) and
// their timeline.
func (s *Server) storedView(r *http.Request, t target, v *recipientView) {
	sup, err := s.suppressed(r.Context(), t.b.Campaign, t.fix)
	v.Suppressed = sup
	tl := timelineOf(r.Context(), s.opts.Store, t.fix.ID)
	if err != nil {
		tl.Err = strings.TrimPrefix(tl.Err+"; "+err.Error(), "; ")
	}
	v.Timeline = &tl
}

// signedCampaign is the build's campaign with the store's signed
// unsubscribe URLs, made once per build.
type signedCampaign struct {
	mu       sync.Mutex
	version  int
	from, to *render.Campaign
}

// signed is c, of build version, with the unsubscribe URLs tailor render
// writes when it consults the store: signed by the store's key at the
// origin of tailor.yaml's unsubscribe:. c itself without a store, or
// when the store's key cannot be read.
func (s *Server) signed(version int, c *render.Campaign) *render.Campaign {
	if s.opts.Store == nil {
		return c
	}
	sc := &s.signedC
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if sc.from == c && sc.version == version {
		return sc.to
	}
	to, err := unsubscribe.Signed(context.Background(), s.opts.Store, c, "")
	if err != nil {
		return c
	}
	sc.version, sc.from, sc.to = version, c, to
	return to
}
