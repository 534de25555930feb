package serve

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"

	"github.com/tailor-email/tailor/message"
	"github.com/tailor-email/tailor/mime"
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/serve/events"
	"github.com/tailor-email/tailor/smtp"
)

// deliver writes the event's message to the outbox and sends it, as the
// event asks.
func (s *Server) deliver(ctx context.Context, st *state, ev *events.Event, msg *render.Message, resp *EventResponse) error {
	if !ev.Config.Outbox && !ev.Config.Send {
		return nil
	}
	mm := message.MIME(msg)
	var eml bytes.Buffer
	if err := mime.Write(&eml, mm); err != nil {
		e := renderFailed(msg.ID, err)
		e.Code = "eml_failed"
		return e
	}
	if ev.Config.Outbox {
		path, err := s.writeOutbox(ev.Name, msg, eml.Bytes())
		if err != nil {
			return err
		}
		resp.Outbox = path
	}
	if ev.Config.Send {
		if err := s.send(ctx, st, mm); err != nil {
			return err
		}
		resp.Sent = true
	}
	return nil
}

// writeOutbox writes OUTBOX/<event>/<unix nanos>-<seq>-<recipient>.eml through a
// temporary file and a rename, so a reader never sees half a message.
func (s *Server) writeOutbox(event string, msg *render.Message, eml []byte) (string, error) {
	if s.opts.Outbox == "" {
		return "", &Error{Status: http.StatusServiceUnavailable, Code: "no_outbox",
			Message: "event " + event + " has outbox: true but the server has no outbox folder (--outbox DIR)"}
	}
	seq := s.outboxSeq.Add(1) // keeps two names apart within one clock tick
	name := strconv.FormatInt(s.clock().UnixNano(), 10) + "-" + strconv.FormatInt(seq, 10) + "-" + nameOr(msg.ID, "_") + ".eml"
	path := filepath.Join(s.opts.Outbox, nameOr(event, "_"), name)
	if err := writeAtomic(path, eml); err != nil {
		fmt.Fprintf(s.opts.Log, "tailor serve: outbox: %v\n", err)
		return "", &Error{Status: http.StatusInternalServerError, Code: "outbox_failed", Message: "writing the outbox failed; see the server log"}
	}
	return path, nil
}

// nameOr is recipients.FileName(s), or alt for a string that makes no
// name (empty, too long): the clock and sequence before it keep outbox
// names apart.
func nameOr(s, alt string) string {
	if name, err := recipients.FileName(s); err == nil {
		return name
	}
	return alt
}

// send delivers through --smtp-* or tailor.yaml's smtp:.
func (s *Server) send(ctx context.Context, st *state, mm *mime.Message) error {
	cfg := s.opts.SMTP
	if cfg == nil {
		cfg = st.smtp
	}
	if cfg == nil {
		return &Error{Status: http.StatusServiceUnavailable, Code: "no_smtp", Message: "the event has send: true but no SMTP is set (tailor.yaml smtp: or --smtp-host)"}
	}
	if err := smtp.Send(ctx, *cfg, mm); err != nil {
		fmt.Fprintf(s.opts.Log, "tailor serve: smtp: %v\n", err)
		return &Error{Status: http.StatusBadGateway, Code: "send_failed", Message: "sending through SMTP failed: " + err.Error()}
	}
	return nil
}

// writeAtomic writes data to path through a temporary file in the same
// folder and a rename.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	f, err := os.CreateTemp(dir, ".tmp-*.eml")
	if err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("outbox %s: %w", path, err)
	}
	return nil
}
