package caniemail

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
	"github.com/tailor-email/tailor/internal/peers"
)

// TestEmbeddedMatchesPeers checks the embedded data.json against the
// caniemail JSON it was generated from: every feature and every client's
// newest result, read here with an independent decoder. A failure means
// data.json is stale: run go generate ./check/caniemail/.
func TestEmbeddedMatchesPeers(t *testing.T) {
	path := filepath.Join(peers.Dir(t, "caniemail", "derived"), "caniemail-data-from-repo-6b086a3.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Data []struct {
			Slug  string          `json:"slug"`
			Stats json.RawMessage `json:"stats"`
		} `json:"data"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(raw.Data) != len(d.Features) {
		t.Fatalf("%d features in peers, %d embedded", len(raw.Data), len(d.Features))
	}
	for _, rf := range raw.Data {
		f := d.Feature(rf.Slug)
		if f == nil {
			t.Errorf("%s: not embedded", rf.Slug)
			continue
		}
		want := newestResults(t, rf.Stats)
		if len(want) != len(f.Support) {
			t.Errorf("%s: %d clients in peers, %d embedded", rf.Slug, len(want), len(f.Support))
		}
		for c, code := range want {
			if f.Support[c] != code {
				t.Errorf("%s %s: embedded %q, peers newest %q", rf.Slug, c, f.Support[c], code)
			}
		}
	}
}

var yearMonth = regexp.MustCompile(`"(\d{4}-\d{2})"\s*:\s*"([^"]*)"`)

// newestResults maps "family.platform" to the newest result: the last
// version key in document order, or the latest YYYY-MM key when the last
// key is a date (some platforms list dates out of order).
func newestResults(t *testing.T, stats json.RawMessage) map[string]string {
	t.Helper()
	var fams map[string]map[string]json.RawMessage
	if err := json.Unmarshal(stats, &fams); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for fam, plats := range fams {
		for plat, versions := range plats {
			dec := json.NewDecoder(bytes.NewReader(versions))
			var last, lastKey string
			dec.Token()
			for dec.More() {
				k, _ := dec.Token()
				v, _ := dec.Token()
				lastKey, last = k.(string), v.(string)
			}
			if lastKey == "" {
				continue
			}
			if regexp.MustCompile(`^\d{4}-\d{2}$`).MatchString(lastKey) {
				best := ""
				for _, m := range yearMonth.FindAllStringSubmatch(string(versions), -1) {
					if m[1] > best {
						best, last = m[1], m[2]
					}
				}
			}
			out[fam+"."+plat] = last
		}
	}
	return out
}
