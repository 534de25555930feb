package preview

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"time"

	"github.com/tailor-email/tailor/reload"
)

// buildEvent is the JSON of one server-sent "build" event.
type buildEvent struct {
	Version int    `json:"version"` // this build
	Good    int    `json:"good"`    // the build being served
	OK      bool   `json:"ok"`
	Error   string `json:"error,omitempty"` // file:line:col: message, one per line
	// Snippet is the source around the first error's line.
	Snippet []srcLine `json:"snippet,omitempty"`
	TookMS  int64     `json:"took_ms"`
	At      string    `json:"at"`
}

func eventOf(b reload.Build, good int, ws fs.FS) buildEvent {
	e := buildEvent{Version: b.Version, Good: good, OK: b.Err == nil, TookMS: b.Took.Milliseconds(), At: b.At.Format(time.RFC3339)}
	if b.Err != nil {
		e.Error = b.Err.Error()
		e.Snippet = fileSnippet(ws, e.Error)
	}
	return e
}

// events streams every build to the page: first the last build (so a page
// opened while the workspace is broken shows the overlay at once), then
// each new one, until the client leaves or the server closes.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		s.fail(w, r, http.StatusNotImplemented, "streaming unsupported")
		return
	}
	ch, cancel := s.ws.Subscribe()
	defer cancel()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	send := func(b reload.Build) bool {
		data, _ := json.Marshal(eventOf(b, s.ws.Good().Version, s.ws.FS()))
		_, err := fmt.Fprintf(w, "event: build\ndata: %s\n\n", data)
		fl.Flush()
		return err == nil
	}
	if !send(s.ws.Last()) {
		return
	}
	ping := time.NewTicker(20 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case b := <-ch:
			if !send(b) {
				return
			}
		case <-ping.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil {
				return
			}
			fl.Flush()
		}
	}
}
