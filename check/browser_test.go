package check

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/render"
)

// testBrowser starts Chromium, or skips without one (fails in CI).
func testBrowser(t *testing.T) *Browser {
	t.Helper()
	path, err := FindChromium()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%v: CI must install it (.ci/run does)", err)
		}
		t.Skipf("skipping the browser test: %v", err)
	}
	b, err := StartBrowser(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return b
}

// faults is a workspace (testdata/browserfaults, which the preview's
// browser-check test reuses) whose email has one layout fault per module
// file: an overflowing panel, a button invisible in dark mode, faint
// text, and a small tap target. Everything else is clean, in light and
// dark mode.
var faults = os.DirFS("testdata/browserfaults")

// TestBrowserFaults: real Chromium lays the fixture out at every width,
// light and dark, and finds exactly its four faults, each on the module
// file that wrote the element.
func TestBrowserFaults(t *testing.T) {
	b := testBrowser(t)
	c, err := render.Load(faults)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	fs, err := BrowserWorkspace(ctx, b, c, faults, nil, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range fs {
		got = append(got, f.Severity.String()+" "+f.Rule+" "+f.File)
	}
	want := []string{
		"error browser/overflow modules/wide/panel.html",
		"error browser/invisible modules/button/dark.html",
		"error browser/contrast modules/faint/note.html",
		"warning browser/tap-target modules/tiny/link.html",
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("findings:\n%s\nwant:\n%s\nin full:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), text(fs))
	}
	for _, f := range fs {
		if f.Line == 0 || len(f.Recipients) != 1 || f.Recipients[0] != "a" {
			t.Errorf("%s: want a line and recipient a: %+v", f.Rule, f)
		}
	}
	byRule := map[string]Finding{}
	for _, f := range fs {
		byRule[f.Rule] = f
	}
	for rule, part := range map[string]string{
		"browser/overflow":   "<td> overflows its container <tr> by 16 px",
		"browser/invisible":  "invisible in dark mode (#111827 on #111827, 1.00:1)",
		"browser/contrast":   "#bbbbbb on #ffffff is 1.92:1; WCAG AA needs 4.5:1 (at 320, 375, 414, 600 px, light)",
		"browser/tap-target": "at 320, 375, 414 px, light and dark",
	} {
		if !strings.Contains(byRule[rule].Message, part) {
			t.Errorf("%s: message %q lacks %q", rule, byRule[rule].Message, part)
		}
	}
}

// TestBrowserExampleIsClean: the built-in example lays out without any
// browser finding (overflow, contrast, dark-mode, tap target, text size,
// image size) at any width, light or dark.
func TestBrowserExampleIsClean(t *testing.T) {
	b := testBrowser(t)
	c, err := render.Load(shop.FS())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	fs, err := BrowserWorkspace(ctx, b, c, shop.FS(), nil, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) > 0 {
		t.Errorf("browser findings on the example:\n%s", text(fs))
	}
}
