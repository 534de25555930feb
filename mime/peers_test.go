package mime_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/internal/peers"
	"github.com/tailor-email/tailor/mime"
)

// peerMessages builds one message per real-world template (as the HTML part)
// and per AMP4EMAIL validator feature test (as the AMP part) from the shared
// conformance data.
func peerMessages(t *testing.T) (names []string, msgs []*mime.Message) {
	t.Helper()
	var htmls, amps []string
	collect := func(root string, dst *[]string) {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
				*dst = append(*dst, p)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	collect(peers.Dir(t, "templates"), &htmls)
	collect(peers.Dir(t, "amp4email-validator", "amp4email_feature_tests"), &amps)
	if len(htmls) == 0 || len(amps) == 0 {
		t.Fatalf("found %d templates and %d AMP tests, want some of each", len(htmls), len(amps))
	}
	read := func(p string) string {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for i := range max(len(htmls), len(amps)) {
		m := base()
		m.HTML = read(htmls[i%len(htmls)])
		m.AMP = read(amps[i%len(amps)])
		m.Text = "Plain part for " + filepath.Base(htmls[i%len(htmls)])
		names = append(names, filepath.Base(htmls[i%len(htmls)])+"+"+filepath.Base(amps[i%len(amps)]))
		msgs = append(msgs, m)
	}
	return names, msgs
}

// TestPeerTemplates packages real templates and AMP documents and reads
// them back with Go and, where python3 is present, Python.
func TestPeerTemplates(t *testing.T) {
	names, msgs := peerMessages(t)
	for i, m := range msgs {
		raw, err := mime.Append(nil, m)
		if err != nil {
			t.Fatalf("%s: %v", names[i], err)
		}
		checkLines(t, raw, 998, 76)
		checkMessage(t, m, readBack(t, raw))
	}
	got := runPython(t, msgs)
	for i, m := range msgs {
		t.Run(names[i], func(t *testing.T) { checkPython(t, m, got[i]) })
	}
}
