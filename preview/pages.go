package preview

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/tailor-email/tailor/render"
)

func (s *Server) routes() *http.ServeMux {
	m := http.NewServeMux()
	static, _ := fs.Sub(webFS, "web/static")
	m.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	m.HandleFunc("GET /{$}", s.bounded(s.index))
	m.HandleFunc("GET "+assetsPath+"{path...}", s.assets)
	m.HandleFunc("GET /checks", s.bounded(s.checks))
	m.HandleFunc("GET /source/{path...}", s.source)
	m.HandleFunc("GET /events", s.events)
	m.HandleFunc("GET /email/{email}", s.bounded(s.matrix))
	m.HandleFunc("GET /email/{email}/find", s.find)
	m.HandleFunc("GET /email/{email}/results", s.bounded(s.results))
	for _, kind := range []string{"r", "s"} { // a fixture, a stored recipient (see targetOf)
		p := "/email/{email}/" + kind + "/{id}"
		m.HandleFunc("GET "+p, s.bounded(s.recipient))
		m.HandleFunc("GET "+p+"/frame", s.bounded(s.frame))
		m.HandleFunc("POST "+p+"/edit", s.bounded(s.edit))
		m.HandleFunc("POST "+p+"/save", s.bounded(s.save))
		m.HandleFunc("POST "+p+"/form", s.bounded(s.formEdit))
		m.HandleFunc("POST "+p+"/send", s.send)
		m.HandleFunc("POST "+p+"/browser", s.runBrowser)
	}
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusNotFound, "no such page")
	})
	return m
}

// bounded runs h in a render slot (see Server.work).
func (s *Server) bounded(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.acquire(w, r) {
			return
		}
		defer s.release()
		h(w, r)
	}
}

// page is what every page template gets.
type page struct {
	Title   string
	CSRF    string
	Version int       // the good build the page shows
	Build   time.Time // when that build finished
	Emails  []string
	Banner  []notice // errors and results, shown at the top
	Body    any
}

func (s *Server) newPage(b buildRef, title string, body any) page {
	return page{Title: title, CSRF: s.csrf, Version: b.Version, Build: b.At, Emails: b.Campaign.Emails(), Body: body}
}

// buildRef is the good build a request works from, read once.
type buildRef struct {
	Version  int
	At       time.Time
	Campaign *render.Campaign
}

func (s *Server) good() buildRef {
	b := s.ws.Good()
	return buildRef{Version: b.Version, At: b.At, Campaign: s.signed(b.Version, b.Campaign)}
}

// show executes a page template with status.
func (s *Server) show(w http.ResponseWriter, status int, name string, p page) {
	var buf bytes.Buffer
	if err := s.pages.ExecuteTemplate(&buf, name, p); err != nil {
		http.Error(w, "preview: template "+name+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// fail answers a bad request: JSON when the client asks for it, else a
// small HTML page.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if strings.Contains(r.Header.Get("Accept"), "application/json") {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(map[string]any{"error": msg, "status": status})
		return
	}
	body := struct {
		Status  int
		Text    string
		Message string
	}{status, http.StatusText(status), msg}
	var buf bytes.Buffer
	if err := s.pages.ExecuteTemplate(&buf, "error", body); err != nil {
		http.Error(w, msg, status)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// maxListed bounds the recipients the index and the matrix list (and the
// matrix renders); every known recipient's page still works.
const maxListed = 200

// listed returns the first maxListed recipients and how many are left out.
func listed(set []fixture) ([]fixture, int) {
	if len(set) > maxListed {
		return set[:maxListed], len(set) - maxListed
	}
	return set, 0
}

// indexRow is one email of the index with its recipients.
type indexRow struct {
	Email       string
	Description string
	Recipients  []indexPerson
}

// indexPerson is one recipient of an email with the subject and
// preheader they get.
type indexPerson struct {
	fixture
	Subject, Preheader, Err string
}

func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	b := s.good()
	ppl := s.people(r.Context(), b.Campaign)
	var rows []indexRow
	for _, e := range b.Campaign.Emails() {
		src, _ := b.Campaign.Email(e)
		row := indexRow{Email: e, Description: src.Description}
		for _, f := range ppl.All {
			p := indexPerson{fixture: f}
			msg, err := b.Campaign.Render(r.Context(), render.Request{Email: e, Profile: f.Profile, DataErrors: f.DataErrors})
			if err != nil {
				p.Err = err.Error()
			} else {
				p.Subject, p.Preheader = msg.Subject, msg.Preheader
			}
			row.Recipients = append(row.Recipients, p)
		}
		rows = append(rows, row)
	}
	body := struct {
		Rows       []indexRow
		Profile    int
		Listed     int
		More       int
		Stored     int
		StoredMore bool
	}{Rows: rows, Profile: ppl.Fixtures, Listed: ppl.Fixtures - ppl.More, More: ppl.More, Stored: ppl.Stored, StoredMore: ppl.StoredMore}
	p := s.newPage(b, "Emails", body)
	if ppl.Err != nil {
		p.Banner = []notice{{ID: "fixture-error", Kind: "error", Title: "Some recipients could not be read", Text: ppl.Err.Error(), Snippet: fileSnippet(s.opts.FS, ppl.Err.Error())}}
	}
	if ppl.StoreErr != nil {
		p.Banner = append(p.Banner, notice{ID: "store-error", Kind: "error", Title: "The audience store could not be read", Text: ppl.StoreErr.Error()})
	}
	s.show(w, http.StatusOK, "index", p)
}

// emailOf looks the {email} path value up among the campaign's emails.
func (s *Server) emailOf(w http.ResponseWriter, r *http.Request, c *render.Campaign) (string, bool) {
	name := r.PathValue("email")
	if _, ok := c.Email(name); !ok {
		s.fail(w, r, http.StatusNotFound, "unknown email "+strconvQuote(name))
		return "", false
	}
	return name, true
}

func (s *Server) matrix(w http.ResponseWriter, r *http.Request) {
	b := s.good()
	email, ok := s.emailOf(w, r, b.Campaign)
	if !ok {
		return
	}
	all, _ := s.recipientSet()
	set, more := listed(all)
	v, err := buildMatrix(r.Context(), b.Campaign, email, set)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err.Error())
		return
	}
	v.More = more
	s.show(w, http.StatusOK, "matrix", s.newPage(b, "Decision matrix: "+email, v))
}

// campaignNow is the campaign's fixed clock, else the wall clock.
func campaignNow(c *render.Campaign) time.Time {
	if t := c.Config.Clock(); !t.IsZero() {
		return t
	}
	return time.Now()
}

// recipientURL is a fixture's page in email.
func recipientURL(email, id, draft string) string { return pageURL(email, "r", id, draft) }

// pageURL is the page of recipient id in email: kind "r" for a fixture,
// "s" for a stored recipient.
func pageURL(email, kind, id, draft string) string {
	u := "/email/" + url.PathEscape(email) + "/" + kind + "/" + url.PathEscape(id)
	if draft != "" {
		u += "?draft=" + url.QueryEscape(draft)
	}
	return u
}

// pairs is a map as sorted key/value rows, for templates.
type pair struct{ K, V string }

func sortedPairs[V any](m map[string]V, str func(V) string) []pair {
	out := make([]pair, 0, len(m))
	for k, v := range m {
		out = append(out, pair{k, str(v)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].K < out[j].K })
	return out
}

func strconvQuote(s string) string {
	if len(s) > 80 {
		s = s[:80] + "..."
	}
	b, _ := json.Marshal(s)
	return string(b)
}
