package mime_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/diff"
	"github.com/tailor-email/tailor/mime"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// TestGolden pins the exact bytes of a few messages, so any change to the
// output format shows up as a diff. Run with -update to accept a change.
func TestGolden(t *testing.T) {
	names := map[string]bool{
		"ascii": true, "non-ascii subject": true, "cjk subject uses B": true,
		"with AMP": true, "list-unsubscribe": true, "hostile subject": true,
		"non-ascii names": true, "long non-ascii text (base64)": true,
	}
	for _, tc := range cases() {
		if !names[tc.name] {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			got, err := mime.Append(nil, tc.msg)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", goldenName(tc.name)+".eml")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs (run go test -update to accept):\n%s", path, diff.Diff(path, want, "got", got))
			}
		})
	}
}

func goldenName(s string) string {
	b := []byte(strings.ToLower(s))
	for i, c := range b {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			b[i] = '_'
		}
	}
	return string(b)
}
