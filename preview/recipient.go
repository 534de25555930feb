package preview

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/tailor-email/tailor/amp/validator"
	"github.com/tailor-email/tailor/check"
	"github.com/tailor-email/tailor/message"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/schema"
	"github.com/tailor-email/tailor/segment"
)

// target is the email and profile a recipient route works on.
type target struct {
	b       buildRef
	email   string
	fix     fixture
	draft   string // the draft key, when the profile is an edit
	src     string // the draft's JSON as written
	profile segment.Profile
	// dataErrors are the profile's values that did not fit the schema.
	dataErrors []*schema.Error
}

// targetOf resolves {email}, {id} and ?draft= against known sets only.
func (s *Server) targetOf(w http.ResponseWriter, r *http.Request) (target, bool) {
	t := target{b: s.good()}
	var ok bool
	if t.email, ok = s.emailOf(w, r, t.b.Campaign); !ok {
		return t, false
	}
	id := r.PathValue("id")
	if strings.Contains(r.Pattern, "/s/{id}") {
		var err error
		if t.fix, ok, err = s.lookupStored(r.Context(), t.b.Campaign, id); err != nil {
			s.fail(w, r, http.StatusUnprocessableEntity, err.Error())
			return t, false
		}
	} else {
		t.fix, ok = s.lookup(id)
	}
	if !ok {
		s.fail(w, r, http.StatusNotFound, "unknown recipient "+strconvQuote(id))
		return t, false
	}
	t.profile, t.dataErrors = t.fix.Profile, t.fix.DataErrors
	if key := r.FormValue("draft"); key != "" {
		p, ok := s.drafts.get(key)
		if !ok {
			s.fail(w, r, http.StatusNotFound, "this edit has expired: edit the profile again")
			return t, false
		}
		t.draft, t.profile, t.dataErrors, t.src = key, p.profile, p.dataErrors, p.src
	}
	return t, true
}

// request is the target's render request, with the profile's data
// errors, which the page lists.
func (t target) request() render.Request {
	return render.Request{Email: t.email, Profile: t.profile, DataErrors: t.dataErrors}
}

// slotView is one slot of the explain panel.
type slotView struct {
	Slot       string
	Chosen     string
	Candidates []candidateView
}

type candidateView struct {
	ID, File, Reason string
	Matched, Chosen  bool
}

// recipientView is the body of the recipient page.
type recipientView struct {
	Email, ID, Name, Where string
	Draft                  string
	Msg                    *render.Message
	RenderErr              string
	ProfileJSON            string
	EditErr                string
	Slots                  []slotView
	Scores, Tiers, Vars    []pair
	Findings               []check.Finding
	Checks                 []sevGroup  // Findings, grouped
	Browser                browserView // the browser checks, when they ran
	AMPCheck               *validator.Result
	LintErr                string
	MIME                   string
	FrameURL, BaseURL      string // BaseURL is the recipient page without the draft
	Dark                   bool   // the dark-mode toggle is on (the tailor_dark cookie)
	FrameSrc               string // FrameURL, in dark mode when Dark
	SMTP                   string // the server's address, "" when not configured
	CanSave                bool
	Notice, NoticeErr      string
	Nav                    neighbours
	Form                   []formField // the profile form
	JSONOnly               []string    // the schema's fields only the JSON editor edits
	// Kind is the page's path segment: "r" for a fixture, "s" for a
	// stored recipient, whom Stored, Suppressed and Timeline are about.
	Kind       string
	Stored     bool
	Suppressed bool
	Timeline   *timeline
}

func (s *Server) recipient(w http.ResponseWriter, r *http.Request) {
	t, ok := s.targetOf(w, r)
	if !ok {
		return
	}
	v := s.recipientView(r, t)
	status := http.StatusOK
	if v.RenderErr != "" {
		status = http.StatusUnprocessableEntity
	}
	s.showRecipient(w, status, t, v)
}

func (s *Server) showRecipient(w http.ResponseWriter, status int, t target, v *recipientView) {
	p := s.newPage(t.b, t.email+" for "+t.fix.ID, v)
	p.Banner = s.recipientBanner(t, v)
	s.show(w, status, "recipient", p)
}

