package batch

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
)

// suppressList is an Options.Suppressed over a set of IDs that a test
// changes between runs, as a suppression arriving mid-campaign does.
type suppressList struct {
	mu  sync.Mutex
	ids map[string]bool
	err map[string]bool // IDs whose lookup fails
}

func (l *suppressList) set(ids ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.ids = map[string]bool{}
	for _, id := range ids {
		l.ids[id] = true
	}
}

func (l *suppressList) check(_ context.Context, rec recipients.Record, _ string) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	id := idOf(rec)
	if l.err[id] {
		return false, errors.New("database is locked")
	}
	return l.ids[id], nil
}

// jsonlLines reads messages.jsonl's lines as id -> (line index, suppressed, error).
func jsonlLines(t *testing.T, dir string) []map[string]any {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "messages.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []map[string]any
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %d: %v", len(out)+1, err)
		}
		out = append(out, m)
	}
	return out
}

// TestSuppressedRecipientsKeepTheirPlace: a recipient suppressed between
// a run and its --resume must not shift the positions the resumed run
// trusts. The first run renders 120 of 200 recipients; then r0010 (done
// already) and r0150 (not yet) are suppressed. Resuming keeps r0010's
// message, writes r0150's place as suppressed, and renders every other
// recipient: each ID is on its own line, in input order, none missing.
// Before suppression held places, the store's filter dropped records
// from the input and the resumed run skipped r0120 unrendered.
func TestSuppressedRecipientsKeepTheirPlace(t *testing.T) {
	list := &suppressList{}
	dir := t.TempDir()
	run := func(resume bool, n int) *Summary {
		t.Helper()
		sink, err := Dir(dir, "jsonl", resume)
		if err != nil {
			t.Fatal(err)
		}
		opts := Options{Emails: []string{"e"}, Workers: 4, IDOf: idOf, Suppressed: list.check}
		sum, err := Run(context.Background(), fake{}, records(n, nil), opts, sink)
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	list.set("r0005")
	if sum := run(false, 120); sum.Suppressed != 1 || sum.Rendered != 119 {
		t.Fatalf("first run: suppressed %d rendered %d, want 1 and 119", sum.Suppressed, sum.Rendered)
	}
	list.set("r0005", "r0010", "r0150")
	sum := run(true, 200)
	if sum.Skipped != 120 || sum.Suppressed != 1 || sum.Rendered != 79 {
		t.Errorf("resumed: skipped %d suppressed %d rendered %d, want 120, 1 (r0150) and 79", sum.Skipped, sum.Suppressed, sum.Rendered)
	}
	lines := jsonlLines(t, dir)
	if len(lines) != 200 {
		t.Fatalf("messages.jsonl has %d lines, want one per recipient, 200", len(lines))
	}
	for i, l := range lines {
		id := idOf(recipients.Record{Profile: map[string]any{"id": l["id"]}})
		if want := records2ID(i); id != want {
			t.Fatalf("line %d is %s, want %s: a suppression shifted the places", i+1, id, want)
		}
		_, sup := l["suppressed"]
		if wantSup := id == "r0005" || id == "r0150"; sup != wantSup {
			t.Errorf("line %d (%s): suppressed %v, want %v", i+1, id, sup, wantSup)
		}
		if rendered := l["html"] != ""; rendered == sup {
			t.Errorf("line %d (%s): html present %v with suppressed %v", i+1, id, rendered, sup)
		}
	}
}

func records2ID(i int) string {
	var id string
	for r := range records(i+1, nil) {
		id = idOf(r)
	}
	return id
}

// addressed is fake with the addresses an .eml needs.
type addressed struct{}

func (addressed) Render(ctx context.Context, req render.Request) (*render.Message, error) {
	m, err := fake{}.Render(ctx, req)
	if err == nil {
		m.From, m.To, m.Subject = "T <t@example.com>", m.ID+"@example.com", "Hi"
		m.Date = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	}
	return m, err
}

// TestSuppressionInFilesFormats: in eml and files a suppressed recipient
// has no file and is counted; a failed lookup fails that recipient alone.
func TestSuppressionInFilesFormats(t *testing.T) {
	for _, format := range []string{"eml", "files"} {
		t.Run(format, func(t *testing.T) {
			list := &suppressList{err: map[string]bool{"r0007": true}}
			list.set("r0003")
			dir := t.TempDir()
			sink, err := Dir(dir, format, false)
			if err != nil {
				t.Fatal(err)
			}
			sum, err := Run(context.Background(), addressed{}, records(40, nil), Options{Emails: []string{"e"}, Workers: 2, IDOf: idOf, Suppressed: list.check}, sink)
			if err != nil {
				t.Fatal(err)
			}
			if sum.Suppressed != 1 || sum.Failed != 1 || sum.Rendered != 38 {
				t.Errorf("suppressed %d failed %d rendered %d, want 1, 1 and 38", sum.Suppressed, sum.Failed, sum.Rendered)
			}
			matches, _ := filepath.Glob(filepath.Join(dir, "e", "r0003.*"))
			if len(matches) != 0 {
				t.Errorf("the suppressed recipient has files: %v", matches)
			}
			fails, _ := os.ReadFile(filepath.Join(dir, "failures.jsonl"))
			if !strings.Contains(string(fails), `(recipient r0007): e: suppression list: database is locked`) {
				t.Errorf("failures.jsonl = %s, want r0007's failed lookup", fails)
			}
			// Nobody is suppressed now and lookups work. Files are named by
			// recipient, not place, so a resumed run asks again about a
			// place without a file: r0003 and r0007 are rendered now.
			list.set()
			list.err = nil
			sink, err = Dir(dir, format, true)
			if err != nil {
				t.Fatal(err)
			}
			sum, err = Run(context.Background(), addressed{}, records(40, nil), Options{Emails: []string{"e"}, Workers: 2, IDOf: idOf, Suppressed: list.check}, sink)
			if err != nil {
				t.Fatal(err)
			}
			if sum.Skipped != 38 || sum.Rendered != 2 {
				t.Errorf("resumed: skipped %d rendered %d, want 38 and 2", sum.Skipped, sum.Rendered)
			}
			for _, id := range []string{"r0003", "r0007"} {
				if m, _ := filepath.Glob(filepath.Join(dir, "e", id+".*")); len(m) == 0 {
					t.Errorf("resumed: %s has no file", id)
				}
			}
		})
	}
}
