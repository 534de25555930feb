package load

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
)

func TestRunCountsErrorsAndLatencies(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1)%4 == 0 {
			http.Error(w, "nope", http.StatusUnprocessableEntity)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	res := Run(context.Background(), Options{URL: srv.URL, Bodies: [][]byte{[]byte("{}")}, Concurrency: 3, Duration: 200 * time.Millisecond})
	if res.Requests == 0 || int64(res.Requests) != n.Load() {
		t.Fatalf("requests %d, server saw %d", res.Requests, n.Load())
	}
	if want := res.Requests / 4; res.Errors < want-3 || res.Errors > want+3 {
		t.Fatalf("errors %d, want about %d of %d", res.Errors, want, res.Requests)
	}
	if res.FirstErr == nil || !strings.Contains(res.FirstErr.Error(), "status 422") {
		t.Fatalf("first error %v", res.FirstErr)
	}
	if q := res.Quantile(0.5); q <= 0 || q > res.Quantile(0.99) {
		t.Fatalf("median %s, p99 %s", q, res.Quantile(0.99))
	}
}
