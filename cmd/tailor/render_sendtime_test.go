package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/store"
)

// TestRenderSendAtFromStore: rendered with a store, a recipient's stored
// open and click events decide their send_at (events of other names do
// not count); one with no history gets the fallback's, in tailor.yaml's
// timezone (the example's: Europe/London, GMT in November).
func TestRenderSendAtFromStore(t *testing.T) {
	dir := t.TempDir()
	ws, db := filepath.Join(dir, "ws"), filepath.Join(dir, "store.db")
	tailorRun(t, "init", ws)
	f, err := os.OpenFile(filepath.Join(ws, "tailor.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("send_time:\n  fallback: \"10:00\"\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	tailorRun(t, "store", "import", "--workspace", ws, "--store", db, "--recipients", filepath.Join(ws, "testdata/recipients/crm-export.csv"))
	ctx := context.Background()
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range []struct {
		name string
		hour int
	}{{"open", 6}, {"click", 6}, {"open", 7}, {"purchase", 15}, {"purchase", 15}, {"purchase", 15}} {
		at := time.Date(2026, 10, 26+i, e.hour, 10, 0, 0, time.UTC) // GMT: London time is UTC
		if _, err := s.Append(ctx, store.Event{Profile: "101", Name: e.name, At: at}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	out, _ := tailorRun(t, "render", "--workspace", ws, "--from-store", "--store", db, "--email", "newsletter", "--now", "2026-11-02T09:00:00Z")
	got := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var m struct {
			ID     string `json:"id"`
			SendAt string `json:"send_at"`
		}
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		got[m.ID] = m.SendAt
	}
	if got["101"] != "2026-11-03T06:00:00Z" {
		t.Errorf("101 (opens and clicks at 06:10 and 07:10): send_at %q, want 2026-11-03T06:00:00Z", got["101"])
	}
	if got["102"] != "2026-11-02T10:00:00Z" || len(got) != 20 {
		t.Errorf("102 (no history): send_at %q, want the fallback 2026-11-02T10:00:00Z (of %d lines)", got["102"], len(got))
	}
}
