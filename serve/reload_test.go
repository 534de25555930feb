package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tailor-email/tailor/serve/internal/load"
)

// TestHotReloadUnderLoad edits a module while requests flow: none fails,
// every request sent after the new build is in use gets the new content,
// and a broken edit keeps the last good build serving.
func TestHotReloadUnderLoad(t *testing.T) {
	dir := exampleDir(t)
	s, ws := newServer(t, dir, Options{})
	ws.Delay = 20 * time.Millisecond
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	runErr := make(chan error, 1)
	go func() { runErr <- s.Run(ctx) }()
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	time.Sleep(200 * time.Millisecond) // let the watcher start

	// Anonymous recipients get the fallback hero, hero/welcome, or its
	// experiment variant.
	var bodies [][]byte
	for i := range 20 {
		bodies = append(bodies, []byte(fmt.Sprintf(`{"template":"newsletter","profile":{"id":"anon-%d","last_activity_at":"2026-11-01T00:00:00Z"}}`, i)))
	}
	var switched atomic.Int64 // unix nanos when the new build was seen in use
	var mu sync.Mutex
	var oldAfter, newSeen, welcome int
	observe := func(start time.Time, _ int, body []byte) error {
		var m struct {
			Modules map[string]string
			HTML    string
		}
		if err := json.Unmarshal(body, &m); err != nil {
			return err
		}
		if m.Modules["hero"] != "hero/welcome" {
			return nil
		}
		isNew := strings.Contains(m.HTML, "Our WINTER collection")
		mu.Lock()
		defer mu.Unlock()
		welcome++
		if isNew {
			newSeen++
		}
		if sw := switched.Load(); sw != 0 && start.UnixNano() > sw && !isNew {
			oldAfter++
		}
		return nil
	}
	// The load runs until the edits are done (at most a minute).
	loadCtx, stopLoad := context.WithCancel(ctx)
	done := make(chan load.Result)
	go func() {
		done <- load.Run(loadCtx, load.Options{URL: srv.URL + "/v1/render", Bodies: bodies, Concurrency: 8, Duration: time.Minute, Observe: observe})
	}()

	module := filepath.Join(dir, "modules", "hero", "welcome.md")
	src, err := os.ReadFile(module)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	write(t, module, strings.Replace(string(src), "Our autumn collection", "Our WINTER collection", 1))
	waitFor(t, "the edited build in use", func() bool { return s.state.Load().version == 2 })
	switched.Store(time.Now().UnixNano())

	time.Sleep(500 * time.Millisecond)
	write(t, module, "{{ if }}")
	waitFor(t, "the broken build reported", func() bool { return s.metrics.buildErr() != "" })
	health := do(s.Handler(), "GET", "/healthz", "").Body.String()
	if !strings.Contains(health, `"status":"degraded"`) || !strings.Contains(health, "modules/hero/welcome.md:1:") {
		t.Errorf("healthz during a broken build: %s", health)
	}
	time.Sleep(300 * time.Millisecond)
	stopLoad()

	res := <-done
	t.Logf("hot reload under load: %s; %d welcome heroes, %d with the edit", res, welcome, newSeen)
	if res.Errors > 0 {
		t.Fatalf("%d requests failed during the reloads; first: %v", res.Errors, res.FirstErr)
	}
	if newSeen == 0 || newSeen == welcome || oldAfter > 0 {
		t.Fatalf("%d of %d welcome heroes had the edit (want some, not all); %d sent after the switch still had the old content", newSeen, welcome, oldAfter)
	}
	if v := s.state.Load().version; v != 2 {
		t.Fatalf("build in use %d, want 2 (the broken build 3 must not replace it)", v)
	}
	stop()
	if err := <-runErr; err != nil {
		t.Fatal(err)
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if ok() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}
