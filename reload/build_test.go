package reload

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/modules"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/templates"
)

// nextNaming returns the next build whose Changed lists name.
func nextNaming(t *testing.T, ch <-chan Build, name string) Build {
	t.Helper()
	for b := range ch {
		if slices.Contains(b.Changed, name) {
			return b
		}
	}
	t.Fatal("subscription ended")
	return Build{}
}

// TestBuildsNameTheirChanges edits a module once the watch is in place,
// and waits for the build that names it: that build has the edit.
func TestBuildsNameTheirChanges(t *testing.T) {
	dir := copyExample(t)
	w, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	builds, cancel := w.Subscribe()
	defer cancel()
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Watch(ctx) }()
	defer func() { stop(); <-done }()
	<-w.Watching()

	module := filepath.Join(dir, "modules", "hero", "welcome.md")
	src, err := os.ReadFile(module)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(module, []byte(strings.Replace(string(src), "Our autumn collection", "Our WINTER collection", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	b := nextNaming(t, builds, "modules/hero/welcome.md")
	if b.Err != nil {
		t.Fatal(b.Err)
	}
	i := slices.IndexFunc(b.Campaign.Library.Modules("hero"), func(m *modules.Module) bool { return m.ID == "hero/welcome" })
	if i < 0 || !strings.Contains(templates.Join(b.Campaign.Library.Modules("hero")[i].Pieces), "WINTER") {
		t.Fatal("the build naming the edit does not have it")
	}
}

// TestAPanicIsABuildError checks the last line of defence: should loading
// panic, the build fails with the panic and its stack, and the last good
// build stays.
func TestAPanicIsABuildError(t *testing.T) {
	w, err := Open(copyExample(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	good := w.Current()
	w.load = func() (*render.Campaign, error) { panic("boom") }
	b := w.Reload()
	if b.Err == nil || !strings.Contains(b.Err.Error(), "loading the workspace panicked") || !strings.Contains(b.Err.Error(), "boom") {
		t.Fatalf("err = %v", b.Err)
	}
	if w.Current() != good || b.Campaign != nil {
		t.Fatal("a panicking build replaced the good one")
	}
}

// TestOpenStaysInside checks that a workspace folder is read through an
// os.Root: a module that is a symlink to a file outside fails the build,
// naming the module, and nothing of the file shows.
func TestOpenStaysInside(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(secret, []byte("---\n---\nTOP SECRET\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := copyExample(t)
	if err := os.Symlink(secret, filepath.Join(dir, "modules", "hero", "zz.md")); err != nil {
		t.Fatal(err)
	}
	w, err := Open(dir, nil)
	if err == nil {
		w.Close()
		t.Fatal("Open followed the symlink out of the workspace")
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "modules/hero/zz.md:1:1: leaves the workspace") || strings.Contains(msg, "SECRET") {
		t.Fatalf("err = %v", err)
	}
}
