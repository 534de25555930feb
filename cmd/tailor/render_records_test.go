package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/batch"
)

// TestRenderReadsPastLongLines: a JSONL line of 17 MiB (over the 16 MiB
// that once ended the batch there, silently) is rendered by default, and
// every line after it is read; with --max-record under its size it fails
// alone, at its source:line, and the others are rendered.
func TestRenderReadsPastLongLines(t *testing.T) {
	file := filepath.Join(t.TempDir(), "people.jsonl")
	data := `{"id": "a", "email": "a@example.com"}` + "\n" +
		`{"id": "big", "email": "big@example.com", "pad": "` + strings.Repeat("x", 17<<20) + `"}` + "\n" +
		`{"id": "c", "email": "c@example.com"}` + "\n" + `{"id": "d", "email": "d@example.com"}` + "\n"
	if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args         []string
		code         int
		summary, out string
	}{
		{nil, 0, "rendered 4, failed 0, skipped 0 of 4 records in", `"id":"big"`},
		{[]string{"--max-record", "16777216"}, 1, "rendered 3, failed 1, skipped 0 of 4 records in",
			`"error":"` + file + `:2: record of 17825844 bytes is over the 16777216-byte limit (--max-record); skipped"`},
	} {
		var stdout, stderr bytes.Buffer
		args := append([]string{"render", "--recipients", file, "--email", "newsletter"}, tt.args...)
		code := run(args, &cmdEnv{stdout: &stdout, stderr: &stderr})
		if code != tt.code || !strings.Contains(stderr.String(), tt.summary) {
			t.Errorf("%v: exit %d, want %d; stderr:\n%s", tt.args, code, tt.code, stderr.String())
		}
		if got := strings.Count(stdout.String(), "\n"); got != 4 || !strings.Contains(stdout.String(), tt.out) {
			t.Errorf("%v: %d lines, want 4, with %s", tt.args, got, tt.out)
		}
	}
}

// TestDuplicateCheckSizedFromLineCount: the batch is told how many
// records to expect, the file's line count divided among the shards, so
// the duplicate check is sized once; unknown is 0.
func TestDuplicateCheckSizedFromLineCount(t *testing.T) {
	for _, tt := range []struct {
		total int64
		shard batch.Shard
		want  int64
	}{{1000, batch.Shard{}, 1000}, {1000, batch.Shard{I: 1, N: 4}, 250}, {1001, batch.Shard{N: 4}, 251}, {-1, batch.Shard{}, 0}} {
		if got := (input{total: tt.total}).records(tt.shard); got != tt.want {
			t.Errorf("%d records, shard %v: expect %d, want %d", tt.total, tt.shard, got, tt.want)
		}
	}
}
