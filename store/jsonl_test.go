package store_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/store"
)

func TestJoinFiles(t *testing.T) {
	dir := t.TempDir()
	sends := `{"seq":0,"message_id":"a@x","recipient":"ana","at":"2026-12-01T09:00:00Z","segments":["vip"],"variants":{"subject":"B"}}
{"seq":1,"message_id":"b@x","recipient":"bo","at":"2026-12-01T08:00:00Z"}
{"seq":2,"message_id":"a@x","recipient":"ana","at":"2026-12-01T09:00:00Z","segments":["other"]}
{"seq":3,"message_id":"c@x","recipient":"cy","at":"2026-12-02T08:00:00Z"}
`
	outcomes := `{"message_id":"a@x","kind":"click","at":"2026-12-01T10:00:00Z","url":"https://shop.example/"}
{"message_id":"a@x","kind":"open","at":"2026-12-01T09:30:00Z","machine":true}
{"message_id":"zzz@x","kind":"bounce","at":"2026-12-01T09:30:00Z"}
`
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	sp, op := write(store.SendsFile, sends), write(store.OutcomesFile, outcomes)
	got, err := store.JoinFiles(sp, op, time.Time{}, time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].MessageID != "b@x" || got[1].MessageID != "a@x" {
		t.Fatalf("joined %+v, want b then a (c is past the range, a's second line a repeat)", got)
	}
	a := got[1]
	if a.Segments[0] != "vip" || a.Variants["subject"] != "B" || len(a.Outcomes) != 2 ||
		a.Outcomes[0].Kind != store.Opened || !a.Outcomes[0].Machine || a.Outcomes[1].URL != "https://shop.example/" || a.Outcomes[1].Recipient != "ana" {
		t.Errorf("a@x: %+v", a)
	}
	if got, err := store.JoinFiles(sp, filepath.Join(dir, "none.jsonl"), time.Time{}, time.Time{}); err != nil || len(got) != 3 {
		t.Errorf("without an outcomes file: %d sends, %v", len(got), err)
	}
	bad := write("bad.jsonl", sends+`{"message_id": oops}`+"\n")
	if _, err := store.JoinFiles(bad, "", time.Time{}, time.Time{}); err == nil || !strings.Contains(err.Error(), "bad.jsonl:5:") {
		t.Errorf("a bad line: %v, want it named bad.jsonl:5:col", err)
	}
}
