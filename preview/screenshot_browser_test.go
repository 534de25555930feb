package preview_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// frameImagesLoaded is a script, run in the email iframe, that reports
// whether the document and every image have loaded.
const frameImagesLoaded = `document.readyState === "complete" && Array.prototype.every.call(document.images, function (i) { return i.complete && i.naturalWidth > 0; })`

// TestBrowserScreenshots refreshes the screenshots of docs/preview.md
// (the index, the newsletter's decision matrix and Ana's page, at
// 1280x800) when TAILOR_SCREENSHOTS names the folder to write them to:
//
//	TAILOR_SCREENSHOTS=$PWD/docs go test ./preview -run TestBrowserScreenshots
func TestBrowserScreenshots(t *testing.T) {
	dir := os.Getenv("TAILOR_SCREENSHOTS")
	if dir == "" {
		t.Skip("TAILOR_SCREENSHOTS is not set: nothing to refresh")
	}
	ctx := newBrowser(t)
	url := serveExample(t)
	shots := []struct{ file, path, ready string }{
		{"preview-index.png", "/", "table.people"},
		{"preview-matrix.png", "/email/newsletter", "#matrix-people"},
		{"preview-recipient.png", "/email/newsletter/r/c-1001", "#email-frame"},
	}
	for _, s := range shots {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(url+s.path),
			chromedp.WaitVisible(chromedp.CSS(s.ready))); err != nil {
			t.Fatal(err)
		}
		if s.ready == "#email-frame" {
			eventually(t, ctx, 30*time.Second, "the email's images", func(ctx context.Context) (bool, string) {
				ok, err := inEmailFrame(ctx, chromedp.Evaluate[bool](frameImagesLoaded))
				return err == nil && ok, "not loaded"
			})
		}
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, s.file), string(png))
		t.Logf("wrote %s (%d bytes)", s.file, len(png))
	}
}
