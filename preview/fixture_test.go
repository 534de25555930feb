package preview

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSaveStaysInside checks that saving a fixture goes through the
// workspace's os.Root: when testdata/recipients is a symlink to a folder
// outside, nothing is written there.
func TestSaveStaysInside(t *testing.T) {
	outside := t.TempDir()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "testdata"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "testdata", "recipients")); err != nil {
		t.Fatal(err)
	}
	err := writeFixture(dir, "zoe", map[string]any{"id": "z"})
	if err == nil || !strings.Contains(err.Error(), "path escapes from parent") {
		t.Fatalf("err = %v", err)
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Fatalf("wrote %s outside the workspace", entries[0].Name())
	}
	if err := os.Remove(filepath.Join(dir, "testdata", "recipients")); err != nil {
		t.Fatal(err)
	}
	if err := writeFixture(dir, "zoe", map[string]any{"id": "z"}); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "testdata", "recipients", "zoe.json")); err != nil || !strings.Contains(string(b), `"id": "z"`) {
		t.Fatalf("%s, %v", b, err)
	}
}
