package serve

import (
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/tailor-email/tailor/store"
)

// TestRenderSendAt: with send_time in tailor.yaml, the message POST
// /v1/render answers has send_at from the recipient's stored open and click events
// (other events do not count), and the fallback's for one without any.
func TestRenderSendAt(t *testing.T) {
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "store.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	dir := exampleDir(t)
	appendFile(t, filepath.Join(dir, "tailor.yaml"), "", "\nsend_time:\n  fallback: \"10:00\"\n")
	ana, ben := fixture(t, "ana"), fixture(t, "ben")
	for i, name := range []string{"open", "click", "open", "purchase", "purchase", "purchase"} {
		hour := 18
		if name == "purchase" {
			hour = 12
		}
		at := time.Date(2026, 10, 26+i, hour, 30, 0, 0, time.UTC) // GMT: London time is UTC
		if _, err := st.Append(ctx, store.Event{Profile: ana["id"].(string), Name: name, At: at}); err != nil {
			t.Fatal(err)
		}
	}
	s, ws := newServer(t, dir, Options{Store: st})
	defer ws.Close()
	h := s.Handler()
	for p, want := range map[*map[string]any]string{&ana: "2026-11-03T18:00:00Z", &ben: "2026-11-03T10:00:00Z"} {
		rec := do(h, "POST", "/v1/render", mustJSON(t, map[string]any{"template": "newsletter", "profile": *p}))
		var resp struct {
			SendAt string `json:"send_at"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d, %v: %s", (*p)["id"], rec.Code, err, rec.Body)
		}
		if resp.SendAt != want {
			t.Errorf("%s: send_at %q, want %s", (*p)["id"], resp.SendAt, want)
		}
	}
}
