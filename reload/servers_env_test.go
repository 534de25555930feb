package reload_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tailor-email/tailor/internal/mutate"
	"github.com/tailor-email/tailor/preview"
	"github.com/tailor-email/tailor/reload"
	"github.com/tailor-email/tailor/serve"
)

// servers is the preview server and the render API over one folder.
type servers struct {
	dir              string
	previewURL       string
	serveURL         string
	preview, serve   *builds
	previewWS, apiWS *reload.Workspace
	events           *eventStream
	stopAll          func()
}

// startServers opens dir twice, as two processes would, and runs preview
// and serve on it, each watching the folder, until stop.
func startServers(t *testing.T, dir string) *servers {
	t.Helper()
	s := &servers{dir: dir}
	var err error
	if s.previewWS, err = reload.Open(dir, nil); err != nil {
		t.Fatal(err)
	}
	if s.apiWS, err = reload.Open(dir, nil); err != nil {
		t.Fatal(err)
	}
	s.previewWS.Delay, s.apiWS.Delay = 5*time.Millisecond, 5*time.Millisecond // the test waits for each build
	ps, err := preview.New(s.previewWS, preview.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	as, err := serve.New(s.apiWS, serve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	s.preview, s.serve = follow("preview", s.previewWS, done), follow("serve", s.apiWS, done)
	var runs sync.WaitGroup
	for _, run := range []func(context.Context) error{ps.Run, as.Run} {
		runs.Go(func() {
			if err := run(ctx); err != nil {
				t.Errorf("a server's Run ended: %v", err)
			}
		})
	}
	<-s.previewWS.Watching()
	<-s.apiWS.Watching()
	ph, ah := httptest.NewServer(ps.Handler()), httptest.NewServer(as.Handler())
	s.previewURL, s.serveURL = ph.URL, ah.URL
	s.events = readEvents(ctx, t, s.previewURL)
	s.stopAll = func() {
		ps.Close() // ends the event streams
		ph.Close()
		ah.Close()
		cancel()
		runs.Wait()
		close(done)
		s.events.wait()
		s.previewWS.Close()
		s.apiWS.Close()
	}
	return s
}

func (s *servers) stop() { s.stopAll() }

// sync writes testdata/sync/N, which no build reads, after mutation N, and
// waits for the build of each server that names it: inotify keeps the
// order of events, so that build started after the mutation was seen.
func (s *servers) sync(t *testing.T, n int, m mutate.Mutation) {
	t.Helper()
	name := fmt.Sprintf("testdata/sync/%d", n)
	if err := os.WriteFile(filepath.Join(s.dir, filepath.FromSlash(name)), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s.preview.wait(t, name, m)
	s.serve.wait(t, name, m)
	for _, b := range []*builds{s.preview, s.serve} {
		if p := b.problems(); len(p) > 0 {
			t.Fatalf("after %s: %s", m, p[0])
		}
	}
}

// checkRestored checks that the workspace as it was builds, and that both
// servers serve that build.
func (s *servers) checkRestored(t *testing.T) {
	t.Helper()
	for _, ws := range []*reload.Workspace{s.previewWS, s.apiWS} {
		if b := ws.Last(); b.Err != nil || ws.Good().Version != b.Version {
			t.Fatalf("the restored workspace did not build: %v", b.Err)
		}
	}
	status, body := get(s.previewURL + "/email/newsletter/r/c-1001")
	if status != 200 || !strings.Contains(body, "Ana") {
		t.Errorf("preview after the restore: %d %.300s", status, body)
	}
	status, body = post(s.serveURL+"/v1/render", `{"template":"picks","profile":{"id":"c-1","email":"a@example.com"}}`)
	if status != 200 || !strings.Contains(body, "Linen shirt") {
		t.Errorf("serve after the restore: %d %.300s", status, body)
	}
	if s.events.failed.Load() == 0 {
		t.Error("the preview's event stream showed no failed build")
	}
}

// eventStream reads the preview's /events and checks that each failed
// build it shows carries its error at its place.
type eventStream struct {
	failed atomic.Int64
	done   chan struct{}
}

func readEvents(ctx context.Context, t *testing.T, base string) *eventStream {
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/events", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	e := &eventStream{done: make(chan struct{})}
	go func() {
		defer close(e.done)
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data: ")
			var ev struct {
				OK    bool   `json:"ok"`
				Error string `json:"error"`
			}
			if !ok || json.Unmarshal([]byte(data), &ev) != nil || ev.OK {
				continue
			}
			e.failed.Add(1)
			if !placedError.MatchString(ev.Error) {
				t.Errorf("the preview showed a failed build without its place: %.300s", ev.Error)
			}
		}
	}()
	return e
}

func (e *eventStream) wait() { <-e.done }

func get(url string) (int, string) {
	res, err := http.Get(url)
	return answer(res, err)
}

func post(url, body string) (int, string) {
	res, err := http.Post(url, "application/json", strings.NewReader(body))
	return answer(res, err)
}

// answer reads a whole response; a request that got none is status 0.
func answer(res *http.Response, err error) (int, string) {
	if err != nil {
		return 0, err.Error()
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return 0, err.Error()
	}
	return res.StatusCode, string(b)
}
