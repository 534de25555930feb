package main

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"testing"
)

// TestShardsCoverEveryRecipient runs tailor render --shard i/3 for i = 0,
// 1, 2 and requires the union of their JSONL lines to be exactly the
// unsharded run's lines: every recipient (and the unreadable line) once.
func TestShardsCoverEveryRecipient(t *testing.T) {
	in := writeRecipients(t, 600)
	render := func(extra ...string) []string {
		var stdout, stderr bytes.Buffer
		args := append([]string{"render", "--recipients", in, "--email", "newsletter", "--quiet"}, extra...)
		code := run(args, &cmdEnv{stdout: &stdout, stderr: &stderr})
		failed := strings.Count(stdout.String(), `"error":`)
		if want := min(failed, 1); code != want { // 1 when the shard has a bad recipient
			t.Fatalf("%v: exit %d with %d failures\n%s", extra, code, failed, stderr.String())
		}
		return strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
	}
	all := render()
	if len(all) != 602 {
		t.Fatalf("unsharded run: %d lines, want 602", len(all))
	}
	seen := map[string]int{}
	for i := range 3 {
		lines := render("--shard", fmt.Sprintf("%d/3", i))
		if len(lines) < 602/6 {
			t.Errorf("shard %d/3 has %d of 602 lines: the hash does not spread", i, len(lines))
		}
		for _, l := range lines {
			seen[l]++
		}
	}
	for _, l := range all {
		if seen[l] != 1 {
			t.Errorf("in %d shards: %.60s", seen[l], l)
		}
		delete(seen, l)
	}
	var extra []string
	for l := range seen {
		extra = append(extra, l)
	}
	sort.Strings(extra)
	for _, l := range extra {
		t.Errorf("only in a shard: %.60s", l)
	}
}
