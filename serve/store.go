package serve

import (
	"context"
	"html/template"
	"net/http"
	"time"

	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/store"
	"github.com/tailor-email/tailor/unsubscribe"
)

// storeRoutes adds the routes of the audience store, when the server has
// one: the one-click unsubscribe target (RFC 8058: POST with the body
// List-Unsubscribe=One-Click; GET shows a page that asks first), open to
// anyone holding a URL tailor signed, and DELETE /v1/profiles/{id}, which
// needs the API's credentials like the render routes.
func (s *Server) storeRoutes(mux *http.ServeMux) {
	if s.opts.Store == nil {
		return
	}
	mux.Handle("POST "+unsubscribe.Path, s.public("unsubscribe", s.handleUnsubscribe))
	mux.Handle("GET "+unsubscribe.Path, s.public("unsubscribe_page", s.handleUnsubscribePage))
	mux.Handle("DELETE /v1/profiles/{id}", s.route("forget", s.handleForget))
	s.ingestRoutes(mux) // ingest_routes.go: POST /v1/events, GET /v1/profiles/{id}
}

// public wraps a route that takes no credentials (its URL is signed) with
// the body limit and metrics.
func (s *Server) public(name string, h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		defer func() { s.metrics.observe(name, rec.status, time.Since(start)) }()
		r.Body = http.MaxBytesReader(rec, r.Body, 4<<10)
		if err := s.safely(h, rec, r); err != nil {
			writeError(rec, err)
		}
	})
}

// withSignedUnsubscribe is c with the store's signed unsubscribe URLs
// at Options.UnsubscribeBase (unsubscribe.Signed); c without a store.
func (s *Server) withSignedUnsubscribe(c *render.Campaign) (*render.Campaign, error) {
	if s.opts.Store == nil {
		return c, nil
	}
	return unsubscribe.Signed(context.Background(), s.opts.Store, c, s.opts.UnsubscribeBase)
}

// verified checks the signed URL of r and returns its parameters; a URL
// tailor did not sign is 403.
func (s *Server) verified(r *http.Request) (unsubscribe.Params, error) {
	p := unsubscribe.ParamsOf(r.URL.Query())
	sg, err := unsubscribe.StoreSigner(r.Context(), s.opts.Store)
	if err != nil {
		return p, err
	}
	if p.ID == "" || !sg.Valid(p.ID, p.List, p.Sig) {
		return p, &Error{Status: http.StatusForbidden, Code: "bad_signature", Message: "this unsubscribe link was not made by this server"}
	}
	return p, nil
}

// handleUnsubscribe suppresses the signed URL's recipient on its list.
func (s *Server) handleUnsubscribe(w http.ResponseWriter, r *http.Request) error {
	p, err := s.verified(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil || r.PostForm.Get("List-Unsubscribe") != "One-Click" {
		return badRequest("bad_body", "List-Unsubscribe", "want the body List-Unsubscribe=One-Click (RFC 8058)")
	}
	sp := store.Suppression{Who: p.ID, List: p.List, Reason: "unsubscribe", At: time.Now()}
	if err := s.opts.Store.Suppress(r.Context(), sp); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	return pages.ExecuteTemplate(w, "done", p)
}

// handleUnsubscribePage asks before unsubscribing: a mail client or a
// link scanner that follows the URL with GET unsubscribes nobody.
func (s *Server) handleUnsubscribePage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.verified(r)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	return pages.ExecuteTemplate(w, "ask", struct {
		unsubscribe.Params
		Action string
	}{p, r.URL.RequestURI()})
}

// pages are the unsubscribe pages.
var pages = template.Must(template.New("").Parse(`
{{define "ask"}}<!doctype html><meta charset="utf-8"><title>Unsubscribe</title>
<form method="post" action="{{.Action}}"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<p>Stop receiving {{.List}} emails?</p><button type="submit">Unsubscribe</button></form>{{end}}
{{define "done"}}<!doctype html><meta charset="utf-8"><title>Unsubscribed</title>
<p>You are unsubscribed from {{.List}}: no more of these emails will be sent to you.</p>{{end}}`))

// handleForget removes a recipient's profile, events and segment history.
func (s *Server) handleForget(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	found, err := s.opts.Store.Forget(r.Context(), id)
	if err != nil {
		return err
	}
	if !found {
		return &Error{Status: http.StatusNotFound, Code: "unknown_profile", Field: "id", Message: "no stored profile " + quote(id)}
	}
	writeJSON(w, http.StatusOK, map[string]any{"forgotten": id})
	return nil
}

// suppressed reports whether the profile's recipient, by ID or by
// address, is suppressed in the store on the campaign's list or on every
// list; never without a store.
func (s *Server) suppressed(ctx context.Context, c *render.Campaign, profile map[string]any) (bool, error) {
	st := s.opts.Store
	if st == nil {
		return false, nil
	}
	email, _ := profile[c.Config.EmailField].(string)
	return store.RecipientSuppressed(ctx, st, unsubscribe.ListOf(c), c.RecipientID(profile), email)
}

// skipSuppressed is the 409 suppressed error of a profile whose
// recipient is suppressed (see suppressed); nil for others.
func (s *Server) skipSuppressed(ctx context.Context, c *render.Campaign, profile map[string]any, field string) error {
	sup, err := s.suppressed(ctx, c, profile)
	if err != nil || !sup {
		return err
	}
	id := c.RecipientID(profile)
	return &Error{Status: http.StatusConflict, Code: "suppressed", Field: field, Recipient: id,
		Message: "recipient " + quote(id) + " is on the suppression list of " + quote(unsubscribe.ListOf(c)) + ": not rendered"}
}
