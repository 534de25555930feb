package serve

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestRenderContext(t *testing.T) {
	parent, cancel := context.WithCancel(context.Background())
	ctx := renderContext(parent, time.Hour)
	if dl, ok := ctx.Deadline(); !ok || time.Until(dl) < 59*time.Minute {
		t.Errorf("deadline %v, %v: want an hour from now", dl, ok)
	}
	if err := ctx.Err(); err != nil {
		t.Errorf("before the deadline: %v", err)
	}
	if past := renderContext(parent, -time.Second); !errors.Is(past.Err(), context.DeadlineExceeded) {
		t.Errorf("past the deadline: %v", past.Err())
	}
	cancel()
	if !errors.Is(ctx.Err(), context.Canceled) {
		t.Errorf("the request's context ended: %v", ctx.Err())
	}
	<-ctx.Done() // the request's Done
	early, stop := context.WithTimeout(context.Background(), time.Minute)
	defer stop()
	if got := renderContext(early, time.Hour); got != early {
		t.Error("an earlier deadline of the request's context is not kept")
	}
}

// TestRenderTimeoutFailsTheRender: a render past the server's render
// timeout fails, on both render routes.
func TestRenderTimeoutFailsTheRender(t *testing.T) {
	s, _ := newServer(t, "", Options{RenderTimeout: time.Nanosecond})
	h := s.Handler()
	ben := mustJSON(t, fixture(t, "ben"))
	rec := do(h, "POST", "/v1/render", `{"template":"newsletter","profile":`+ben+`}`)
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "deadline") {
		t.Errorf("/v1/render: status %d: %s", rec.Code, rec.Body)
	}
	rec = do(h, "POST", "/v1/render/batch", `{"template":"newsletter","profiles":[`+ben+`]}`)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"failed":1`) || !strings.Contains(rec.Body.String(), "deadline") {
		t.Errorf("/v1/render/batch: status %d: %s", rec.Code, rec.Body)
	}
}
