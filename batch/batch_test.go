package batch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/segment"
)

// fake renders "<id>" after a random delay, and fails IDs that start with "bad".
type fake struct{}

func (fake) Render(_ context.Context, req render.Request) (*render.Message, error) {
	time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
	id := req.Profile["id"].(string)
	if strings.HasPrefix(id, "bad") {
		return nil, errors.New("template failed")
	}
	return &render.Message{ID: id, Template: req.Email, HTML: "<p>" + id + "</p>", Text: id,
		Segments: []string{"s"}, Modules: map[string]string{"hero": "hero/x"}, Variants: map[string]string{"x": "a"}}, nil
}

func records(n int, bad map[int]bool) iter.Seq[recipients.Record] {
	return func(yield func(recipients.Record) bool) {
		for i := range n {
			r := recipients.Record{Source: "in.jsonl", Line: i + 1, Profile: segment.Profile{"id": fmt.Sprintf("r%04d", i)}}
			if bad[i] {
				r.Profile["id"] = fmt.Sprintf("bad%04d", i)
			}
			if !yield(r) {
				return
			}
		}
	}
}

func idOf(r recipients.Record) string {
	if r.Profile == nil {
		return ""
	}
	return r.Profile["id"].(string)
}

func TestRunKeepsInputOrderAndCounts(t *testing.T) {
	var out bytes.Buffer
	in := func(yield func(recipients.Record) bool) {
		for r := range records(500, map[int]bool{7: true, 300: true}) {
			if !yield(r) {
				return
			}
		}
		yield(recipients.Record{Source: "in.jsonl", Line: 501, Err: errors.New("malformed JSON")})
	}
	sum, err := Run(context.Background(), fake{}, in, Options{Emails: []string{"e1", "e2"}, Workers: 8, IDOf: idOf}, JSONL(&out))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Rendered != 996 || sum.Failed != 6 || sum.Skipped != 0 {
		t.Errorf("rendered %d failed %d skipped %d, want 996 6 0", sum.Rendered, sum.Failed, sum.Skipped)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 1002 {
		t.Fatalf("%d lines, want 1002", len(lines))
	}
	for i, l := range lines[:1000] {
		id := fmt.Sprintf("%04d", i/2)
		email := fmt.Sprintf("e%d", i%2+1)
		if !strings.Contains(l, id+`"`) || !strings.Contains(l, `"template":"`+email+`"`) {
			t.Fatalf("line %d out of order: %s", i, l)
		}
	}
	if !strings.Contains(lines[14], `"error":"in.jsonl:8 (recipient bad0007): e1: template failed"`) {
		t.Errorf("failure line: %s", lines[14])
	}
	if !strings.Contains(lines[1000], `"error":"in.jsonl:501: malformed JSON"`) {
		t.Errorf("unreadable record line: %s", lines[1000])
	}
	if sum.Segments["s"] != 996 || sum.Modules["hero=hero/x"] != 996 || sum.Variants["x=a"] != 996 {
		t.Errorf("counts: %v %v %v", sum.Segments, sum.Modules, sum.Variants)
	}
}

func TestShardsCoverEveryRecipientOnce(t *testing.T) {
	const n, shards = 5000, 7
	seen := map[string]int{}
	for i := range shards {
		var out bytes.Buffer
		_, err := Run(context.Background(), fake{}, records(n, nil), Options{Emails: []string{"e"}, Workers: 2, IDOf: idOf, Shard: Shard{I: i, N: shards}}, JSONL(&out))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		if len(lines) < n/shards/2 {
			t.Errorf("shard %d has only %d recipients: the hash does not spread", i, len(lines))
		}
		for _, l := range lines {
			seen[l]++
		}
	}
	if len(seen) != n {
		t.Errorf("shards covered %d recipients, want %d", len(seen), n)
	}
	for l, c := range seen {
		if c != 1 {
			t.Errorf("%s rendered %d times", l[:30], c)
		}
	}
}

func TestParseShard(t *testing.T) {
	if s, err := ParseShard("2/5"); err != nil || s != (Shard{2, 5}) {
		t.Errorf("ParseShard(2/5) = %v, %v", s, err)
	}
	for _, bad := range []string{"5/5", "-1/3", "1", "a/b", "0/0"} {
		if _, err := ParseShard(bad); err == nil {
			t.Errorf("ParseShard(%q) succeeded", bad)
		}
	}
}

// TestResume runs a batch, cuts its output short as a killed run would
// leave it, resumes, and checks the result equals an uninterrupted run.
func TestResume(t *testing.T) {
	bad := map[int]bool{3: true, 150: true}
	for _, format := range []string{"jsonl", "files"} {
		t.Run(format, func(t *testing.T) {
			full, cut := t.TempDir(), t.TempDir()
			run := func(dir string, resume bool, n int) *Summary {
				sink, err := Dir(dir, format, resume)
				if err != nil {
					t.Fatal(err)
				}
				sum, err := Run(context.Background(), fake{}, records(n, bad), Options{Emails: []string{"e"}, Workers: 4, IDOf: idOf}, sink)
				if err != nil {
					t.Fatal(err)
				}
				return sum
			}
			run(full, false, 200)
			run(cut, false, 120)
			if format == "jsonl" { // a partial last line, as a kill mid-write leaves
				f, _ := os.OpenFile(filepath.Join(cut, "messages.jsonl"), os.O_APPEND|os.O_WRONLY, 0)
				f.WriteString(`{"id":"r0120","templ`)
				f.Close()
			} else { // a temp file, as a kill before rename leaves
				os.WriteFile(filepath.Join(cut, "e", ".tmp-r0121.html-123"), []byte("<p>half"), 0o644)
			}
			sum := run(cut, true, 200)
			if want := 119; format == "jsonl" && sum.Skipped != 120 || format == "files" && sum.Skipped != want {
				t.Errorf("skipped %d", sum.Skipped)
			}
			if diff := compareTrees(full, cut); diff != "" {
				t.Error(diff)
			}
		})
	}
}

// compareTrees reports the first difference between two output folders.
func compareTrees(a, b string) string {
	files := map[string]bool{}
	for _, root := range []string{a, b} {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(root, p)
				files[rel] = true
			}
			return nil
		})
	}
	for rel := range files {
		x, errA := os.ReadFile(filepath.Join(a, rel))
		y, errB := os.ReadFile(filepath.Join(b, rel))
		if errA != nil || errB != nil {
			return fmt.Sprintf("%s: only in one run (%v, %v)", rel, errA, errB)
		}
		if !bytes.Equal(x, y) {
			return fmt.Sprintf("%s differs:\n%s\n---\n%s", rel, clip(x), clip(y))
		}
	}
	return ""
}

func clip(b []byte) string {
	if len(b) > 400 {
		b = b[:400]
	}
	return string(b)
}
