package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWorkspaceStoreSafe: .tailor is made 0700 inside the workspace with
// a .gitignore; a .tailor or store file that is a symlink is refused, and
// nothing is made where the link points.
func TestWorkspaceStoreSafe(t *testing.T) {
	dir := t.TempDir()
	if p, err := workspaceStore(dir, false); err != nil || p != filepath.Join(dir, ".tailor", "store.db") {
		t.Fatalf("without create: %q, %v", p, err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".tailor")); !os.IsNotExist(err) {
		t.Fatalf("without create, .tailor was made: %v", err)
	}
	p, err := workspaceStore(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Dir(p))
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf(".tailor: %v, %v; want a 0700 folder", fi, err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, ".tailor", ".gitignore")); err != nil || string(b) != "*\n" {
		t.Fatalf(".gitignore: %q, %v", b, err)
	}
	if _, err := workspaceStore(dir, true); err != nil {
		t.Fatalf("a second time: %v", err)
	}
	if err := os.Symlink(filepath.Join(t.TempDir(), "elsewhere.db"), p); err != nil {
		t.Fatal(err)
	}
	if _, err := workspaceStore(dir, true); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("store.db a symlink: %v, want refused", err)
	}

	ws, out := t.TempDir(), t.TempDir()
	if err := os.Symlink(out, filepath.Join(ws, ".tailor")); err != nil {
		t.Fatal(err)
	}
	for _, create := range []bool{true, false} {
		if _, err := workspaceStore(ws, create); err == nil || !strings.Contains(err.Error(), "not a folder") {
			t.Fatalf(".tailor a symlink (create %v): %v, want refused", create, err)
		}
	}
	if names, _ := os.ReadDir(out); len(names) != 0 {
		t.Fatalf("made %v where .tailor points", names)
	}
}

// TestServeStoreDefault: tailor serve --workspace DIR keeps its store in
// DIR/.tailor/store.db with no --store (it answers the unsubscribe
// route, 403 for an unsigned URL); on the built-in example it keeps none,
// says so once on stderr, and has no unsubscribe route.
func TestServeStoreDefault(t *testing.T) {
	t.Setenv("TAILOR_STORE", "")
	dir := filepath.Join(t.TempDir(), "ws")
	tailorRun(t, "init", dir)
	base, stop := startServe(t, "--workspace", dir, "--addr", "127.0.0.1:0")
	if code := unsubscribeStatus(t, base); code != http.StatusForbidden {
		t.Errorf("workspace: unsigned unsubscribe answered %d, want 403 from the default store", code)
	}
	stop()
	if fi, err := os.Stat(filepath.Join(dir, ".tailor", "store.db")); err != nil || !fi.Mode().IsRegular() {
		t.Fatalf("no .tailor/store.db in the workspace: %v", err)
	}

	base, stop = startServe(t, "--addr", "127.0.0.1:0")
	if code := unsubscribeStatus(t, base); code != http.StatusNotFound {
		t.Errorf("built-in example: unsubscribe answered %d, want 404 (no store)", code)
	}
	if n := strings.Count(stop(), "no audience store"); n != 1 {
		t.Errorf("built-in example: stderr says %d times that there is no store, want once", n)
	}
}

// unsubscribeStatus is the status a one-click POST to base's unsubscribe
// route with no signature gets.
func unsubscribeStatus(t *testing.T, base string) int {
	t.Helper()
	resp, err := http.Post(base+"/v1/unsubscribe?id=101&list=x&sig=00", "application/x-www-form-urlencoded", strings.NewReader("List-Unsubscribe=One-Click"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestStoreCommandsDefault: the store commands keep the store in the
// workspace's .tailor/store.db, or the current folder's for the built-in
// example.
func TestStoreCommandsDefault(t *testing.T) {
	t.Setenv("TAILOR_STORE", "")
	cwd, ws := t.TempDir(), t.TempDir()
	t.Chdir(cwd)
	tailorRun(t, "store", "migrate")
	tailorRun(t, "store", "suppress", "--workspace", ws, "someone@example.com")
	for _, dir := range []string{cwd, ws} {
		if _, err := os.Stat(filepath.Join(dir, ".tailor", "store.db")); err != nil {
			t.Errorf("no store in %s: %v", dir, err)
		}
	}
}
