package serve

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"sync"
	"time"

	"github.com/tailor-email/tailor/message"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/store"
	"github.com/tailor-email/tailor/track"
)

// trackingRoutes adds, with a store, the signed click redirect and open
// pixel of tracked messages (open to anyone holding a URL tailor signed,
// whether tracking is on in the current build or not, so that links
// already sent keep working) and the ESP webhooks (esp.go).
func (s *Server) trackingRoutes(mux *http.ServeMux) {
	if s.opts.Store == nil {
		return
	}
	mux.Handle("GET "+track.ClickPath+"{mid}/{sig}", s.public("click", s.handleClick))
	mux.Handle("GET "+track.OpenPath+"{mid}/{sig}", s.public("open", s.handleOpen))
	mux.Handle("POST /v1/esp/{provider}", s.espRoute("esp", s.handleESP))
}

// signerCache holds the tracking signer, made from the store's key on
// first use.
type signerCache struct {
	mu sync.Mutex
	sg *track.Signer
}

// trackSigner is the signer of the store's tracking key; nil without a
// store.
func (s *Server) trackSigner(ctx context.Context) (*track.Signer, error) {
	if s.opts.Store == nil {
		return nil, nil
	}
	c := &s.signers
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sg == nil {
		sg, err := track.StoreSigner(ctx, s.opts.Store)
		if err != nil {
			return nil, err
		}
		c.sg = &sg
	}
	return c.sg, nil
}

// tracking is the build's tracking: settings, read when it loaded.
func tracking(st *state) track.Settings { return st.tracking }

// trackMessage gives msg its tracking URLs when the build tracks (signed
// with the store's key; without a store the links go straight to their
// URL), and its HTML's JSON form in htmlJSON likewise, which it returns.
func (s *Server) trackMessage(ctx context.Context, st *state, msg *render.Message, htmlJSON []byte) ([]byte, error) {
	ts := tracking(st)
	if !ts.On() {
		return htmlJSON, nil
	}
	sg, err := s.trackSigner(ctx)
	if err != nil {
		return htmlJSON, err
	}
	return ts.Message(msg, sg, htmlJSON), nil
}

// trackJob gives a trigger's message its tracking URLs for mid, the
// Message-ID its job sends it under.
func (s *Server) trackJob(ctx context.Context, st *state, msg *render.Message, mid string) error {
	ts := tracking(st)
	if !ts.On() {
		return nil
	}
	sg, err := s.trackSigner(ctx)
	if err == nil {
		ts.MessageAs(msg, mid, sg, nil)
	}
	return err
}

// finishMessage gives a render route's message its tracking (the HTML's
// JSON form in *htmlJSON too, when not nil) and, when the request says
// its caller sends it, logs it as sent by the workspace: a request that
// asks so of a server without a store is refused.
func (s *Server) finishMessage(ctx context.Context, st *state, msg *render.Message, htmlJSON *[]byte, record bool) error {
	if record && s.opts.Store == nil {
		return badRequest("no_store", "record", "record: this server keeps no send log (it has no store)")
	}
	var j []byte
	if htmlJSON != nil {
		j = *htmlJSON
	}
	j, err := s.trackMessage(ctx, st, msg, j)
	if err != nil {
		return err
	}
	if htmlJSON != nil {
		*htmlJSON = j
	}
	if !record {
		return nil
	}
	return s.logSend(ctx, st.campaign.Config.Name, msg)
}

// logSend logs msg in the store's send log as sent by campaign; nothing
// without a store, or for a message with no Message-ID.
func (s *Server) logSend(ctx context.Context, campaign string, msg *render.Message) error {
	if s.opts.Store == nil {
		return nil
	}
	sd := message.Send(msg, campaign)
	if sd.MessageID == "" {
		return nil
	}
	return s.opts.Store.RecordSends(ctx, []store.Send{sd})
}

