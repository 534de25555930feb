package serve

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/reload"
)

// testEvents is the events: section the tests add to the example.
const testEvents = `events:
  purchase:
    email: newsletter
    merge: {last_purchase_at: "{{ .Now }}", last_activity_at: "{{ .Now }}"}
    append: {orders: {at: "{{ .Now }}", total: "{{ .Event.total }}"}}
    clear: [cart, cart_updated_at]
  signed:
    email: newsletter
    secret_env: TEST_EVENT_SECRET
  boxed:
    email: newsletter
    outbox: true
  mailed:
    email: newsletter
    send: true
`

// testNow is the clock of test requests: a day after the example's.
var testNow = time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)

// exampleDir copies the example workspace, with testEvents, to a temp dir.
func exampleDir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, shop.FS()); err != nil {
		t.Fatal(err)
	}
	// CopyFS keeps embed's read-only modes; tests edit these files.
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil {
			mode := os.FileMode(0o644)
			if d.IsDir() {
				mode = 0o755
			}
			os.Chmod(p, mode)
		}
		return err
	})
	cfg, err := os.ReadFile(filepath.Join(dir, "tailor.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	base, _, _ := strings.Cut(string(cfg), "\nevents:\n") // the example's own events
	if err := os.WriteFile(filepath.Join(dir, "tailor.yaml"), []byte(base+"\n"+testEvents), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// newServer opens dir (a copy of the example when "") with opts.
func newServer(t testing.TB, dir string, opts Options) (*Server, *reload.Workspace) {
	t.Helper()
	if dir == "" {
		dir = exampleDir(t)
	}
	ws, err := reload.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	opts.Now = testNow
	if opts.Getenv == nil {
		opts.Getenv = func(string) string { return "" }
	}
	s, err := New(ws, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s, ws
}

// fixture reads one example fixture profile as JSON.
func fixture(t testing.TB, name string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "examples", "shop", "testdata", "recipients", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var p map[string]any
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func mustJSON(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// do sends one request to h and returns the recorded response.
func do(h http.Handler, method, path, body string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, bytes.NewBufferString(body))
	req.Host = "127.0.0.1:8080"
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1]
			continue
		}
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// apiError decodes an {"error": ...} body.
func apiError(t testing.TB, rec *httptest.ResponseRecorder) Error {
	t.Helper()
	var body struct{ Error *Error }
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error == nil {
		t.Fatalf("status %d: want an {\"error\":...} JSON body, got %q (%v)", rec.Code, rec.Body.String(), err)
	}
	return *body.Error
}
