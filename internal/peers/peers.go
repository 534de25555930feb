package peers

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Dir returns the peers folder joined with elem, or ends the test: a skip
// on a developer's machine, a failure in CI.
func Dir(t testing.TB, elem ...string) string {
	t.Helper()
	root := os.Getenv("TAILOR_PEERS")
	if root == "" {
		_, file, _, _ := runtime.Caller(0)
		// internal/peers/peers.go -> repository root -> ../shared/peers
		root = filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "peers")
	}
	dir := filepath.Join(append([]string{root}, elem...)...)
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("conformance data missing in CI: %v (set TAILOR_PEERS)", err)
		}
		t.Skipf("conformance data not found at %s (set TAILOR_PEERS to ../shared/peers): %v", dir, err)
	}
	return dir
}
