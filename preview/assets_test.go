package preview_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAssets: preview serves the example's assets folder at /assets/ and
// points the email frame's images at it; the page's source and MIME tabs
// keep the public URLs; nothing outside the folder is served.
func TestAssets(t *testing.T) {
	h, dir := newHandler(t)
	res, body := do(t, h, "GET", "/assets/logo.png", nil, nil)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/png" || !strings.HasPrefix(body, "\x89PNG") {
		t.Errorf("logo: status %d, type %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	secret := filepath.Join(t.TempDir(), "secret.txt")
	writeFile(t, secret, "secret")
	if err := os.Symlink(secret, filepath.Join(dir, "assets", "link.txt")); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/assets/", "/assets/../tailor.yaml", "/assets/%2e%2e/tailor.yaml", "/assets/nope.png", "/assets/link.txt", "/assets//etc/passwd"} {
		// The router answers a path with .. or // by redirecting to its
		// clean form, which is then looked up as any other.
		if res, _ := do(t, h, "GET", p, nil, nil); res.StatusCode != 404 && res.StatusCode != 307 {
			t.Errorf("%s: status %d, want 404 (or 307 to the clean path)", p, res.StatusCode)
		}
	}
	_, frame := do(t, h, "GET", "/email/newsletter/r/c-1001/frame", nil, nil)
	if !strings.Contains(frame, `src="/assets/logo.png"`) || strings.Contains(frame, `src="https://shop.example/img/`) {
		t.Errorf("the frame's images do not point at the assets: %.600s", frame)
	}
	if !strings.Contains(frame, `href="https://shop.example/`) {
		t.Error("links were rewritten too")
	}
	_, page := do(t, h, "GET", "/email/newsletter/r/c-1001", nil, nil)
	if !strings.Contains(page, `src=&#34;https://shop.example/img/logo.png&#34;`) || strings.Contains(page, "/assets/logo.png") {
		t.Error("the source the page shows is not the sent email's")
	}
}
