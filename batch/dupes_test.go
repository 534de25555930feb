package batch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/segment"
)

// withIDs yields one record per ID, at lines 1, 2, ... of in.jsonl.
func withIDs(ids ...string) iter.Seq[recipients.Record] {
	return func(yield func(recipients.Record) bool) {
		for i, id := range ids {
			if !yield(recipients.Record{Source: "in.jsonl", Line: i + 1, Profile: segment.Profile{"id": id}}) {
				return
			}
		}
	}
}

// TestDuplicatesFail: a recipient whose ID an earlier one has fails, into
// failures.jsonl, naming both lines; the first is rendered; every record
// is counted.
func TestDuplicatesFail(t *testing.T) {
	dir := t.TempDir()
	sink, err := Dir(dir, "files", false)
	if err != nil {
		t.Fatal(err)
	}
	in := withIDs("a", "b", "a", "c", "b", "a")
	sum, err := Run(context.Background(), fake{}, in, Options{Emails: []string{"e1", "e2"}, Workers: 3, IDOf: idOf}, sink)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Rendered != 6 || sum.Failed != 6 || sum.Skipped != 0 || sum.Read != 6 || sum.Emails != 2 {
		t.Errorf("summary %+v", sum)
	}
	failures, _ := os.ReadFile(filepath.Join(dir, "failures.jsonl"))
	for _, want := range []string{
		`"source":"in.jsonl:3","error":"in.jsonl:3 (recipient a): in.jsonl:3 duplicates the recipient at in.jsonl:1"`,
		`"source":"in.jsonl:5","error":"in.jsonl:5 (recipient b): in.jsonl:5 duplicates the recipient at in.jsonl:2"`,
		`"source":"in.jsonl:6","error":"in.jsonl:6 (recipient a): in.jsonl:6 duplicates the recipient at in.jsonl:1"`,
	} {
		if strings.Count(string(failures), want) != 2 { // once per email
			t.Errorf("failures.jsonl lacks %s twice:\n%s", want, failures)
		}
	}
	html, err := os.ReadFile(filepath.Join(dir, "e1", "a.html"))
	if err != nil || string(html) != "<p>a</p>" {
		t.Errorf("a.html = %q, %v", html, err)
	}
}

// TestDuplicatesFailOnResume: resuming, the first recipient is skipped
// (its output is complete) and its duplicate still fails: it is not taken
// for done because a file of its name exists.
func TestDuplicatesFailOnResume(t *testing.T) {
	dir := t.TempDir()
	for i, want := range []string{"rendered 2, failed 1, skipped 0", "rendered 0, failed 1, skipped 2"} {
		sink, err := Dir(dir, "files", i > 0)
		if err != nil {
			t.Fatal(err)
		}
		sum, err := Run(context.Background(), fake{}, withIDs("a", "b", "a"), Options{Emails: []string{"e"}, IDOf: idOf}, sink)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprintf("rendered %d, failed %d, skipped %d", sum.Rendered, sum.Failed, sum.Skipped); got != want {
			t.Errorf("run %d: %s, want %s", i+1, got, want)
		}
	}
	failures, _ := os.ReadFile(filepath.Join(dir, "failures.jsonl"))
	if !bytes.Contains(failures, []byte("in.jsonl:3 duplicates the recipient at in.jsonl:1")) {
		t.Errorf("failures.jsonl after resume:\n%s", failures)
	}
}

// TestDuplicatesWithShards: an ID always falls in the same shard, so the
// shard that has a recipient finds its duplicates, and the counts of
// every shard add up to the records read.
func TestDuplicatesWithShards(t *testing.T) {
	ids := []string{}
	for i := range 300 {
		ids = append(ids, fmt.Sprintf("r%d", i%200)) // r0..r99 twice
	}
	const shards = 3
	failed, total := 0, 0
	for i := range shards {
		var out bytes.Buffer
		sum, err := Run(context.Background(), fake{}, withIDs(ids...), Options{Emails: []string{"e"}, IDOf: idOf, Shard: Shard{I: i, N: shards}}, JSONL(&out))
		if err != nil {
			t.Fatal(err)
		}
		if sum.Read != 300 || sum.Rendered+sum.Failed+sum.Skipped != sum.Read-sum.OtherShards {
			t.Errorf("shard %d: %+v", i, sum)
		}
		failed += sum.Failed
		total += sum.Rendered + sum.Failed
	}
	if failed != 100 || total != 300 {
		t.Errorf("shards failed %d of %d, want 100 of 300", failed, total)
	}
}

