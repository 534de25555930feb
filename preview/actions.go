package preview

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/mail"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/tailor-email/tailor/message"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/schema"
	"github.com/tailor-email/tailor/smtp"
)

// edit re-renders the page with an edited profile, kept in memory only.
func (s *Server) edit(w http.ResponseWriter, r *http.Request) {
	if !s.checkPost(w, r) {
		return
	}
	r.Form.Del("draft") // the edit replaces any earlier one
	t, ok := s.targetOf(w, r)
	if !ok {
		return
	}
	d, err := parseProfile(t.b.Campaign, r.PostForm.Get("profile"))
	if err != nil {
		s.editFailed(w, r, t, http.StatusBadRequest, err)
		return
	}
	http.Redirect(w, r, t.fix.url(t.email, s.drafts.put(d)), http.StatusSeeOther)
}

// joinDataErrors is one error of a profile's data errors.
func joinDataErrors(errs []*schema.Error) error {
	out := make([]error, len(errs))
	for i, e := range errs {
		out[i] = e
	}
	return errors.Join(out...)
}

// editFailed shows the page again with the text the marketer sent and why
// it was refused.
func (s *Server) editFailed(w http.ResponseWriter, r *http.Request, t target, status int, err error) {
	v := s.recipientView(r, t)
	v.ProfileJSON = r.PostForm.Get("profile")
	if len(v.ProfileJSON) > MaxProfileBytes {
		v.ProfileJSON = v.ProfileJSON[:MaxProfileBytes]
	}
	v.EditErr = err.Error()
	s.showRecipient(w, status, t, v)
}

// fixtureName is a safe fixture file name, without its .json.
var fixtureName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$`)

// postTarget guards a state-changing request (checkPost) and resolves
// its target (targetOf). It writes the error and reports false when
// either fails.
func (s *Server) postTarget(w http.ResponseWriter, r *http.Request) (target, bool) {
	if !s.checkPost(w, r) {
		return target{}, false
	}
	return s.targetOf(w, r)
}

// save writes an edited profile as testdata/recipients/NAME.json and opens
// it. It never overwrites a file, and NAME cannot leave that folder.
func (s *Server) save(w http.ResponseWriter, r *http.Request) {
	t, ok := s.postTarget(w, r)
	if !ok {
		return
	}
	if s.opts.Dir == "" || s.opts.Recipients != nil {
		s.editFailed(w, r, t, http.StatusConflict, errors.New("save as fixture needs a workspace folder (--workspace DIR) and its own fixtures (no --recipients)"))
		return
	}
	name := r.PostForm.Get("name")
	if !fixtureName.MatchString(name) {
		s.editFailed(w, r, t, http.StatusBadRequest, fmt.Errorf("fixture name %s: use 1 to 64 letters, digits, - or _", strconvQuote(name)))
		return
	}
	d, err := parseProfile(t.b.Campaign, r.PostForm.Get("profile"))
	if err != nil {
		s.editFailed(w, r, t, http.StatusBadRequest, err)
		return
	}
	p := d.profile
	from := t.b.Campaign.RecipientID(p)
	if nid := strings.TrimSpace(r.PostForm.Get("new_id")); nid != "" {
		p[t.b.Campaign.Config.IDField] = nid
	}
	id := t.b.Campaign.RecipientID(p)
	if _, taken := s.lookup(id); taken || id == "" {
		s.editFailed(w, r, t, http.StatusConflict, fmt.Errorf("a fixture needs its own %s: %s is empty or taken by another fixture; give the new fixture an ID of its own", t.b.Campaign.Config.IDField, strconvQuote(id)))
		return
	}
	if len(d.dataErrors) > 0 { // a fixture fits the schema: tailor test holds it to it
		s.editFailed(w, r, t, http.StatusBadRequest, joinDataErrors(d.dataErrors))
		return
	}
	if err := writeFixture(s.opts.Dir, name, p); err != nil {
		status := http.StatusInternalServerError
		if errors.Is(err, os.ErrExist) {
			status = http.StatusConflict
		}
		s.editFailed(w, r, t, status, err)
		return
	}
	s.forgetFixtures()
	q := url.Values{"saved": {name}, "from": {from}}
	http.Redirect(w, r, recipientURL(t.email, id, "")+"?"+q.Encode(), http.StatusSeeOther)
}

// writeFixture writes testdata/recipients/NAME.json in the workspace
// folder dir, through an os.Root: a symlink on the way that leads out of
// the folder is refused, and an existing file is never replaced.
func writeFixture(dir, name string, p map[string]any) error {
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return fmt.Errorf("save fixture: %w", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("save fixture: %w", err)
	}
	defer root.Close()
	if err := root.MkdirAll("testdata/recipients", 0o755); err != nil {
		return fmt.Errorf("save fixture: %w", err)
	}
	path := "testdata/recipients/" + name + ".json"
	f, err := root.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("save fixture %s: %w", path, err)
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("save fixture %s: %w", path, err)
	}
	return f.Close()
}

// send delivers the recipient's message, every part, to the address typed
// in the form, through the configured SMTP server.
func (s *Server) send(w http.ResponseWriter, r *http.Request) {
	t, ok := s.postTarget(w, r)
	if !ok {
		return
	}
	if !s.acquire(w, r) {
		return
	}
	v := s.recipientView(r, t)
	s.release() // the SMTP conversation does not hold a render slot
	status, err := s.sendTest(r.Context(), v.Msg, r.PostForm.Get("to"))
	if err != nil {
		v.NoticeErr = err.Error()
	} else {
		v.Notice = "Sent to " + r.PostForm.Get("to") + " through " + v.SMTP + "."
	}
	s.showRecipient(w, status, t, v)
}

func (s *Server) sendTest(ctx context.Context, msg *render.Message, to string) (int, error) {
	if s.opts.SMTP == nil {
		return http.StatusConflict, errors.New("no SMTP server: set smtp: in tailor.yaml or --smtp-host")
	}
	if msg == nil {
		return http.StatusUnprocessableEntity, errors.New("the email did not render for this recipient")
	}
	addr, err := mail.ParseAddress(to)
	if err != nil || len(to) > 254 {
		return http.StatusBadRequest, fmt.Errorf("send to %s: not one email address", strconvQuote(to))
	}
	m := *msg
	m.To = addr.String()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := smtp.Send(ctx, *s.opts.SMTP, message.MIME(&m)); err != nil {
		return http.StatusBadGateway, fmt.Errorf("send test: %w", err)
	}
	return http.StatusOK, nil
}
