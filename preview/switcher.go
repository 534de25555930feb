package preview

import (
	"net/http"
	"strings"
)

// neighbours is what the recipient page links to: the recipients before
// and after in the list, the same person in the other emails, and every
// recipient for the switcher.
type neighbours struct {
	Prev, Next *fixture
	Others     []string // the campaign's other emails
	All        []fixture
	More       int // recipients the switcher does not list
}

func (s *Server) neighboursOf(r *http.Request, t target) neighbours {
	ppl := s.people(r.Context(), t.b.Campaign)
	all := ppl.All
	var n neighbours
	for i, f := range all {
		if f.ID != t.fix.ID || f.Stored != t.fix.Stored {
			continue
		}
		if i > 0 {
			n.Prev = &all[i-1]
		}
		if i+1 < len(all) {
			n.Next = &all[i+1]
		}
	}
	n.All, n.More = all, ppl.More
	for _, e := range t.b.Campaign.Emails() {
		if e != t.email {
			n.Others = append(n.Others, e)
		}
	}
	return n
}

// matches reports whether every word of q is in f's ID, name or email,
// ignoring case.
func (f fixture) matches(q string) bool {
	hay := strings.ToLower(f.ID + " " + f.Name + " " + f.Email)
	words := strings.Fields(strings.ToLower(q))
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return len(words) > 0
}

// find answers the switcher (?q=): a known ID, or the one recipient
// whose name or email has every word of q, opens their page in the same
// email; several or none are listed to choose from.
func (s *Server) find(w http.ResponseWriter, r *http.Request) {
	b := s.good()
	email, ok := s.emailOf(w, r, b.Campaign)
	if !ok {
		return
	}
	q := strings.TrimSpace(r.FormValue("q"))
	if len(q) > 200 {
		q = q[:200]
	}
	hits, exact := matchesOf(s.people(r.Context(), b.Campaign).All, q)
	if !exact {
		hits = addHits(hits, s.findStored(r.Context(), b.Campaign, q))
	}
	if len(hits) == 1 {
		http.Redirect(w, r, hits[0].url(email, ""), http.StatusSeeOther)
		return
	}
	body := struct {
		Email, Q string
		Hits     []fixture
	}{email, q, hits}
	p := s.newPage(b, "Find a recipient", body)
	if len(hits) == 0 {
		p.Banner = []notice{{ID: "find-none", Kind: "warn", Title: "No recipient matches", Text: "No name, email or ID has " + strconvQuote(q) + "."}}
	}
	s.show(w, http.StatusOK, "find", p)
}

// matchesOf returns the one recipient of all whose ID or label is q
// (exact), else the first maxListed whose name, email or ID has every
// word of q.
func matchesOf(all []fixture, q string) (hits []fixture, exact bool) {
	for _, f := range all {
		if f.ID == q || f.Label() == q {
			return []fixture{f}, true
		}
		if f.matches(q) && len(hits) < maxListed {
			hits = append(hits, f)
		}
	}
	return hits, false
}

// addHits adds the stored recipients the store found to hits, each once,
// first: they are exact matches of ID or address.
func addHits(hits, found []fixture) []fixture {
	out := append([]fixture(nil), found...)
	for _, h := range hits {
		dup := false
		for _, f := range found {
			dup = dup || h.Stored && h.ID == f.ID
		}
		if !dup {
			out = append(out, h)
		}
	}
	return out
}

// Label is how the switcher names a recipient: name, email and ID, and
// "stored" for a stored recipient.
func (f fixture) Label() string {
	parts := []string{}
	if f.Name != "" && f.Name != f.Email {
		parts = append(parts, f.Name)
	}
	if f.Email != "" {
		parts = append(parts, f.Email)
	}
	parts = append(parts, f.ID)
	if f.Stored {
		parts = append(parts, "stored")
	}
	return strings.Join(parts, " · ")
}