// logSent logs a delivered message (logSend) under mid, or its own
// Message-ID when mid is ""; a failure goes to the server's log: the
// message went out all the same.
func (s *Server) logSent(ctx context.Context, campaign string, msg *render.Message, mid string) {
	if s.opts.Store == nil {
		return
	}
	sd := message.Send(msg, campaign)
	if mid != "" {
		sd.MessageID = mid
	}
	if sd.MessageID == "" {
		return
	}
	if err := s.opts.Store.RecordSends(ctx, []store.Send{sd}); err != nil {
		fmt.Fprintf(s.opts.Log, "tailor serve: send log: %v\n", err)
	}
}

// convert counts an event of recipient id as a conversion of the last
// send to them (track.Settings.Convert); a failure is logged, the event
// still answered.
func (s *Server) convert(ctx context.Context, st *state, name, id string, event map[string]any, at time.Time) {
	if s.opts.Store == nil {
		return
	}
	if _, _, err := tracking(st).Convert(ctx, s.opts.Store, name, id, event, at); err != nil {
		fmt.Fprintf(s.opts.Log, "tailor serve: conversion of %s by %s: %v\n", name, id, err)
	}
}

// handleClick redirects a signed click URL to its target and records
// the click; a URL tailor did not sign (another target, another message)
// is refused, so the route redirects nowhere else.
func (s *Server) handleClick(w http.ResponseWriter, r *http.Request) error {
	mid, sig, target := r.PathValue("mid"), r.PathValue("sig"), r.URL.Query().Get("u")
	sg, err := s.trackSigner(r.Context())
	if err != nil {
		return err
	}
	if u, err := url.Parse(target); err != nil || u.Scheme != "https" && u.Scheme != "http" || !sg.ValidClick(mid, sig, target) {
		return &Error{Status: http.StatusForbidden, Code: "bad_signature", Message: "this link was not made by this server"}
	}
	s.recordHit(r, store.Clicked, mid, target)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	http.Redirect(w, r, target, http.StatusFound)
	return nil
}

// handleOpen answers a signed open pixel with a 1x1 transparent GIF,
// which no cache keeps, and records the open; it sets no cookie.
func (s *Server) handleOpen(w http.ResponseWriter, r *http.Request) error {
	mid, sig := r.PathValue("mid"), r.PathValue("sig")
	sg, err := s.trackSigner(r.Context())
	if err != nil {
		return err
	}
	if !sg.ValidOpen(mid, sig) {
		return &Error{Status: http.StatusForbidden, Code: "bad_signature", Message: "this pixel was not made by this server"}
	}
	s.recordHit(r, store.Opened, mid, "")
	img, err := pixel()
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "image/gif")
	h.Set("Cache-Control", "no-store, no-cache, must-revalidate, private")
	h.Set("Content-Length", fmt.Sprint(len(img)))
	w.Write(img)
	return nil
}

// pixel is a 1x1 transparent GIF.
func pixel() ([]byte, error) {
	img := image.NewPaletted(image.Rect(0, 0, 1, 1), color.Palette{color.Transparent})
	var b bytes.Buffer
	err := gif.Encode(&b, img, nil)
	return b.Bytes(), err
}

// recordHit records an open or click of message mid, marked as a
// machine's when track.Machine tells; a failure is logged, the reader
// still answered.
func (s *Server) recordHit(r *http.Request, kind store.OutcomeKind, mid, target string) {
	ctx := r.Context()
	h := track.Hit{Kind: kind, Method: r.Method, UserAgent: r.UserAgent(), At: s.clock().UTC()}
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		h.Remote, _ = netip.ParseAddr(host)
	}
	o := store.Outcome{MessageID: mid, Kind: kind, At: h.At, URL: target, Source: "tracking"}
	sends, err := s.opts.Store.SendsByID(ctx, mid)
	if sd, ok := sends[mid]; ok {
		h.Sent, o.Recipient = sd.At, sd.Recipient
	}
	o.Machine, _ = track.Machine(h)
	if err == nil {
		err = s.opts.Store.RecordOutcomes(ctx, []store.Outcome{o})
	}
	if err != nil {
		fmt.Fprintf(s.opts.Log, "tailor serve: recording a %s of %s: %v\n", kind, mid, err)
	}
}
