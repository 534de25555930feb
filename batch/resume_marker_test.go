package batch

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/render"
)

// TestResumeRedoesFilesWithoutTheirJSON: in files, a recipient's .json is
// written last, after its .html and .txt, so a run killed in between
// leaves bodies without their .json. Resuming renders those recipients
// again, whatever bodies they have on disk, and skips only the complete
// ones: the result is the uninterrupted run's.
func TestResumeRedoesFilesWithoutTheirJSON(t *testing.T) {
	full, cut := t.TempDir(), t.TempDir()
	run := func(dir string, resume bool) *Summary {
		sink, err := Dir(dir, "files", resume)
		if err != nil {
			t.Fatal(err)
		}
		sum, err := Run(context.Background(), fake{}, records(20, nil), Options{Emails: []string{"e"}, Workers: 2, IDOf: idOf}, sink)
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	run(full, false)
	run(cut, false)
	for _, name := range []string{"r0005.json", "r0006.txt", "r0006.json", "r0007.html", "r0007.txt", "r0007.json"} {
		if err := os.Remove(filepath.Join(cut, "e", name)); err != nil {
			t.Fatal(err)
		}
	}
	if sum := run(cut, true); sum.Skipped != 17 {
		t.Errorf("resume skipped %d recipients, want the 17 complete ones", sum.Skipped)
	}
	if diff := compareTrees(full, cut); diff != "" {
		t.Error(diff)
	}
}

// TestResumeWritesEachFailureOnce: failures.jsonl after a resumed run is
// the uninterrupted run's. In jsonl the records of results the journal
// kept stay and later ones are dropped (they are rendered again); in
// files every failure is retried, so none of the old records stay.
func TestResumeWritesEachFailureOnce(t *testing.T) {
	bad := map[int]bool{0: true, 3: true, 7: true}
	for _, format := range []string{"jsonl", "files"} {
		t.Run(format, func(t *testing.T) {
			full, cut := t.TempDir(), t.TempDir()
			run := func(dir string, resume bool) {
				sink, err := Dir(dir, format, resume)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := Run(context.Background(), fake{}, records(10, bad), Options{Emails: []string{"e"}, Workers: 2, IDOf: idOf}, sink); err != nil {
					t.Fatal(err)
				}
			}
			run(full, false)
			run(cut, false)
			if format == "jsonl" { // killed after the journal's 7th line: results 0-6 are kept
				journal := filepath.Join(cut, "messages.jsonl")
				b, err := os.ReadFile(journal)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(journal, bytes.Join(bytes.SplitAfter(b, []byte("\n"))[:7], nil), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			run(cut, true)
			if diff := compareTrees(full, cut); diff != "" {
				t.Error(diff)
			}
		})
	}
}

// TestCloseReportsFileErrors: a sink whose journal or failures file
// cannot be closed says so, rather than reporting a clean end.
func TestCloseReportsFileErrors(t *testing.T) {
	for _, which := range []string{"journal", "failures"} {
		sink, err := Dir(t.TempDir(), "jsonl", false)
		if err != nil {
			t.Fatal(err)
		}
		s := sink.(*dirSink)
		f := s.failures
		if which == "journal" {
			f = s.journal
		}
		f.Close() // as a lost disk would leave it: the sink's close fails
		if err := sink.Close(); err == nil {
			t.Errorf("%s failed to close, and Close reported nothing", which)
		}
	}
}

// TestResumeCutsALongPartialLine: a run killed in the middle of writing
// messages.jsonl's last line leaves part of it, which may be longer than
// the line the resumed run writes in its place (the workspace changed in
// between); the resumed journal is still the uninterrupted run's.
func TestResumeCutsALongPartialLine(t *testing.T) {
	full, cut := t.TempDir(), t.TempDir()
	run := func(dir string, resume bool, n int) {
		sink, err := Dir(dir, "jsonl", resume)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Run(context.Background(), fake{}, records(n, nil), Options{Emails: []string{"e"}, Workers: 2, IDOf: idOf}, sink); err != nil {
			t.Fatal(err)
		}
	}
	run(full, false, 10)
	run(cut, false, 9)
	f, err := os.OpenFile(filepath.Join(cut, "messages.jsonl"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"id":"r0009","html":"` + strings.Repeat("x", 5000))
	f.Close()
	run(cut, true, 10)
	if diff := compareTrees(full, cut); diff != "" {
		t.Error(diff)
	}
}

// TestEMLSinkEncodesWhatItWasNotGiven: a result written to an eml sink
// without the worker's encoding (Sink used on its own) is encoded there.
func TestEMLSinkEncodesWhatItWasNotGiven(t *testing.T) {
	dir := t.TempDir()
	sink, err := Dir(dir, "eml", false)
	if err != nil {
		t.Fatal(err)
	}
	msg := &render.Message{ID: "a", Template: "e", From: "T <t@example.com>", To: "a@example.com", Subject: "Hi", HTML: "<p>Hi</p>", Text: "Hi",
		Date: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)}
	if err := sink.Write(Result{ID: "a", Email: "e", Msg: msg}); err != nil {
		t.Fatal(err)
	}
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "e", "a.eml"))
	if err != nil || !bytes.Contains(b, []byte("Subject: Hi\r\n")) || !bytes.Contains(b, []byte("<p>Hi</p>")) {
		t.Fatalf("a.eml (%v):\n%s", err, b)
	}
}
