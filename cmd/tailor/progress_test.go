package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/batch"
)

func TestCountRecords(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, data string
		want       int64
	}{
		{"a.jsonl", "{}\n{}\n{}\n", 3},
		{"b.jsonl", "{}\n{}\n{}", 3}, // no final newline
		{"c.csv", "id,email\n1,a\n2,b\n", 2},
		{"d.txt", "id,email\n1,a\n", 1}, // sniffed as CSV
		{"e.txt", "{}\n{}\n", 2},        // sniffed as JSONL
		{"f.json", "[\n{},\n{}\n]\n", -1},
		{"g.jsonl", "", 0},
	} {
		path := filepath.Join(dir, tc.name)
		if err := os.WriteFile(path, []byte(tc.data), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := countRecords(path); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
	for _, name := range []string{"-", "", filepath.Join(dir, "missing.jsonl")} {
		if got := countRecords(name); got != -1 {
			t.Errorf("%q: %d, want -1", name, got)
		}
	}
}

func TestEstimate(t *testing.T) {
	for _, tc := range []struct {
		total  int64
		emails int
		shard  batch.Shard
		want   int64
	}{
		{10, 2, batch.Shard{}, 20},
		{10, 1, batch.Shard{I: 1, N: 3}, 4},
		{-1, 2, batch.Shard{}, -1},
	} {
		if got := (input{total: tc.total}).estimate(tc.emails, tc.shard); got != tc.want {
			t.Errorf("estimate(%d, %d, %v) = %d, want %d", tc.total, tc.emails, tc.shard, got, tc.want)
		}
	}
}

// TestReporterWithoutTerminal: a plain line per interval when stderr is
// not a terminal, nothing when quiet.
func TestReporterWithoutTerminal(t *testing.T) {
	var buf bytes.Buffer
	sum := &batch.Summary{Rendered: 5, Failed: 1, Skipped: 2, Start: time.Now()}
	rep := newReporter(&buf, 100, false, 0)
	rep.update(sum)
	rep.update(sum)
	rep.done(sum)
	if got := strings.Count(buf.String(), "rendered 5, failed 1, skipped 2 ("); got != 2 {
		t.Errorf("%d progress lines, want 2:\n%s", got, buf.String())
	}
	buf.Reset()
	rep = newReporter(&buf, 100, false, time.Hour)
	rep.update(sum)
	if buf.Len() != 0 {
		t.Errorf("a line before the interval: %q", buf.String())
	}
	quiet := newReporter(&buf, 100, true, 0)
	if quiet.update != nil {
		t.Error("quiet has a progress callback")
	}
	quiet.done(sum)
	if buf.Len() != 0 {
		t.Errorf("quiet wrote %q", buf.String())
	}
}

// TestBarReporter draws the terminal bar into a buffer: the count, the
// rate and, with a known total, the ETA.
func TestBarReporter(t *testing.T) {
	var buf bytes.Buffer
	rep := barReporter(&buf, 1000)
	sum := &batch.Summary{Start: time.Now()}
	for i := range 1000 {
		sum.Rendered = i + 1
		rep.update(sum)
		if i == 500 {
			time.Sleep(120 * time.Millisecond) // past the bar's throttle
		}
	}
	rep.done(sum)
	out := buf.String()
	for _, want := range []string{"rendering", "/1000", "msg/s"} {
		if !strings.Contains(out, want) {
			t.Errorf("bar output lacks %q: %q", want, out)
		}
	}
}
