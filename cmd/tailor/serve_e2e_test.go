package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tailor-email/tailor/examples/shop"
)

// TestServeEndToEnd starts a real "tailor serve" process on a free
// loopback port and posts a purchase for Ben, who has an abandoned cart:
// the email that comes back is a recent purchaser's.
func TestServeEndToEnd(t *testing.T) {
	dir, outbox := t.TempDir(), t.TempDir()
	if err := os.CopyFS(dir, shop.FS()); err != nil {
		t.Fatal(err)
	}
	// The example's purchase event, also written to the outbox.
	cfg, err := os.ReadFile(filepath.Join(dir, "tailor.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg = []byte(strings.Replace(string(cfg), "    clear: [cart, cart_updated_at]\n", "    clear: [cart, cart_updated_at]\n    outbox: true\n", 1))
	if err := os.WriteFile(filepath.Join(dir, "tailor.yaml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	base, stop := startServe(t, "--workspace", dir, "--addr", "127.0.0.1:0", "--outbox", outbox)
	ben, err := os.ReadFile(filepath.Join(dir, "testdata", "recipients", "ben.json"))
	if err != nil {
		t.Fatal(err)
	}

	var before struct{ Segments []string }
	post(t, base+"/v1/render", `{"template":"newsletter","profile":`+string(ben)+`}`, &before)
	if !slices.Contains(before.Segments, "abandoned_cart") || slices.Contains(before.Segments, "recent_purchaser") {
		t.Fatalf("before the purchase Ben's segments are %v, want abandoned_cart and not recent_purchaser", before.Segments)
	}

	var after struct {
		Profile map[string]any
		Outbox  string
		Message struct {
			Segments []string
			Modules  map[string]string
			HTML     string
		}
	}
	post(t, base+"/v1/events/purchase", `{"profile":`+string(ben)+`,"event":{"total":42.5}}`, &after)
	m := after.Message
	if !slices.Contains(m.Segments, "recent_purchaser") || slices.Contains(m.Segments, "abandoned_cart") {
		t.Fatalf("after the purchase Ben's segments are %v, want recent_purchaser and not abandoned_cart", m.Segments)
	}
	if m.Modules["hero"] != "hero/new-arrivals" || !strings.Contains(m.HTML, "Thanks for your order on "+time.Now().UTC().Format("2 January 2006")) {
		t.Fatalf("after the purchase the hero is %s, want hero/new-arrivals thanking Ben for today's order", m.Modules["hero"])
	}
	if at, _ := time.Parse(time.RFC3339, after.Profile["last_purchase_at"].(string)); time.Since(at).Abs() > time.Minute {
		t.Fatalf("last_purchase_at = %v, want now", after.Profile["last_purchase_at"])
	}
	if eml, err := os.ReadFile(after.Outbox); err != nil || !bytes.Contains(eml, []byte("To: <ben@example.com>")) {
		t.Fatalf("outbox %q: %v", after.Outbox, err)
	}
	if metrics := get(t, base+"/metrics"); !strings.Contains(metrics, `tailor_serve_renders_total{result="ok",route="event"} 1`) {
		t.Fatalf("metrics do not count the event:\n%s", metrics)
	}
	if stderr := stop(); !strings.Contains(stderr, "tailor serve: stopped") {
		t.Fatalf("stderr after SIGTERM: %s", stderr)
	}
}

// startServe runs "tailor serve args..." and returns its base URL, read
// from the first line of stdout, and a function that stops it with
// SIGTERM and returns its stderr.
func startServe(t *testing.T, args ...string) (string, func() string) {
	t.Helper()
	bin, err := exec.LookPath("tailor") // testscript.Main put the test binary on PATH as tailor
	if err != nil {
		t.Fatalf("no tailor on PATH (testscript.Main puts it there): %v", err)
	}
	cmd := exec.Command(bin, append([]string{"serve"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	stop := func() string {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("tailor serve exited: %v\n%s", err, stderr.String())
			}
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			t.Errorf("tailor serve did not stop on SIGTERM")
		}
		return stderr.String()
	}
	line := make(chan string, 1)
	go func() {
		l, _ := bufio.NewReader(out).ReadString('\n')
		line <- l
		io.Copy(io.Discard, out)
		done <- cmd.Wait()
	}()
	t.Cleanup(func() { cmd.Process.Kill() })
	select {
	case l := <-line:
		u := regexp.MustCompile(`http://[0-9.:]+`).FindString(l)
		if u == "" {
			t.Fatalf("tailor serve printed %q, want its address; stderr:\n%s", l, stderr.String())
		}
		return u, stop
	case <-time.After(60 * time.Second):
		t.Fatalf("tailor serve printed no address in 60s; stderr:\n%s", stderr.String())
	}
	return "", nil
}

func post(t *testing.T, url, body string, v any) {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("POST %s: status %d: %s", url, resp.StatusCode, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("POST %s: %v: %.300s", url, err, b)
	}
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}
