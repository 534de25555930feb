package peers

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Root is the peers folder: $TAILOR_PEERS, or ../shared/peers beside the
// repository. It may not exist.
func Root() string {
	if root := os.Getenv("TAILOR_PEERS"); root != "" {
		return root
	}
	_, file, _, _ := runtime.Caller(0)
	// internal/peers/peers.go -> repository root -> ../shared/peers
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "peers")
}

// Dir returns the peers folder joined with elem, or ends the test: a skip
// on a developer's machine, a failure in CI.
func Dir(t testing.TB, elem ...string) string {
	t.Helper()
	dir := filepath.Join(append([]string{Root()}, elem...)...)
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("conformance data missing in CI: %v (set TAILOR_PEERS)", err)
		}
		t.Skipf("conformance data not found at %s (set TAILOR_PEERS to ../shared/peers): %v", dir, err)
	}
	return dir
}
