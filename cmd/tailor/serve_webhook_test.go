package main

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/serve"
)

// TestServeSignedWebhooks runs a real "tailor serve" with a webhook secret
// and --webhook-tolerance 1m: a signature two minutes old is refused, a
// fresh one passes, and its replay gets the same answer and writes no
// second outbox file.
func TestServeSignedWebhooks(t *testing.T) {
	dir, outbox := t.TempDir(), t.TempDir()
	if err := os.CopyFS(dir, shop.FS()); err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile(filepath.Join(dir, "tailor.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg = []byte(strings.Replace(string(cfg), "    clear: [cart, cart_updated_at]\n", "    clear: [cart, cart_updated_at]\n    outbox: true\n", 1))
	if err := os.WriteFile(filepath.Join(dir, "tailor.yaml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TAILOR_WEBHOOK_SECRET", "s3cret")
	base, stop := startServe(t, "--workspace", dir, "--addr", "127.0.0.1:0", "--outbox", outbox, "--webhook-tolerance", "1m")
	defer stop()
	body := `{"profile":{"id":"c-1","email":"a@example.com"},"event":{"total":42.5}}`

	status, answer := postSigned(t, base, body, serve.Sign(time.Now().Add(-2*time.Minute), []byte(body), "s3cret"))
	if status != 401 || !strings.Contains(answer, "outside the tolerance of 1m0s") {
		t.Fatalf("signed 2 minutes ago under --webhook-tolerance 1m: %d %s, want 401 naming the tolerance", status, answer)
	}
	sig := serve.Sign(time.Now(), []byte(body), "s3cret")
	status, first := postSigned(t, base, body, sig)
	if status != 200 {
		t.Fatalf("signed now: %d %s", status, first)
	}
	if status, again := postSigned(t, base, body, sig); status != 200 || again != first {
		t.Fatalf("the replay answered %d %s\nwant the first answer %s", status, again, first)
	}
	if files, _ := os.ReadDir(filepath.Join(outbox, "purchase")); len(files) != 1 {
		t.Fatalf("the event and its replay wrote %d outbox files, want 1", len(files))
	}
}

// postSigned posts body to the purchase event with an X-Tailor-Signature.
func postSigned(t *testing.T, base, body, sig string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("POST", base+"/v1/events/purchase", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set(serve.SignatureHeader, sig)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
