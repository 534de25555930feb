package mime_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/internal/goldentest"
	"github.com/tailor-email/tailor/mime"
)

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
			goldentest.Check(t, filepath.Join("testdata", "golden", goldenName(tc.name)+".eml"), got)
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
