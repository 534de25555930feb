package reload

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/examples/shop"
	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
	"github.com/tailor-email/tailor/render"
)

// copyExample writes the example workspace into a temp folder.
func copyExample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, shop.FS()); err != nil {
		t.Fatal(err)
	}
	return dir
}

func waitBuild(t *testing.T, ch <-chan Build) Build {
	t.Helper()
	select {
	case b := <-ch:
		return b
	case <-time.After(20 * time.Second):
		t.Fatal("no rebuild after a file change")
	}
	return Build{}
}

func TestWatchRebuildsAndKeepsLastGood(t *testing.T) {
	dir := copyExample(t)
	w, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	first := w.Current()
	builds, cancel := w.Subscribe()
	defer cancel()
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	go w.Watch(ctx)
	time.Sleep(200 * time.Millisecond) // let the watcher start

	module := filepath.Join(dir, "modules", "hero", "welcome.md")
	src, _ := os.ReadFile(module)
	os.WriteFile(module, []byte(strings.Replace(string(src), "Our autumn collection", "Our WINTER collection", 1)), 0o644)
	b := waitBuild(t, builds)
	if b.Err != nil || w.Current() == first {
		t.Fatalf("good edit: err %v, campaign replaced %v", b.Err, w.Current() != first)
	}
	good := w.Current()

	os.WriteFile(module, []byte("{{ if }}"), 0o644)
	b = waitBuild(t, builds)
	if b.Err == nil || !strings.Contains(b.Err.Error(), "modules/hero/welcome.md:1:") {
		t.Fatalf("broken edit: err = %v, want one at modules/hero/welcome.md:1", b.Err)
	}
	if w.Current() != good || w.Last().Err == nil {
		t.Fatal("a failed build replaced the last good campaign")
	}
	for _, id := range []string{"a", "b", "c", "d", "e", "f", "g", "h"} {
		m, err := w.Current().Render(context.Background(), render.Request{Email: "newsletter", Profile: map[string]any{"id": id}})
		if err != nil {
			t.Fatal(err)
		}
		if m.Modules["hero"] == "hero/welcome" && !strings.Contains(m.HTML, "WINTER") {
			t.Fatalf("recipient %s: the last good build should still render the edit", id)
		}
	}

	os.WriteFile(module, src, 0o644)
	if b = waitBuild(t, builds); b.Err != nil {
		t.Fatalf("fixed edit: %v", b.Err)
	}
}
