package batch

import (
	"context"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
)

// without is records(n) without the IDs in drop, as an input that lost
// them between a run and its --resume.
func without(n int, drop ...string) iter.Seq[recipients.Record] {
	return func(yield func(recipients.Record) bool) {
		for r := range records(n, nil) {
			if !strings.Contains(strings.Join(drop, ","), idOf(r)) && !yield(r) {
				return
			}
		}
	}
}

// long renders one recipient's HTML over bufio's 1 MiB buffer, so that
// its line is read in pieces when resuming.
type long struct{ fake }

func (l long) Render(ctx context.Context, req render.Request) (*render.Message, error) {
	m, err := l.fake.Render(ctx, req)
	if err == nil && m.ID == "r0002" {
		m.HTML = strings.Repeat("<p>long</p>", 200_000)
	}
	return m, err
}

// TestResumeChecksThePlaces: a resumed JSONL batch trusts messages.jsonl's
// lines by place, so when the input lost a record before the end of the
// journal it stops with an error naming the line, and leaves the file as
// it was, instead of skipping someone unrendered. An input that only grew
// past the journal resumes, and two emails per recipient are told apart.
func TestResumeChecksThePlaces(t *testing.T) {
	dir := t.TempDir()
	emails := []string{"e1", "e2"}
	run := func(resume bool, in iter.Seq[recipients.Record]) (*Summary, error) {
		t.Helper()
		sink, err := Dir(dir, "jsonl", resume)
		if err != nil {
			t.Fatal(err)
		}
		return Run(context.Background(), long{}, in, Options{Emails: emails, Workers: 2, IDOf: idOf}, sink)
	}
	if _, err := run(false, records(10, nil)); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(filepath.Join(dir, "messages.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = run(true, without(30, "r0004"))
	if err == nil || !strings.Contains(err.Error(), "line 9 was written for another recipient than in.jsonl:6 (recipient r0005, email e1): the input changed") {
		t.Fatalf("resuming an input that lost r0004: %v, want the place check's error at line 9", err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "messages.jsonl"))
	if string(after) != string(before) {
		t.Errorf("the failed resume changed messages.jsonl: %d bytes, was %d", len(after), len(before))
	}
	// A record that could not be read has no ID in its line; a resumed
	// run may read it (a raised --max-record): its place is not checked.
	lines := strings.SplitAfter(string(before), "\n")
	lines[2] = `{"id":"","template":"e1","error":"in.jsonl:2: record over the limit"}` + "\n"
	if err := os.WriteFile(filepath.Join(dir, "messages.jsonl"), []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := run(true, records(30, nil))
	if err != nil || sum.Skipped != 20 || sum.Rendered != 40 {
		t.Fatalf("resuming the grown input: %v, skipped %d rendered %d; want 20 and 40", err, sum.Skipped, sum.Rendered)
	}
}

// TestLineRecipient reads the recipient of the lines AppendJSONL writes,
// escapes included, and refuses what it cannot tell.
func TestLineRecipient(t *testing.T) {
	for _, c := range []struct {
		line, id, email string
		ok              bool
	}{
		{`{"id":"a\"b\\c","template":"n\u00e9","to":""}`, "a\"b\\c", "né", true},
		{`{"id":"","template":"e","error":"x"}`, "", "e", true},
		{`{"template":"e","id":"a"}`, "", "", false},
		{`{"id":"a","to":"x"}`, "", "", false},
		{`{"id":"unterminated`, "", "", false},
	} {
		id, email, ok := lineRecipient([]byte(c.line))
		if id != c.id || email != c.email || ok != c.ok {
			t.Errorf("%s: %q %q %v, want %q %q %v", c.line, id, email, ok, c.id, c.email, c.ok)
		}
	}
}
