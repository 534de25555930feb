package serve

import (
	"context"
	"encoding/json"
	"flag"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/serve/internal/load"
)

var (
	loadDuration    = flag.Duration("load.duration", 2*time.Second, "how long TestLoad sends requests (env TAILOR_LOAD_DURATION)")
	loadConcurrency = flag.Int("load.concurrency", 50, "requests TestLoad keeps in flight")
	loadURL         = flag.String("load.url", "", "base URL of a running tailor serve to load instead of an in-process server (scripts/load-serve.sh)")
)

// duration is -load.duration, or TAILOR_LOAD_DURATION when set.
func duration(t *testing.T) time.Duration {
	if s := os.Getenv("TAILOR_LOAD_DURATION"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil {
			t.Fatalf("TAILOR_LOAD_DURATION: %v", err)
		}
		return d
	}
	return *loadDuration
}

// renderBodies are /v1/render bodies, one per example fixture.
func renderBodies(t testing.TB) [][]byte {
	t.Helper()
	recs, err := recipients.Fixtures(shop.FS())
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for _, r := range recs {
		b, err := json.Marshal(RenderRequest{Template: "newsletter", Profile: r.Profile})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// TestLoad renders the example fixtures over loopback HTTP at
// -load.concurrency for -load.duration and wants no failed request. The
// figures it logs are the load report: go test ./serve -run TestLoad -v
// -load.duration=30s.
func TestLoad(t *testing.T) {
	base := *loadURL
	if base == "" {
		s, _ := newServer(t, "", Options{})
		srv := httptest.NewServer(s.Handler())
		defer srv.Close()
		base = srv.URL
	}
	res := load.Run(context.Background(), load.Options{
		URL: base + "/v1/render", Bodies: renderBodies(t),
		Concurrency: *loadConcurrency, Duration: duration(t),
	})
	t.Logf("load: %s, %d concurrent, /v1/render, %d example fixtures: %s", base, *loadConcurrency, len(renderBodies(t)), res)
	if res.Errors > 0 || res.Requests == 0 {
		t.Fatalf("%d of %d requests failed; first: %v", res.Errors, res.Requests, res.FirstErr)
	}
}
