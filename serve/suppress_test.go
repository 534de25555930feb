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

// TestRenderSkipsSuppressed: with a store, /v1/render answers a
// recipient suppressed by ID (on every list) or by address (on the
// campaign's list) with a 409 suppressed error and no message, and
// /v1/render/batch gives each such profile that error, counted as
// suppressed, neither rendered nor failed, while the others render. A
// suppression on another list does not count.
func TestRenderSkipsSuppressed(t *testing.T) {
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "store.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ana, ben, chloe := fixture(t, "ana"), fixture(t, "ben"), fixture(t, "chloe")
	s, ws := newServer(t, "", Options{Store: st})
	defer ws.Close()
	list := ws.Current().Config.Name
	for _, sp := range []store.Suppression{
		{Who: ana["id"].(string), List: store.AllLists},
		{Who: ben["email"].(string), List: list},
		{Who: chloe["id"].(string), List: "another list"},
	} {
		sp.Reason, sp.At = "manual", time.Now()
		if err := st.Suppress(ctx, sp); err != nil {
			t.Fatal(err)
		}
	}
	h := s.Handler()
	for _, p := range []map[string]any{ana, ben} {
		rec := do(h, "POST", "/v1/render", mustJSON(t, map[string]any{"template": "newsletter", "profile": p}))
		if rec.Code != http.StatusConflict {
			t.Fatalf("%s: status %d, want 409: %s", p["id"], rec.Code, rec.Body)
		}
		if e := apiError(t, rec); e.Code != "suppressed" || e.Recipient != p["id"] || e.Field != "profile" {
			t.Errorf("%s: error %+v, want code suppressed naming the recipient", p["id"], e)
		}
	}
	if rec := do(h, "POST", "/v1/render", mustJSON(t, map[string]any{"template": "newsletter", "profile": chloe})); rec.Code != http.StatusOK {
		t.Fatalf("chloe, suppressed on another list only: status %d: %s", rec.Code, rec.Body)
	}

	rec := do(h, "POST", "/v1/render/batch", mustJSON(t, map[string]any{"template": "newsletter", "profiles": []any{ana, chloe, ben}}))
	var resp BatchResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("batch: status %d, %v: %s", rec.Code, err, rec.Body)
	}
	if resp.Rendered != 1 || resp.Failed != 0 || resp.Suppressed != 2 {
		t.Errorf("batch: rendered %d, failed %d, suppressed %d; want 1, 0, 2", resp.Rendered, resp.Failed, resp.Suppressed)
	}
	for i, want := range []string{"suppressed", "", "suppressed"} {
		r := resp.Results[i]
		switch {
		case want == "" && (r.Message == nil || r.Error != nil):
			t.Errorf("result %d: %+v, want a message", i, r.Error)
		case want != "" && (r.Message != nil || r.Error == nil || r.Error.Code != want || r.Error.Status != http.StatusConflict):
			t.Errorf("result %d: %+v, want a 409 %s error and no message", i, r.Error, want)
		}
	}
}