// TestFileNamesCannotBeMadeToCollide: the ID "a/b" was once written as
// "a_b-" and a short hash of the ID, which another recipient could take as
// its ID to overwrite the first one's file. Names now encode the ID.
func TestFileNamesCannotBeMadeToCollide(t *testing.T) {
	sum := sha256.Sum256([]byte("a/b"))
	crafted := "a_b-" + hex.EncodeToString(sum[:4])
	dir := t.TempDir()
	sink, err := Dir(dir, "files", false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), fake{}, withIDs("a/b", crafted), Options{Emails: []string{"e"}, IDOf: idOf}, sink); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"a%2Fb.html": "<p>a/b</p>", crafted + ".html": "<p>" + crafted + "</p>"} {
		if b, err := os.ReadFile(filepath.Join(dir, "e", name)); string(b) != want {
			t.Errorf("%s = %q, %v; want %q", name, b, err, want)
		}
	}
}

// TestUnnamableIDsFailAlone: in files and eml, a recipient without an ID
// or with one too long for a file name fails alone; recipients without
// an ID are not duplicates of each other.
func TestUnnamableIDsFailAlone(t *testing.T) {
	dir := t.TempDir()
	sink, err := Dir(dir, "files", false)
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("x", recipients.MaxFileName+1)
	sum, err := Run(context.Background(), fake{}, withIDs("a", "", long, "b", ""), Options{Emails: []string{"e"}, IDOf: idOf}, sink)
	if err != nil || sum.Rendered != 2 || sum.Failed != 3 {
		t.Fatalf("%+v, %v", sum, err)
	}
	failures, _ := os.ReadFile(filepath.Join(dir, "failures.jsonl"))
	if !bytes.Contains(failures, []byte(`"in.jsonl:2: e: the recipient has no ID`)) || !bytes.Contains(failures, []byte("too long for a file name")) ||
		!bytes.Contains(failures, []byte(`"in.jsonl:5: e: the recipient has no ID`)) || bytes.Contains(failures, []byte("duplicates")) {
		t.Errorf("failures.jsonl (two recipients without an ID are not duplicates):\n%s", failures)
	}
}

// TestIDSet checks the set's answers over a million IDs and measures its
// memory, sized for them and grown to them: about 14 and 14 to 27 bytes an
// ID, outside the Go heap where the system maps memory, so the garbage
// collector's goal does not grow with it. Ten million IDs take ten times
// as much (see docs/batch.md).
func TestIDSet(t *testing.T) {
	const n = 1_000_000
	for _, expected := range []int64{n, 0} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		rss := residentBytes()
		s := newIDSet(expected)
		for i := range n {
			if err := s.check(fmt.Sprintf("c-%d", i), recipients.Record{Source: "in.jsonl", Line: i + 1}); err != nil {
				t.Fatalf("%d: %v", i, err)
			}
		}
		rss = residentBytes() - rss
		runtime.GC()
		runtime.ReadMemStats(&after)
		heap := float64(after.HeapAlloc) - float64(before.HeapAlloc)
		perID := float64(s.bytes()) / n
		t.Logf("expected %d: %d IDs: table %.1f MB (%.1f bytes an ID), resident memory +%.1f MB, Go heap %+.1f MB",
			expected, n, float64(s.bytes())/1e6, perID, float64(rss)/1e6, heap/1e6)
		if limit := map[int64]float64{n: 16, 0: 32}[expected]; perID > limit {
			t.Errorf("expected %d: %.1f bytes an ID, want at most %.0f", expected, perID, limit)
		}
		if tableMapped && heap > n/4 {
			t.Errorf("the table is on the Go heap: it grew by %.1f MB", heap/1e6)
		}
		var de *DuplicateError
		err := s.check("c-123456", recipients.Record{Source: "other.csv", Line: 7})
		if !errors.As(err, &de) || de.Error() != "other.csv:7 duplicates the recipient at in.jsonl:123457" {
			t.Errorf("duplicate: %v", err)
		}
		s.close()
	}
}

// residentBytes is the process's resident memory on Linux, else 0.
func residentBytes() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	var size, resident int64
	fmt.Sscan(string(b), &size, &resident)
	return resident * int64(os.Getpagesize())
}

// TestPlaces: source:line survives the round trip through a place, over
// several sources.
func TestPlaces(t *testing.T) {
	var p places
	recs := []recipients.Record{{Source: "a.json", Line: 1}, {Source: "a.json", Line: 9}, {Source: "b.json", Line: 1}, {Source: "b.json", Line: 3}, {Source: "a.json", Line: 2}}
	var got []string
	for _, r := range recs {
		got = append(got, p.name(p.place(r)))
	}
	if fmt.Sprint(got) != "[a.json:1 a.json:9 b.json:1 b.json:3 a.json:2]" {
		t.Errorf("got %v", got)
	}
}