// recipientView renders t and gathers everything the page shows.
func (s *Server) recipientView(r *http.Request, t target) *recipientView {
	c := t.b.Campaign
	v := &recipientView{Email: t.email, ID: t.fix.ID, Name: t.fix.Name, Where: t.fix.Where, Draft: t.draft,
		BaseURL: t.fix.url(t.email, ""),
		CanSave: s.opts.Dir != "" && s.opts.Recipients == nil, Nav: s.neighboursOf(r, t)}
	v.FrameURL = t.fix.url(t.email, "") + "/frame"
	v.Kind, v.Stored = t.fix.Kind(), t.fix.Stored
	if t.fix.Stored {
		s.storedView(r, t, v)
	}
	if t.draft != "" {
		v.FrameURL += "?draft=" + t.draft
	}
	v.FrameSrc = v.FrameURL
	if c, err := r.Cookie("tailor_dark"); err == nil && c.Value == "1" {
		// The page loads the frame in dark mode at once: switching its src
		// while the first load is in flight can leave Chromium's sandboxed
		// frame unpainted.
		v.Dark = true
		v.FrameSrc = darkURL(v.FrameURL)
	}
	if s.opts.SMTP != nil {
		v.SMTP = s.opts.SMTP.Addr()
	}
	v.Form, v.JSONOnly = profileForm(c, t.profile)
	if name := r.FormValue("saved"); fixtureName.MatchString(name) {
		v.Notice = savedNotice(c, "testdata/recipients/"+name+".json", r.FormValue("from"), t.fix.ID)
	}
	js, _ := json.MarshalIndent(t.profile, "", "  ")
	v.ProfileJSON = string(js)
	if t.src != "" {
		v.ProfileJSON = t.src
	}
	msg, err := c.Render(r.Context(), t.request())
	if err != nil {
		v.RenderErr = err.Error()
		return v
	}
	v.Msg = msg
	v.Scores = sortedPairs(msg.Scores, strconv.Itoa)
	v.Tiers = sortedPairs(msg.Tiers, func(s string) string { return s })
	v.Vars = sortedPairs(msg.Variants, func(s string) string { return s })
	v.Slots = explainSlots(c, t, msg)
	has := msg.Unsubscribe != ""
	v.Findings, err = s.lints.lint(t.email+" ("+t.fix.ID+")", msg.HTML,
		check.Options{Clients: c.Config.Clients, ListUnsubscribe: &has})
	if err != nil {
		v.LintErr = err.Error()
	}
	if acc, err := check.Accept(c, v.Findings); err == nil {
		v.Findings = acc
	}
	v.Checks = groupFindings(v.Findings, s.withBrowser(t, v))
	if msg.AMP != "" {
		res := validator.Validate([]byte(msg.AMP))
		v.AMPCheck = &res
	}
	if eml, err := message.AppendEML(nil, msg); err != nil {
		v.MIME = fmt.Sprintf("cannot build the MIME message: %v", err)
	} else {
		v.MIME = string(eml)
	}
	return v
}

func explainSlots(c *render.Campaign, t target, msg *render.Message) []slotView {
	ex, err := c.Explain(t.email, t.profile, msg.Date)
	var out []slotView
	for _, slot := range c.Slots(t.email) {
		sv := slotView{Slot: slot, Chosen: msg.Modules[slot]}
		if err == nil {
			for _, cd := range ex[slot] {
				sv.Candidates = append(sv.Candidates, candidateView{ID: cd.Module.ID, File: cd.Module.File,
					Reason: cd.Reason, Matched: cd.Matched, Chosen: cd.Module.ID == sv.Chosen})
			}
		}
		out = append(out, sv)
	}
	return out
}

// frameCSP lets the email document load its own inline styles and remote
// images and nothing else; "sandbox" gives it an opaque origin and no
// scripts even when opened outside the iframe.
const frameCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data: https: http:; font-src data: https:; " +
	"sandbox; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"

// darkURL is a frame URL with the dark scheme on; app.js builds the same.
func darkURL(frame string) string {
	if strings.Contains(frame, "?") {
		return frame + "&scheme=dark"
	}
	return frame + "?scheme=dark"
}

// frame serves the email's HTML for the iframe. With ?scheme=dark the
// email's own prefers-color-scheme: dark rules apply (see darkMode).
func (s *Server) frame(w http.ResponseWriter, r *http.Request) {
	t, ok := s.targetOf(w, r)
	if !ok {
		return
	}
	msg, err := t.b.Campaign.Render(r.Context(), t.request())
	if err != nil {
		s.fail(w, r, http.StatusUnprocessableEntity, err.Error())
		return
	}
	doc := msg.HTML
	if r.FormValue("scheme") == "dark" {
		doc = darkMode(doc)
	}
	doc = localAssets(doc, t.b.Campaign.Config.Assets.URL)
	h := w.Header()
	h.Set("Content-Security-Policy", frameCSP)
	h.Set("X-Frame-Options", "SAMEORIGIN")
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.Write([]byte(doc))
}

var (
	darkQuery  = regexp.MustCompile(`(?i)\(\s*prefers-color-scheme\s*:\s*dark\s*\)`)
	lightQuery = regexp.MustCompile(`(?i)\(\s*prefers-color-scheme\s*:\s*light\s*\)`)
)

// darkMode rewrites the preview copy so that the email's dark-scheme media
// queries always match and its light-scheme ones never do, as a client in
// dark mode would; the sent email is not changed.
func darkMode(doc string) string {
	doc = darkQuery.ReplaceAllString(doc, "(min-width: 0px)")
	return lightQuery.ReplaceAllString(doc, "(max-width: -1px)")
}
