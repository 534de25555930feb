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

func (s *Server) neighboursOf(t target) neighbours {
	all, _ := s.recipientSet()
	var n neighbours
	for i, f := range all {
		if f.ID != t.fix.ID {
			continue
		}
		if i > 0 {
			n.Prev = &all[i-1]
		}
		if i+1 < len(all) {
			n.Next = &all[i+1]
		}
	}
	n.All, n.More = listed(all)
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
	all, _ := s.recipientSet()
	var hits []fixture
	for _, f := range all {
		if f.ID == q || f.Label() == q {
			hits = []fixture{f}
			break
		}
		if f.matches(q) && len(hits) < maxListed {
			hits = append(hits, f)
		}
	}
	if len(hits) == 1 {
		http.Redirect(w, r, recipientURL(email, hits[0].ID, ""), http.StatusSeeOther)
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

// Label is how the switcher names a recipient: name, email and ID.
func (f fixture) Label() string {
	parts := []string{}
	if f.Name != "" && f.Name != f.Email {
		parts = append(parts, f.Name)
	}
	if f.Email != "" {
		parts = append(parts, f.Email)
	}
	return strings.Join(append(parts, f.ID), " · ")
}
