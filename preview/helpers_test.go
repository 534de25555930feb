package preview_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"net/http/httptest"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/preview"
	"github.com/tailor-email/tailor/reload"
)

// liveEnv is a preview server over a temp copy of the example workspace,
// watching it.
type liveEnv struct {
	dir string
	url string
	srv *preview.Server
	ws  *reload.Workspace
}

// logWriter sends the server's rebuild log to the test log.
type logWriter struct{ t *testing.T }

func (w logWriter) Write(p []byte) (int, error) { w.t.Logf("%s", p); return len(p), nil }

// startLive copies the example workspace to a temp folder, serves it and
// returns once the watcher is known to see changes.
func startLive(t *testing.T, opts ...func(*preview.Options)) *liveEnv {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, shop.FS()); err != nil {
		t.Fatal(err)
	}
	ws, err := reload.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	o := preview.Options{Dir: dir, Log: logWriter{t}}
	for _, f := range opts {
		f(&o)
	}
	srv, err := preview.New(ws, o)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); srv.Run(ctx) }()
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { srv.Close(); hs.Close(); cancel(); <-done })
	waitWatching(t, ws, filepath.Join(dir, "styles", "email.css"))
	return &liveEnv{dir: dir, url: hs.URL, srv: srv, ws: ws}
}

// waitWatching touches file until the watcher rebuilds, so that a test's
// first edit is not lost while the watch is still being set up.
func waitWatching(t *testing.T, ws *reload.Workspace, file string) {
	t.Helper()
	before := ws.Last().Version
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		now := time.Now()
		if err := os.Chtimes(file, now, now); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(file)
		os.WriteFile(file, b, 0o644)
		time.Sleep(300 * time.Millisecond)
		if ws.Last().Version > before {
			settle(ws)
			return
		}
	}
	t.Fatal("the workspace watcher never rebuilt")
}

// settle waits until no build has come for half a second, so the touches
// of waitWatching are all rebuilt before a test starts.
func settle(ws *reload.Workspace) {
	last := ws.Last().Version
	for {
		time.Sleep(500 * time.Millisecond)
		v := ws.Last().Version
		if v == last {
			return
		}
		last = v
	}
}
