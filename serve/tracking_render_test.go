package serve

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestRenderRecord: the render routes give messages their tracking, and
// log them when the request says "record": true (its caller sends them);
// without it nothing is logged, and without a store it is refused.
func TestRenderRecord(t *testing.T) {
	s, st := trackedServer(t, Options{})
	h := s.Handler()
	ana, ben := fixture(t, "ana"), fixture(t, "ben")
	rec := do(h, "POST", "/v1/render", mustJSON(t, map[string]any{"template": "newsletter", "profile": ana}))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "https://mail.example.com/t/c/") || !strings.Contains(rec.Body.String(), "/t/o/") {
		t.Fatalf("render: %d, tracked links and pixel? %.300s", rec.Code, rec.Body)
	}
	count := func() int {
		n := 0
		for _, err := range st.SendsBetween(context.Background(), time.Time{}, time.Time{}) {
			if err != nil {
				t.Fatal(err)
			}
			n++
		}
		return n
	}
	if n := count(); n != 0 {
		t.Fatalf("%d sends logged without record", n)
	}
	rec = do(h, "POST", "/v1/render", mustJSON(t, map[string]any{"template": "newsletter", "profile": ana, "record": true}))
	if rec.Code != http.StatusOK || count() != 1 {
		t.Fatalf("render with record: %d, %d sends", rec.Code, count())
	}
	rec = do(h, "POST", "/v1/render/batch", mustJSON(t, map[string]any{"template": "newsletter", "profiles": []any{ana, ben}, "record": true}))
	var resp BatchResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || resp.Rendered != 2 {
		t.Fatalf("batch with record: %d %v %s", rec.Code, err, rec.Body)
	}
	if n := count(); n != 2 { // ana's message was logged already: kept once
		t.Errorf("%d sends after the batch, want ana's and ben's", n)
	}

	plain, ws := newServer(t, "", Options{})
	defer ws.Close()
	rec = do(plain.Handler(), "POST", "/v1/render", mustJSON(t, map[string]any{"template": "newsletter", "profile": ana, "record": true}))
	if e := apiError(t, rec); rec.Code != http.StatusBadRequest || e.Code != "no_store" {
		t.Errorf("record without a store: %d %+v", rec.Code, e)
	}
}
